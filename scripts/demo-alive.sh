#!/usr/bin/env bash
# `make run` in development (unless RESKFLOW_DEMO_ALIVE=0): serves, and keeps the demo alive with
# the city simulator's demo scenario (docs/simulator.md) against that server until Ctrl-C. The
# simulated couriers have no ID documents and the set-up signs in some eighty accounts from one
# address, so this development server skips couriers' ID verification and raises the sign-in
# rate limit. The simulator's report and progress go to var/simulate.log.
# Usage: scripts/demo-alive.sh path/to/reskflow
set -euo pipefail

binary="$1"
port="${PORT:-3000}"
startup_deadline_seconds=60
export RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION=0
export RESKFLOW_IDENTITY_AUTH_RATE_BURST=1000

"${binary}" serve &
server=$!
simulator=""
stop() {
  if [[ -n "${simulator}" ]]; then kill "${simulator}" 2>/dev/null || true; fi
  kill "${server}" 2>/dev/null || true
  wait || true
}
trap stop EXIT INT TERM

deadline=$((SECONDS + startup_deadline_seconds))
until curl -sf -o /dev/null "http://127.0.0.1:${port}/health"; do
  kill -0 "${server}" 2>/dev/null || exit 1
  if ((SECONDS >= deadline)); then echo "no answer on port ${port}" >&2; exit 1; fi
  sleep 0.5
done
echo "Keeping the demo alive: reskflow simulate --scenario demo (log: var/simulate.log)"
"${binary}" simulate --target "http://127.0.0.1:${port}" --scenario demo --duration 168h \
  --seed "${RESKFLOW_DEMO_SEED:-1}" >>var/simulate.log 2>&1 &
simulator=$!
wait "${server}"

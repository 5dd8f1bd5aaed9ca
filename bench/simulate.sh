#!/usr/bin/env bash
# The city simulator's shortened peak hour (docs/simulator.md): scenarios/peak-hour.json scaled
# down (bench/simulate_lib.sh) against one `reskflow serve` on SQLite pinned to core 0, the
# simulator on core 1, then the ledger check. Prints the simulator's report; nothing here
# asserts a number.
# Usage: bench/simulate.sh [path/to/reskflow]
# env: bench/simulate_lib.sh's BENCH_SIM_SCALE (0.02), BENCH_SIM_SECONDS (60),
#      BENCH_SIM_COMPRESSION (10), BENCH_SIM_SEED (1), BENCH_SIM_GPS_INTERVAL_S,
#      BENCH_SIM_REPORT; and BENCH_SIM_POLICY (the server's RESKFLOW_DELIVERIES_DISPATCH_POLICY,
#      optimized), BENCH_SIM_DISPATCH_INTERVAL_S (its DISPATCH_INTERVAL_S, 5)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
policy="${BENCH_SIM_POLICY:-optimized}"
dispatch_interval="${BENCH_SIM_DISPATCH_INTERVAL_S:-5}"
server_cpu=0
load_cpu=1
startup_deadline_seconds=60
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"
# shellcheck source=bench/simulate_lib.sh
source "${root}/bench/simulate_lib.sh"

server="$(find_server "${1:-}")"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "${tmp}"
}
trap cleanup EXIT

described="$(write_scenario)"
port="$(free_port)"
DATABASE_URL="sqlite:${tmp}/reskflow.db" PORT="${port}" LOG_LEVEL=warn RESKFLOW_IO_THREADS=1 \
  RESKFLOW_IDENTITY_ARGON2_OPS=1 RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB=64 \
  RESKFLOW_IDENTITY_AUTH_RATE_BURST=1000000 RESKFLOW_IDENTITY_USER_RATE_BURST=1000000 \
  RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION=0 RESKFLOW_PROOFS_DIR="${tmp}/proofs" \
  RESKFLOW_DELIVERIES_DISPATCH_POLICY="${policy}" \
  RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S="${dispatch_interval}" \
  RESKFLOW_WEB_ROOT="${tmp}/web" RESKFLOW_NOTIFICATIONS_MAIL_FILE="${tmp}/mail.log" \
  taskset -c "${server_cpu}" "${server}" serve >>"${tmp}/reskflow.log" 2>&1 &
pids+=("$!")
if ! wait_for_url "http://127.0.0.1:${port}/health" "$!"; then
  tail -20 "${tmp}/reskflow.log" >&2
  exit 1
fi

echo "peak hour x ${sim_scale}, dispatch ${policy}: ${described}"
run_simulation "http://127.0.0.1:${port}"
echo "ledger check:"
DATABASE_URL="sqlite:${tmp}/reskflow.db" "${server}" ledger check || true

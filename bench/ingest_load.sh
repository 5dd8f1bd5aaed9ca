#!/usr/bin/env bash
# Location-ingest benchmark (issue 14, requirement 4): `reskflow serve` pinned to CPU 0, the
# Node client (bench/node/ingest_load.mjs) on CPU 1 with 5,000 couriers and 5,000 customers on
# their own WebSockets (each courier authenticates its socket with its own ticket, so one socket
# per courier; 10,000 sockets on each side of loopback, under the 20,000 open-files limit).
# Each courier carries one delivery its customer follows; the couriers send 20,000 location
# updates a second in all. Prints updates/s delivered, ingest-to-subscriber latency and the CPU
# time per update. See bench/README.md, "Location ingest".
# Usage: bench/ingest_load.sh [path/to/reskflow]
# env: BENCH_DRIVERS (5000), BENCH_RATE (20000), BENCH_SECONDS (20), BENCH_WARMUP_SECONDS (5),
#      BENCH_MERCHANTS (100)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_cpu=0
load_cpu=1
startup_deadline_seconds=60
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"

# Two sockets per courier (theirs and their customer's) on each side, plus the setup's HTTP
# connections, files and the database.
check_open_files() {
  local needed=$((2 * ${BENCH_DRIVERS:-5000} + 500))
  if (($(ulimit -n) < needed)); then
    ulimit -n "${needed}" 2>/dev/null || {
      echo "ingest: ${needed} open files needed, the limit is $(ulimit -n)" >&2
      return 1
    }
  fi
}

main() {
  local server port
  if ! server="$(find_server "${1:-}")"; then
    echo "reskflow binary not found; build it (make build) or pass its path" >&2
    return 1
  fi
  check_open_files
  port="$(free_port)"
  # Setup runs fast (cheap password hashing, no rate limits); every waiting order is offered at
  # once, every point is forwarded (no throttle), and couriers stay available however long the
  # setup takes.
  DATABASE_URL="sqlite:${tmp}/ingest.db" PORT="${port}" LOG_LEVEL=warn RESKFLOW_IO_THREADS=1 \
    RESKFLOW_CONNECTIONS_MAX=$((2 * ${BENCH_DRIVERS:-5000} + 1000)) \
    RESKFLOW_IDENTITY_ARGON2_OPS=1 RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB=64 \
    RESKFLOW_IDENTITY_AUTH_RATE_BURST=1000000 RESKFLOW_IDENTITY_USER_RATE_BURST=1000000 \
    RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION=0 RESKFLOW_DRIVERS_SUSPECT_AFTER_S=3600 \
    RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS=0 RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S=1 \
    RESKFLOW_DELIVERIES_DISPATCH_LEAD_S=86400 RESKFLOW_DELIVERIES_ROUND_BUDGET_MS=10000 \
    RESKFLOW_DELIVERIES_OFFER_TIMEOUT_S=600 \
    RESKFLOW_WEB_ROOT="${tmp}/web" RESKFLOW_NOTIFICATIONS_MAIL_FILE="${tmp}/mail.log" \
    taskset -c "${server_cpu}" "${server}" serve >>"${tmp}/reskflow.log" 2>&1 &
  pids+=("$!")
  server_pid="$!"
  if ! wait_for_url "http://127.0.0.1:${port}/health" "${server_pid}"; then
    tail -20 "${tmp}/reskflow.log" >&2
    return 1
  fi
  BENCH_CLK_TCK="$(getconf CLK_TCK)" taskset -c "${load_cpu}" \
    node --no-warnings "${root}/bench/node/ingest_load.mjs" \
    "http://127.0.0.1:${port}" "${server_pid}"
}

tmp="$(mktemp -d)"
pids=()
server_pid=""
trap stop_all EXIT
main "$@"

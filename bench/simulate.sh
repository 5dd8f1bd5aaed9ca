#!/usr/bin/env bash
# The city simulator's shortened peak hour (docs/simulator.md): scenarios/peak-hour.json scaled
# down by BENCH_SIM_SCALE (couriers, customers, merchants and the order rate alike) against one
# `reskflow serve` on SQLite pinned to core 0, the simulator on core 1, in time compressed by
# BENCH_SIM_COMPRESSION (so that orders end within the drain: each courier then reports that
# many times as often). Prints the simulator's report; nothing here asserts a number.
# Usage: bench/simulate.sh [path/to/reskflow]
# env: BENCH_SIM_SCALE (0.02), BENCH_SIM_SECONDS (60: real seconds of placing orders),
#      BENCH_SIM_COMPRESSION (10), BENCH_SIM_SEED (1), BENCH_SIM_GPS_INTERVAL_S (the scenario's
#      5), BENCH_SIM_POLICY (the server's RESKFLOW_DELIVERIES_DISPATCH_POLICY, optimized),
#      BENCH_SIM_DISPATCH_INTERVAL_S (its DISPATCH_INTERVAL_S, 5), BENCH_SIM_REPORT (a path to
#      keep the JSON report at, with its HTML page and the server's SQLite database beside it;
#      none by default)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scale="${BENCH_SIM_SCALE:-0.02}"
seconds="${BENCH_SIM_SECONDS:-60}"
seed="${BENCH_SIM_SEED:-1}"
compression="${BENCH_SIM_COMPRESSION:-10}"
gps_interval="${BENCH_SIM_GPS_INTERVAL_S:-}"
policy="${BENCH_SIM_POLICY:-optimized}"
dispatch_interval="${BENCH_SIM_DISPATCH_INTERVAL_S:-5}"
server_cpu=0
load_cpu=1
startup_deadline_seconds=60
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"

server="$(find_server "${1:-}")"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "${tmp}"
}
trap cleanup EXIT

python3 - "${root}/scenarios/peak-hour.json" "${tmp}/scenario.json" "${scale}" "${compression}" \
  "${gps_interval}" <<'PY'
import json, sys
source, target, scale, compression = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
s = json.load(open(source))
s["name"] = "peak-hour-bench"
s["couriers"]["count"] = max(5, round(s["couriers"]["count"] * scale))
s["customers"] = max(10, round(s["customers"] * scale))
s["merchants"]["count"] = max(2, round(s["merchants"]["count"] * scale))
s["orders"]["per_day"] = s["orders"]["per_day"] * scale
s["orders"]["time_compression"] = compression
s["drain_s"] = 600
if sys.argv[5]:
    s["couriers"]["gps_interval_s"] = float(sys.argv[5])
json.dump(s, open(target, "w"))
PY

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

echo "peak hour x ${scale}, dispatch ${policy}: $(python3 -c "import json;s=json.load(open('${tmp}/scenario.json'));c=s['orders']['time_compression'];print(s['couriers']['count'],'couriers,',s['customers'],'customers,',s['merchants']['count'],'merchants,',round(s['orders']['per_day']*14/134/3600*c,2),'orders/s and',round(s['couriers']['count']/s['couriers']['gps_interval_s']*c),'points/s at the peak, time x',c)")"
status=0
taskset -c "${load_cpu}" "${server}" simulate --target "http://127.0.0.1:${port}" \
  --scenario "${tmp}/scenario.json" --duration "${seconds}s" --seed "${seed}" \
  --report "${tmp}/report.json" || status=$?
if [[ -n "${BENCH_SIM_REPORT:-}" && -f "${tmp}/report.json" ]]; then
  cp "${tmp}/report.json" "${BENCH_SIM_REPORT}"
  cp "${tmp}/report.html" "${BENCH_SIM_REPORT%.json}.html" 2>/dev/null || true
  # The server's database beside it (a consistent copy while it runs), for
  # bench/dispatch_split.py.
  python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
    "${tmp}/reskflow.db" "${BENCH_SIM_REPORT%.json}.db"
fi
echo "simulate exited ${status}; ledger check:"
DATABASE_URL="sqlite:${tmp}/reskflow.db" "${server}" ledger check || true

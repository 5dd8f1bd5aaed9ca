# The city simulator's scaled peak hour, for the benchmarks that run it: bench/simulate.sh against
# one node, bench/simulate_cluster.sh against the scale-out deployment. Sourced; the caller sets
# root, tmp, server and load_cpu. Settings (environment): BENCH_SIM_SCALE (0.02),
# BENCH_SIM_SECONDS (60: real seconds of placing orders), BENCH_SIM_COMPRESSION (10),
# BENCH_SIM_SEED (1), BENCH_SIM_GPS_INTERVAL_S (the scenario's 5), BENCH_SIM_REPORT (a path to
# keep the JSON report at, with its HTML page and, on SQLite, the server's database beside it;
# none by default).
sim_scale="${BENCH_SIM_SCALE:-0.02}"
sim_seconds="${BENCH_SIM_SECONDS:-60}"
sim_seed="${BENCH_SIM_SEED:-1}"
sim_compression="${BENCH_SIM_COMPRESSION:-10}"
sim_gps_interval="${BENCH_SIM_GPS_INTERVAL_S:-}"

# scenarios/peak-hour.json scaled down by sim_scale (couriers, customers, merchants and the
# order rate alike), in time compressed by sim_compression (so that orders end within the drain:
# each courier then reports that many times as often), as ${tmp}/scenario.json; prints what it
# plays.
write_scenario() {
  python3 - "${root}/scenarios/peak-hour.json" "${tmp}/scenario.json" "${sim_scale}" \
    "${sim_compression}" "${sim_gps_interval}" <<'PY'
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
c = s["orders"]["time_compression"]
print(s["couriers"]["count"], "couriers,", s["customers"], "customers,", s["merchants"]["count"],
      "merchants,", round(s["orders"]["per_day"] * 14 / 134 / 3600 * c, 2), "orders/s and",
      round(s["couriers"]["count"] / s["couriers"]["gps_interval_s"] * c),
      "points/s at the peak, time x", c)
PY
}

# The simulator against the base URL $1 on load_cpu; prints its report, keeps the JSON report
# (its page, a SQLite server's database) at BENCH_SIM_REPORT when set, and sets sim_status to
# its exit code.
run_simulation() {
  sim_status=0
  taskset -c "${load_cpu}" "${server}" simulate --target "$1" \
    --scenario "${tmp}/scenario.json" --duration "${sim_seconds}s" --seed "${sim_seed}" \
    --report "${tmp}/report.json" || sim_status=$?
  if [[ -n "${BENCH_SIM_REPORT:-}" && -f "${tmp}/report.json" ]]; then
    cp "${tmp}/report.json" "${BENCH_SIM_REPORT}"
    cp "${tmp}/report.html" "${BENCH_SIM_REPORT%.json}.html" 2>/dev/null || true
    # A SQLite server's database beside it (a consistent copy while it runs), for
    # bench/dispatch_split.py.
    if [[ -f "${tmp}/reskflow.db" ]]; then
      python3 -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))' \
        "${tmp}/reskflow.db" "${BENCH_SIM_REPORT%.json}.db"
    fi
  fi
  echo "simulate exited ${sim_status}"
}

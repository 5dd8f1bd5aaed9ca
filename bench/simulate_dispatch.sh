#!/usr/bin/env bash
# Dispatch quality on the simulator's day (issue 18, requirement 4; docs/simulator.md): the same
# scaled peak hour and seed against the server's dispatcher (RESKFLOW_DELIVERIES_DISPATCH_POLICY
# optimized), against the nearest-available-courier rule (nearest), and against the dispatcher
# once more, so that the difference between two runs of one policy shows what difference
# between the policies means something. Each run is bench/simulate.sh on a fresh database.
# Prints courier metres per delivered order, minutes to the door (mean, p90) and the on-time
# rate of each run, and nearest / optimized; then, from each run's database, where the metres
# went (bench/dispatch_split.py: the approach to the pickup against the carry to the door, by
# vehicle, declined first or not). Nothing here asserts a number.
# Usage: bench/simulate_dispatch.sh [path/to/reskflow]
# env: BENCH_DISPATCH_SCALE (0.01), BENCH_DISPATCH_SECONDS (60: real seconds of placing orders),
#      BENCH_DISPATCH_COMPRESSION (20), BENCH_DISPATCH_GPS_INTERVAL_S (20, simulated),
#      BENCH_DISPATCH_SEED (1), BENCH_DISPATCH_REPEAT (1: run the dispatcher twice; 0: once),
#      BENCH_DISPATCH_OUT (a directory to keep the reports and logs in; a temporary one otherwise)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${BENCH_DISPATCH_OUT:-}"
tmp=""
if [[ -z "${out}" ]]; then
  tmp="$(mktemp -d)"
  out="${tmp}"
  trap 'rm -rf "${tmp}"' EXIT
fi
mkdir -p "${out}"
runs=(optimized nearest)
if [[ "${BENCH_DISPATCH_REPEAT:-1}" == 1 ]]; then runs+=(optimized-again); fi

for run in "${runs[@]}"; do
  echo "-- ${run} (log: ${out}/${run}.log)"
  BENCH_SIM_SCALE="${BENCH_DISPATCH_SCALE:-0.01}" \
    BENCH_SIM_SECONDS="${BENCH_DISPATCH_SECONDS:-60}" \
    BENCH_SIM_COMPRESSION="${BENCH_DISPATCH_COMPRESSION:-20}" \
    BENCH_SIM_GPS_INTERVAL_S="${BENCH_DISPATCH_GPS_INTERVAL_S:-20}" \
    BENCH_SIM_SEED="${BENCH_DISPATCH_SEED:-1}" \
    BENCH_SIM_POLICY="${run%-again}" BENCH_SIM_DISPATCH_INTERVAL_S=1 \
    BENCH_SIM_REPORT="${out}/${run}.json" \
    "${root}/bench/simulate.sh" "${1:-}" >"${out}/${run}.log" 2>&1 || true
  grep -E "^peak hour|orders:|delivery:|nothing lost|simulate exited" "${out}/${run}.log" |
    sed 's/^/   /' || true
done

python3 - "${out}" "${runs[@]}" <<'PY'
import json, os, sys

out, runs = sys.argv[1], sys.argv[2:]
reports = {}
for run in runs:
    path = os.path.join(out, run + ".json")
    if not os.path.exists(path):
        sys.exit(f"no report from the {run} run: see {out}/{run}.log")
    reports[run] = json.load(open(path))

def figures(r):
    d, o = r["delivery"], r["orders"]
    return {
        "orders placed": o["placed"],
        "delivered": o["delivered"],
        "courier metres per delivered order": d["courier_metres_per_order"]["mean"],
        "minutes to the door, mean": d["minutes"]["mean"],
        "minutes to the door, p90": d["minutes"]["p90"],
        "on time (%d min), %%" % d["on_time_minutes"]: 100 * d["on_time_rate"],
        "offers declined or lapsed": r["couriers"]["offers_declined"] + r["couriers"]["offers_lost"],
    }

table = {run: figures(r) for run, r in reports.items()}
head = "%-38s" % "" + "".join("%16s" % run for run in runs) + "%18s" % "nearest/optimized"
if "optimized-again" in runs:
    head += "%18s" % "repeat differs by"
print("\n" + head)
for key in table["optimized"]:
    a, n = table["optimized"][key], table["nearest"][key]
    row = "%-38s" % key + "".join("%16.1f" % table[run][key] for run in runs)
    row += "%18s" % ("%.3f" % (n / a) if a else "-")
    if "optimized-again" in runs:
        b = table["optimized-again"][key]
        row += "%18s" % ("%+.1f %%" % (100 * (b - a) / a) if a else "-")
    print(row)
lost = {run: r["nothing_lost"]["orders_lost"] for run, r in reports.items()}
print("orders lost per run:", lost)
PY
dbs=()
for run in "${runs[@]}"; do dbs+=("${out}/${run}.db"); done
python3 "${root}/bench/dispatch_split.py" "${dbs[@]}"

#!/usr/bin/env bash
# `make bench`: core_bench (Google Benchmark), the HTTP load tests against nginx, Express and
# Fastify, order placement, the web budgets (JavaScript per page, Lighthouse), recommendations'
# hit rates, location ingest over WebSocket, one to three nodes behind HAProxy (and the city
# simulator against three), and the solver, discovery and dispatch benchmarks when they are
# built. Prints numbers only; nothing here asserts a timing.
# Usage: bench/run.sh [BUILD_DIR]   (default build/release; configured with -DRESKFLOW_BENCH=ON)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(realpath -m "${1:-${root}/build/release}")"

core_bench="${build}/bench/core_bench"
if [[ ! -x "${core_bench}" ]]; then
  echo "bench: ${core_bench} is missing; configure ${build} with -DRESKFLOW_BENCH=ON" >&2
  exit 1
fi

echo "== core_bench (pinned to CPU 0)"
taskset -c 0 "${core_bench}"

echo
echo "== HTTP load"
"${root}/bench/http_load.sh" "${build}/src/app/reskflow"

echo
echo "== menu and discovery load (issue 4)"
"${root}/bench/menu_load.sh" "${build}/src/app/reskflow"

echo
echo "== web budgets (issue 6)"
"${root}/bench/web_budget.sh" "${build}/src/app/reskflow"

drivers_bench="${build}/bench/drivers/drivers_bench"
if [[ -x "${drivers_bench}" ]]; then
  echo
  echo "== drivers_bench (50,000 online couriers, pinned to CPU 0)"
  taskset -c 0 "${drivers_bench}"
fi

echo
echo "== city simulator, shortened peak hour (issue 18)"
"${root}/bench/simulate.sh" "${build}/src/app/reskflow"

echo
echo "== dispatch quality on the simulator's day against nearest-available (issue 18), shortened"
BENCH_DISPATCH_SECONDS=30 BENCH_DISPATCH_REPEAT=0 \
  "${root}/bench/simulate_dispatch.sh" "${build}/src/app/reskflow"

echo
echo "== order placement (issue 13)"
"${root}/bench/orders_load.sh" "${build}/src/app/reskflow"

recommendations_bench="${build}/bench/recommendations/recommendations_bench"
if [[ -x "${recommendations_bench}" ]]; then
  echo
  echo "== recommendations_bench (hit rate at 10 on a held-out week of a synthetic history)"
  "${recommendations_bench}"
fi

# discovery_bench needs the test support: built when BUILD_DIR also has -DRESKFLOW_TESTS=ON.
discovery_bench="${build}/bench/discovery/discovery_bench"
if [[ -x "${discovery_bench}" ]]; then
  echo
  echo "== discovery_bench (50,000 merchants, pinned to CPU 0)"
  taskset -c 0 "${discovery_bench}"
fi

# dispatch_bench also needs -DRESKFLOW_TESTS=ON (it runs over the drivers module's fake).
dispatch_bench="${build}/bench/deliveries/dispatch_bench"
if [[ -x "${dispatch_bench}" ]]; then
  echo
  echo "== dispatch_bench (a round of 2,000 x 5,000; quality against nearest-first, CPU 0)"
  taskset -c 0 "${dispatch_bench}"
fi

echo
echo "== cluster: 1, 2 and 3 nodes behind HAProxy on PostgreSQL, Redis and NATS (issue 19)"
"${root}/bench/cluster_load.sh" "${build}/src/app/reskflow"

echo
echo "== city simulator through HAProxy to 3 nodes on PostgreSQL, Redis and NATS (issue 18), shortened"
"${root}/bench/simulate_cluster.sh" "${build}/src/app/reskflow" ||
  echo "bench/simulate_cluster.sh: an order was lost or the ledger check failed (above)"

echo
echo "== location ingest over WebSocket (issue 14: 5,000 couriers, 20,000 updates/s)"
"${root}/bench/ingest_load.sh" "${build}/src/app/reskflow"

# The public Solomon and Li & Lim instances are not in the repository: RESKFLOW_BENCH_DATA
# names their directory, else ../shared/data beside the repository when it exists.
solomon_bench="${build}/bench/solomon/solomon_bench"
if [[ -x "${solomon_bench}" ]]; then
  echo
  echo "== solomon_bench"
  if [[ -n "${RESKFLOW_BENCH_DATA:-}" || -d "${root}/../shared/data" ]]; then
    "${solomon_bench}" --time-limit 1
  else
    echo "Solomon and Li & Lim skipped: set RESKFLOW_BENCH_DATA to the public instances" \
      "(bench/README.md, \"Route benchmark data\"); assignment only."
    "${solomon_bench}" --skip-solomon --skip-lilim
  fi
fi

#!/usr/bin/env bash
# The city simulator against the scale-out deployment (issue 18, requirement 3; docs/simulator.md):
# PostgreSQL, Redis and NATS JetStream, BENCH_SIM_NODES `reskflow serve` nodes on them behind
# HAProxy (bench/cluster_lib.sh, the start-up bench/cluster_load.sh uses), then the scaled peak
# hour of bench/simulate_lib.sh against the balancer, its report, and `reskflow ledger check` on
# the PostgreSQL database. The nodes and HAProxy share core 0, the simulator runs on core 1: on
# two cores this shows that the deployment plays a city correctly, not that it scales.
# Usage: bench/simulate_cluster.sh [path/to/reskflow]
# env: BENCH_SIM_NODES (3), BENCH_SIM_DISPATCH_INTERVAL_S (the nodes' DISPATCH_INTERVAL_S, 5),
#      and bench/simulate_lib.sh's BENCH_SIM_SCALE (0.01 here), BENCH_SIM_SECONDS (30 here),
#      BENCH_SIM_COMPRESSION (10), BENCH_SIM_SEED (1), BENCH_SIM_GPS_INTERVAL_S,
#      BENCH_SIM_REPORT
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nodes="${BENCH_SIM_NODES:-3}"
export BENCH_SIM_SCALE="${BENCH_SIM_SCALE:-0.01}" BENCH_SIM_SECONDS="${BENCH_SIM_SECONDS:-30}"
server_cpu=0
load_cpu=1
startup_deadline_seconds=120
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"
# shellcheck source=bench/cluster_lib.sh
source "${root}/bench/cluster_lib.sh"
# shellcheck source=bench/simulate_lib.sh
source "${root}/bench/simulate_lib.sh"
node_env=(RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S="${BENCH_SIM_DISPATCH_INTERVAL_S:-5}")

tmp="$(mktemp -d)"
pids=()
node_pids=()
node_ports=()
haproxy_pid=""
trap stop_cluster EXIT

if ! server="$(find_server "${1:-}")"; then
  echo "reskflow binary not found; build it (make build) or pass its path" >&2
  exit 1
fi
described="$(write_scenario)"
start_engines
for ((n = 1; n <= nodes; n++)); do start_node "${n}"; done
start_haproxy
echo "peak hour x ${sim_scale} through HAProxy to ${nodes} node(s) on PostgreSQL, Redis and NATS:" \
  "${described}"
run_simulation "http://127.0.0.1:${balancer_port}"
status="${sim_status}"
echo "ledger check (PostgreSQL):"
DATABASE_URL="${database_url}" NATS_URL="${nats_url}" REDIS_URL="${redis_url}" LOG_LEVEL=warn \
  "${server}" ledger check || status=1
for ((n = 1; n <= nodes; n++)); do
  if grep -q '"level":"error"' "${tmp}/node${n}.log"; then
    echo "node${n} logged errors:"
    grep '"level":"error"' "${tmp}/node${n}.log" | tail -5
  fi
done
exit "${status}"

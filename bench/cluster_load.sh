#!/usr/bin/env bash
# Cluster benchmark (issue 19, requirement 4): `reskflow serve` nodes on PostgreSQL, Redis and
# NATS JetStream behind HAProxy (configured from deploy/haproxy/haproxy.cfg, as the cluster test
# does), with one, two and three nodes: wrk through the balancer on /health and on the demo
# city's cached menu, with the CPU time per request of the nodes and of HAProxy. Then, with
# three nodes, the location-ingest client (bench/node/ingest_load.mjs) with the couriers on node
# 2 and their customers on node 1: the latency of the tracking fan-out across nodes.
# The nodes and HAProxy share CPU 0, wrk and the Node client run on CPU 1: on two cores more
# nodes add no CPU, so the rows show what a node and the balancer cost, not a scale-out.
# Usage: bench/cluster_load.sh [path/to/reskflow]
# env: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_WARMUP_SECONDS (2),
#      BENCH_DRIVERS (200), BENCH_RATE (1000), BENCH_MERCHANTS (20)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-64}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-2}"
server_cpu=0
load_cpu=1
startup_deadline_seconds=120
demo_lat=52.520
demo_lng=13.405
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"
# shellcheck source=bench/cluster_lib.sh
source "${root}/bench/cluster_lib.sh"
# On top of the cluster's settings: the tracking client sets up fast, and its couriers keep
# their offers and are never suspect.
node_env=(RESKFLOW_DRIVERS_SUSPECT_AFTER_S=3600 RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS=0
  RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S=1 RESKFLOW_DELIVERIES_DISPATCH_LEAD_S=86400
  RESKFLOW_DELIVERIES_OFFER_TIMEOUT_S=600)

sum_ticks() {
  local pid total=0
  for pid in "$@"; do total=$((total + $(cpu_ticks "${pid}"))); done
  echo "${total}"
}

# wrk through the balancer: "req_per_s p50 p90 p99 errors node_us/req haproxy_us/req".
measure_cluster() {
  local url="$1" out nodes_before proxy_before nodes_after proxy_after requests
  taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${warmup_seconds}s" "${url}" >/dev/null
  nodes_before="$(sum_ticks "${node_pids[@]}")"
  proxy_before="$(cpu_ticks "${haproxy_pid}")"
  out="$(taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${seconds}s" --latency "${url}")"
  nodes_after="$(sum_ticks "${node_pids[@]}")"
  proxy_after="$(cpu_ticks "${haproxy_pid}")"
  echo "${out}" >>"${tmp}/wrk.log"
  requests="$(awk '/ requests in / {print $1}' <<<"${out}")"
  echo "$(parse_wrk "${out}") $(awk -v n=$((nodes_after - nodes_before)) \
    -v p=$((proxy_after - proxy_before)) -v hz="$(getconf CLK_TCK)" -v r="${requests}" \
    'BEGIN { printf "%.1f %.1f", n / hz * 1e6 / r, p / hz * 1e6 / r }')"
}

# The first merchant the demo city lists.
first_merchant() {
  curl -sf "$1/v1/merchants?lat=${demo_lat}&lng=${demo_lng}&limit=1" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["data"][0]["id"])'
}

main() {
  if ! server="$(find_server "${1:-}")"; then
    echo "reskflow binary not found; build it (make build) or pass its path" >&2
    return 1
  fi
  start_engines
  DATABASE_URL="${database_url}" LOG_LEVEL=warn "${server}" seed >"${tmp}/seed.log"
  local format='%-28s %10s %8s %8s %8s %8s %12s %14s\n' n merchant base
  echo "wrk -t1 -c${connections} -d${seconds}s through HAProxy; nodes and HAProxy on CPU" \
    "${server_cpu}, wrk on CPU ${load_cpu}"
  # shellcheck disable=SC2059 # the format is the table's
  printf "${format}" target req/s p50_ms p90_ms p99_ms errors node_us/req haproxy_us/req
  for n in 1 2 3; do
    start_node "${n}"
    start_haproxy
    base="http://127.0.0.1:${balancer_port}"
    wait_for_listing "${base}"
    merchant="${merchant:-$(first_merchant "${base}")}"
    # shellcheck disable=SC2059,SC2046 # the table's format; the row is seven fields
    printf "${format}" "${n} node(s) /health" $(measure_cluster "${base}/health")
    # shellcheck disable=SC2059,SC2046
    printf "${format}" "${n} node(s) cached menu" \
      $(measure_cluster "${base}/v1/merchants/${merchant}/menu")
    stop_haproxy
  done
  echo
  echo "tracking fan-out: couriers on node 2, their customers on node 1 (NATS in between)"
  BENCH_DRIVERS="${BENCH_DRIVERS:-200}" BENCH_RATE="${BENCH_RATE:-1000}" \
    BENCH_MERCHANTS="${BENCH_MERCHANTS:-20}" BENCH_SECONDS="${seconds}" \
    BENCH_CLK_TCK="$(getconf CLK_TCK)" taskset -c "${load_cpu}" \
    node --experimental-websocket --no-warnings "${root}/bench/node/ingest_load.mjs" \
    "http://127.0.0.1:${node_ports[0]}" "$(IFS=,; echo "${node_pids[*]}")" \
    "http://127.0.0.1:${node_ports[1]}" 2>"${tmp}/tracking.log"
}

tmp="$(mktemp -d)"
pids=()
node_pids=()
node_ports=()
haproxy_pid=""
trap stop_cluster EXIT
main "$@"

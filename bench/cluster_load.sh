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

# deploy/haproxy/haproxy.cfg on loopback: the rewrite of tests/integration/cluster_haproxy.cc.
write_haproxy_config() {
  local port="$1" stats_port="$2"
  shift 2
  python3 - "${root}/deploy/haproxy/haproxy.cfg" "${port}" "${stats_port}" "$@" \
    >"${tmp}/haproxy.cfg" <<'PY'
import sys
template, port, stats_port, nodes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
servers = "".join(f"  server node{i + 1} 127.0.0.1:{p}\n" for i, p in enumerate(nodes))
for line in open(template).read().splitlines():
    text = line.strip()
    if text.startswith(("log stdout", "server ")):
        continue
    if text.startswith("maxconn "):
        line = "  maxconn 4096"
    elif text == "bind :80":
        line = f"  bind 127.0.0.1:{port}"
    elif text.startswith("bind 127.0.0.1:8404"):
        line = f"  bind 127.0.0.1:{stats_port}"
    elif text.startswith("default-server "):
        line = "  default-server check inter 1s fall 2 rise 2\n" + servers.rstrip("\n")
    print(line)
PY
}

start_engines() {
  database_url="$("${root}/scripts/pg-cluster.sh" start "${tmp}/pg")"
  nats_url="$("${root}/scripts/nats-test-server.sh" start "${tmp}/nats")"
  redis_url="$("${root}/scripts/redis-test-server.sh" start "${tmp}/redis")"
}

stop_engines() {
  "${root}/scripts/pg-cluster.sh" stop "${tmp}/pg" >/dev/null 2>&1 || true
  "${root}/scripts/nats-test-server.sh" stop "${tmp}/nats" >/dev/null 2>&1 || true
  "${root}/scripts/redis-test-server.sh" stop "${tmp}/redis" >/dev/null 2>&1 || true
}

# Node n (1, 2, 3) on its own port; the settings let the tracking client set up fast.
start_node() {
  local n="$1" port
  port="$(free_port)"
  DATABASE_URL="${database_url}" NATS_URL="${nats_url}" REDIS_URL="${redis_url}" \
    RESKFLOW_NODE_NAME="node${n}" PORT="${port}" LOG_LEVEL=warn RESKFLOW_IO_THREADS=1 \
    RESKFLOW_TRUSTED_PROXIES=127.0.0.1 \
    RESKFLOW_IDENTITY_ARGON2_OPS=1 RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB=64 \
    RESKFLOW_IDENTITY_AUTH_RATE_BURST=1000000 RESKFLOW_IDENTITY_USER_RATE_BURST=1000000 \
    RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION=0 RESKFLOW_DRIVERS_SUSPECT_AFTER_S=3600 \
    RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS=0 RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S=1 \
    RESKFLOW_DELIVERIES_DISPATCH_LEAD_S=86400 RESKFLOW_DELIVERIES_OFFER_TIMEOUT_S=600 \
    RESKFLOW_WEB_ROOT="${tmp}/web" RESKFLOW_NOTIFICATIONS_MAIL_FILE="${tmp}/mail.log" \
    RESKFLOW_PROOFS_DIR="${tmp}/proofs" \
    taskset -c "${server_cpu}" "${server}" serve >>"${tmp}/node${n}.log" 2>&1 &
  pids+=("$!")
  node_pids+=("$!")
  node_ports+=("${port}")
  if ! wait_for_url "http://127.0.0.1:${port}/health/ready" "$!"; then
    tail -20 "${tmp}/node${n}.log" >&2
    return 1
  fi
}

start_haproxy() {
  local stats_port
  balancer_port="$(free_port)"
  stats_port="$(free_port)"
  write_haproxy_config "${balancer_port}" "${stats_port}" "${node_ports[@]}"
  taskset -c "${server_cpu}" haproxy -db -f "${tmp}/haproxy.cfg" >"${tmp}/haproxy.log" 2>&1 &
  haproxy_pid="$!"
  pids+=("${haproxy_pid}")
  wait_for_url "http://127.0.0.1:${balancer_port}/health" "${haproxy_pid}"
}

stop_haproxy() {
  kill "${haproxy_pid}"
  wait "${haproxy_pid}" 2>/dev/null || true
}

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
trap 'stop_all_engines' EXIT
stop_all_engines() {
  local pid
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "${pid}" 2>/dev/null || true; done
  stop_engines
  rm -rf "${tmp}"
}
main "$@"

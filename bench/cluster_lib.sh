# The scale-out deployment on loopback, for the benchmarks that run against it
# (bench/cluster_load.sh, bench/simulate_cluster.sh): PostgreSQL, Redis and NATS JetStream from
# the test scripts, `reskflow serve` nodes on them, and HAProxy in front, configured from
# deploy/haproxy/haproxy.cfg as tests/integration/cluster_haproxy.cc does. Sourced after
# bench/lib.sh; the caller sets root, tmp, server, server_cpu, startup_deadline_seconds and the
# arrays pids, node_pids, node_ports, and node_env (KEY=VALUE settings every node gets on top of
# the ones below).

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

# Node n (1, 2, 3 ...) on its own port, pinned to server_cpu; waits until it is ready.
start_node() {
  local n="$1" port
  port="$(free_port)"
  env DATABASE_URL="${database_url}" NATS_URL="${nats_url}" REDIS_URL="${redis_url}" \
    RESKFLOW_NODE_NAME="node${n}" PORT="${port}" LOG_LEVEL=warn \
    RESKFLOW_IO_THREADS=1 RESKFLOW_TRUSTED_PROXIES=127.0.0.1 \
    RESKFLOW_IDENTITY_ARGON2_OPS=1 RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB=64 \
    RESKFLOW_IDENTITY_AUTH_RATE_BURST=1000000 RESKFLOW_IDENTITY_USER_RATE_BURST=1000000 \
    RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION=0 \
    RESKFLOW_WEB_ROOT="${tmp}/web" RESKFLOW_NOTIFICATIONS_MAIL_FILE="${tmp}/mail.log" \
    RESKFLOW_PROOFS_DIR="${tmp}/proofs" "${node_env[@]}" \
    taskset -c "${server_cpu}" "${server}" serve >>"${tmp}/node${n}.log" 2>&1 &
  pids+=("$!")
  node_pids+=("$!")
  node_ports+=("${port}")
  if ! wait_for_url "http://127.0.0.1:${port}/health/ready" "$!"; then
    tail -20 "${tmp}/node${n}.log" >&2
    return 1
  fi
}

# HAProxy in front of every node started so far, on balancer_port.
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

# Every process started, then the engines, then the files.
stop_cluster() {
  local pid
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "${pid}" 2>/dev/null || true; done
  stop_engines
  rm -rf "${tmp}"
}

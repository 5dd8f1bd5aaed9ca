#!/usr/bin/env bash
# HTTP load benchmark: nginx (return 200) and `reskflow serve` pinned to core 0, wrk on core 1;
# prints req/s and p50/p90/p99 per target and the reskflow/nginx ratio for /health.
# Usage: bench/http_load.sh [path/to/reskflow]
# env: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_ROUNDS (5), BENCH_WARMUP_SECONDS (2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-64}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-2}"
# nginx and reskflow /health alternate for this many rounds. The ratio is the median of the
# rounds' own ratios (each pairs two back-to-back runs, so slow drift of the machine cancels),
# and a burst of load from another process skews one round, not the result.
rounds="${BENCH_ROUNDS:-5}"
server_cpu=0
load_cpu=1
startup_deadline_seconds=20
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"

write_nginx_config() {
  local dir="$1" port="$2"
  cat >"${dir}/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  # Like reskflow, keep each wrk connection open for the whole run.
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location /health {
      default_type application/json;
      return 200 '{"status":"ok"}';
    }
  }
}
CONF
}

start_nginx() {
  local port="$1"
  write_nginx_config "${tmp}" "${port}"
  taskset -c "${server_cpu}" nginx -c "${tmp}/nginx.conf" -p "${tmp}" -e "${tmp}/nginx-error.log" &
  pids+=("$!")
  wait_for_url "http://127.0.0.1:${port}/health" "$!"
}

start_reskflow() {
  local server="$1" port="$2"
  DATABASE_URL="sqlite:${tmp}/bench.db" PORT="${port}" LOG_LEVEL=warn RESKFLOW_IO_THREADS=1 \
    taskset -c "${server_cpu}" "${server}" serve >"${tmp}/reskflow.log" 2>&1 &
  pids+=("$!")
  if ! wait_for_url "http://127.0.0.1:${port}/health" "$!"; then
    tail -20 "${tmp}/reskflow.log" >&2
    return 1
  fi
}

main() {
  local server
  if ! server="$(find_server "${1:-}")"; then
    echo "reskflow binary not found; build it (make build) or pass its path" >&2
    return 1
  fi
  local nginx_port reskflow_port
  nginx_port="$(free_port)"
  start_nginx "${nginx_port}"
  reskflow_port="$(free_port)"
  start_reskflow "${server}" "${reskflow_port}"

  echo "wrk -t1 -c${connections} -d${seconds}s x ${rounds} rounds;" \
    "servers on CPU ${server_cpu}, wrk on CPU ${load_cpu}"
  local nginx_rounds=() reskflow_rounds=() ratios=() nginx_health reskflow_health reskflow_status
  for ((round = 1; round <= rounds; ++round)); do
    nginx_rounds+=("$(measure "http://127.0.0.1:${nginx_port}/health")")
    reskflow_rounds+=("$(measure "http://127.0.0.1:${reskflow_port}/health")")
    ratios+=("$(awk -v r="${reskflow_rounds[-1]%% *}" -v n="${nginx_rounds[-1]%% *}" \
      'BEGIN { printf "%.3f", (n > 0 ? r / n : 0) }')")
    echo "round ${round}: nginx ${nginx_rounds[-1]%% *} req/s," \
      "reskflow ${reskflow_rounds[-1]%% *} req/s, ratio ${ratios[-1]}"
  done
  nginx_health="$(median_row "${nginx_rounds[@]}")"
  reskflow_health="$(median_row "${reskflow_rounds[@]}")"
  reskflow_status="$(measure "http://127.0.0.1:${reskflow_port}/v1/system/status")"

  printf '%-30s %10s %8s %8s %8s %8s\n' target req/s p50_ms p90_ms p99_ms errors
  print_row "nginx /health" "${nginx_health}"
  print_row "reskflow /health" "${reskflow_health}"
  print_row "reskflow /v1/system/status" "${reskflow_status}"
  local ratio
  ratio="$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  printf 'ratio reskflow/nginx /health: %.2f, median of %d rounds (target >= 0.80); ' \
    "${ratio}" "${rounds}"
  echo "reskflow p99 $(cut -d' ' -f4 <<<"${reskflow_health}") ms (target < 5)"
}

tmp="$(mktemp -d)"
pids=()
trap stop_all EXIT
main "$@"

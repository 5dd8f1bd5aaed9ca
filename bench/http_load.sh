#!/usr/bin/env bash
# HTTP load benchmark: nginx (return 200) and `reskflow serve` pinned to core 0, wrk on core 1;
# prints req/s, p50/p90/p99 and the server's CPU time per request for each, and the
# reskflow/nginx ratios of req/s and p99 for /health (issue 20: p99 within 2x nginx's).
# Usage: bench/http_load.sh [path/to/reskflow]
# env: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_ROUNDS (5), BENCH_WARMUP_SECONDS (2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-64}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-2}"
# nginx and reskflow /health alternate for this many rounds. Each ratio is the median of the
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

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'
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

  local nginx_worker
  nginx_worker="$(pgrep -P "${pids[0]}" | head -1)"
  echo "wrk -t1 -c${connections} -d${seconds}s x ${rounds} rounds;" \
    "servers on CPU ${server_cpu}, wrk on CPU ${load_cpu};" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local nginx_rounds=() reskflow_rounds=() ratios=() p99_ratios=() nginx_health reskflow_health
  local reskflow_status nginx_row reskflow_row n r
  for ((round = 1; round <= rounds; ++round)); do
    nginx_row="$(measure_cpu "http://127.0.0.1:${nginx_port}/health" "${nginx_worker}")"
    reskflow_row="$(measure_cpu "http://127.0.0.1:${reskflow_port}/health" "${pids[1]}")"
    nginx_rounds+=("${nginx_row}")
    reskflow_rounds+=("${reskflow_row}")
    read -r -a n <<<"${nginx_row}"
    read -r -a r <<<"${reskflow_row}"
    ratios+=("$(ratio "${r[0]}" "${n[0]}")")
    p99_ratios+=("$(ratio "${r[3]}" "${n[3]}")")
    echo "round ${round}: nginx ${n[0]} req/s p99 ${n[3]} ms ${n[5]} us/req," \
      "reskflow ${r[0]} req/s p99 ${r[3]} ms ${r[5]} us/req;" \
      "ratios req/s ${ratios[-1]} p99 ${p99_ratios[-1]}; load $(cut -d' ' -f1 /proc/loadavg)"
  done
  nginx_health="$(median_row "${nginx_rounds[@]}")"
  reskflow_health="$(median_row "${reskflow_rounds[@]}")"
  reskflow_status="$(measure_cpu "http://127.0.0.1:${reskflow_port}/v1/system/status" "${pids[1]}")"

  local format='%-30s %10s %8s %8s %8s %8s %12s\n'
  # shellcheck disable=SC2059 # the format is the table's
  printf "${format}" target req/s p50_ms p90_ms p99_ms errors cpu_us/req
  # shellcheck disable=SC2059,SC2086 # the table's format; each row is six fields
  {
    printf "${format}" "nginx /health" ${nginx_health}
    printf "${format}" "reskflow /health" ${reskflow_health}
    printf "${format}" "reskflow /v1/system/status" ${reskflow_status}
  }
  printf 'reskflow/nginx /health, medians of %d rounds: req/s %.2f (target >= 0.80), ' \
    "${rounds}" "$(median "${ratios[@]}")"
  printf 'p99 %.2f (target <= 2)\n' "$(median "${p99_ratios[@]}")"
}

tmp="$(mktemp -d)"
pids=()
trap stop_all EXIT
main "$@"

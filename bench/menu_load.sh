#!/usr/bin/env bash
# Menu benchmark (issue 4): GET /v1/merchants/{id}/menu of the demo city's largest menu, cached,
# from `reskflow serve` on CPU 0 with one I/O thread, against the same bytes as a static file
# from nginx (the machine's ceiling) and the same JSON from Express and Fastify (serialised per
# request); wrk on CPU 1. Discovery's listing (GET /v1/merchants?lat=&lng=) and search
# (GET /v1/search?q=pizza) run in the same rounds, each reported beside the cached menu, with
# the server's CPU time per request (which a loaded machine distorts less than req/s).
# Usage: bench/menu_load.sh [path/to/reskflow]
# env: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_ROUNDS (3), BENCH_WARMUP_SECONDS (2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-64}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-2}"
rounds="${BENCH_ROUNDS:-3}"
server_cpu=0
load_cpu=1
startup_deadline_seconds=60
demo_lat=52.520
demo_lng=13.405
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
  keepalive_requests 1000000;
  sendfile on;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  server {
    listen 127.0.0.1:${port};
    location = /menu.json {
      root ${dir}/static;
      default_type application/json;
    }
  }
}
CONF
}

# The id of the listed merchant with the most menu items (the demo city has ~60-item menus).
largest_menu() {
  local base="$1"
  python3 - "${base}" "${demo_lat}" "${demo_lng}" <<'PY'
import json, sys, urllib.request
base, lat, lng = sys.argv[1:4]
best, best_items, cursor = None, -1, None
while True:
    url = f"{base}/v1/merchants?lat={lat}&lng={lng}&limit=100" + (f"&cursor={cursor}" if cursor else "")
    page = json.load(urllib.request.urlopen(url))
    for m in page["data"]:
        menu = json.load(urllib.request.urlopen(f"{base}/v1/merchants/{m['id']}/menu"))
        items = sum(len(c["items"]) for c in menu["categories"])
        if items > best_items:
            best, best_items = m["id"], items
    if not page.get("has_more"):
        break
    cursor = page["next_cursor"]
print(best, best_items)
PY
}

start_node() {
  local framework="$1" port="$2"
  taskset -c "${server_cpu}" node "${root}/bench/node/menu_server.mjs" "${framework}" "${port}" \
    "${tmp}/static/menu.json" >"${tmp}/${framework}.log" 2>&1 &
  pids+=("$!")
  wait_for_url "http://127.0.0.1:${port}/menu" "$!"
}

main() {
  local server
  if ! server="$(find_server "${1:-}")"; then
    echo "reskflow binary not found; build it (make build) or pass its path" >&2
    return 1
  fi
  local db="sqlite:${tmp}/bench.db" port nginx_port express_port fastify_port
  DATABASE_URL="${db}" LOG_LEVEL=warn "${server}" seed >"${tmp}/seed.log"
  port="$(free_port)"
  DATABASE_URL="${db}" PORT="${port}" LOG_LEVEL=warn RESKFLOW_IO_THREADS=1 \
    taskset -c "${server_cpu}" "${server}" serve >"${tmp}/reskflow.log" 2>&1 &
  pids+=("$!")
  local server_pid="$!"
  wait_for_url "http://127.0.0.1:${port}/health" "$!"
  wait_for_listing "http://127.0.0.1:${port}"
  local merchant items
  read -r merchant items < <(largest_menu "http://127.0.0.1:${port}")
  local menu_url="http://127.0.0.1:${port}/v1/merchants/${merchant}/menu"
  # nginx's worker runs as nobody when started by root: let it into the (0700) temp dir.
  chmod 755 "${tmp}"
  mkdir -p "${tmp}/static"
  curl -sf "${menu_url}" -o "${tmp}/static/menu.json"
  nginx_port="$(free_port)"
  write_nginx_config "${tmp}" "${nginx_port}"
  taskset -c "${server_cpu}" nginx -c "${tmp}/nginx.conf" -p "${tmp}" -e "${tmp}/nginx-error.log" &
  pids+=("$!")
  wait_for_url "http://127.0.0.1:${nginx_port}/menu.json" "$!"
  bench_node_packages
  express_port="$(free_port)"
  start_node express "${express_port}"
  fastify_port="$(free_port)"
  start_node fastify "${fastify_port}"

  echo "menu of ${items} items, $(wc -c <"${tmp}/static/menu.json") bytes;" \
    "wrk -t1 -c${connections} -d${seconds}s x ${rounds} rounds (median kept)"
  local names=(nginx reskflow express fastify listing search)
  local urls=("http://127.0.0.1:${nginx_port}/menu.json" "${menu_url}"
    "http://127.0.0.1:${express_port}/menu" "http://127.0.0.1:${fastify_port}/menu"
    "http://127.0.0.1:${port}/v1/merchants?lat=${demo_lat}&lng=${demo_lng}"
    "http://127.0.0.1:${port}/v1/search?q=pizza")
  declare -A results=()
  local round i
  for ((round = 1; round <= rounds; ++round)); do
    for i in "${!names[@]}"; do
      if [[ "${names[i]}" =~ ^(reskflow|listing|search)$ ]]; then
        results[${names[i]}]+="$(measure_cpu "${urls[i]}" "${server_pid}")"$'\n'
      else
        results[${names[i]}]+="$(measure "${urls[i]}") -"$'\n'
      fi
    done
  done
  local labels=("nginx menu" "reskflow menu" "express menu" "fastify menu"
    "reskflow discovery listing" "reskflow discovery search")
  local format='%-30s %10s %8s %8s %8s %8s %12s\n'
  # shellcheck disable=SC2059 # the format is the table's
  printf "${format}" target req/s p50_ms p90_ms p99_ms errors cpu_us/req
  declare -A median=()
  for i in "${!names[@]}"; do
    mapfile -t rows <<<"${results[${names[i]}]%$'\n'}"
    median[${names[i]}]="$(median_row "${rows[@]}")"
    # shellcheck disable=SC2059,SC2086 # the table's format; the row is six fields
    printf "${format}" "${labels[i]}" ${median[${names[i]}]}
  done
  awk -v r="${median[reskflow]%% *}" -v n="${median[nginx]%% *}" -v e="${median[express]%% *}" \
    -v f="${median[fastify]%% *}" 'BEGIN {
      printf "reskflow/nginx %.2f (target >= 0.80), reskflow/express %.2f, " \
             "reskflow/fastify %.2f\n", r / n, r / e, r / f }'
  awk -v r="${median[reskflow]%% *}" -v l="${median[listing]%% *}" -v s="${median[search]%% *}" \
    'BEGIN { printf "discovery/cached menu: listing %.3f, search %.3f " \
             "(issue 20: listing >= 10,000 and search >= 5,000 req/s, p99 < 20 ms)\n", l / r, s / r }'
}

tmp="$(mktemp -d)"
pids=()
trap stop_all EXIT
main "$@"

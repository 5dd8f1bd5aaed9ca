#!/usr/bin/env bash
# Order placement benchmark (issue 13): `reskflow serve` pinned to core 0, wrk on core 1 placing
# orders through POST /v1/orders (order, stock, payment authorization with the test provider,
# outbox, idempotency record; every commit fsync'd). Prints orders/s and p50/p90/p99 on SQLite,
# and on PostgreSQL when BENCH_DATABASE_URL (or RESKFLOW_TEST_DATABASE_URL) names a server; first
# what one fdatasync costs on the disk holding the SQLite file, and with perf, the server's
# fsyncs per order (SQLite only: PostgreSQL's are the database server's), and the server's CPU
# time per order placed (utime + stime from /proc/PID/stat over the measured run).
# Usage: bench/orders_load.sh [path/to/reskflow]
# env: BENCH_SECONDS (10), BENCH_CONNECTIONS (64), BENCH_WARMUP_SECONDS (2),
#      BENCH_ORDER_CARTS (30000: carts prepared, one per order; more than the run can place),
#      BENCH_ENGINES ("sqlite postgresql"), BENCH_WORKER_THREADS (the server's default: its
#      threads for blocking work, database transactions among them), BENCH_PERF_RECORD (a
#      file: perf record -F 499 of the server's stacks during the measured run, for perf report),
#      BENCH_PERF_CALL_GRAPH (fp: perf's -g; dwarf unwinds a build without frame pointers)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${BENCH_SECONDS:-10}"
connections="${BENCH_CONNECTIONS:-64}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-2}"
carts="${BENCH_ORDER_CARTS:-30000}"
engines="${BENCH_ENGINES:-sqlite postgresql}"
server_cpu=0
load_cpu=1
startup_deadline_seconds=60
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"

# Starts the server on `url` (setup runs unpinned and fast: cheap password hashing, no rate limit).
start_server() {
  local server="$1" port="$2" url="$3"
  local workers=()
  [[ -n "${BENCH_WORKER_THREADS:-}" ]] && workers=("RESKFLOW_WORKER_THREADS=${BENCH_WORKER_THREADS}")
  env "${workers[@]}" DATABASE_URL="${url}" PORT="${port}" LOG_LEVEL=warn RESKFLOW_IO_THREADS=1 \
    RESKFLOW_IDENTITY_ARGON2_OPS=1 RESKFLOW_IDENTITY_ARGON2_MEMORY_KIB=64 \
    RESKFLOW_IDENTITY_AUTH_RATE_BURST=1000000 RESKFLOW_IDENTITY_USER_RATE_BURST=1000000 \
    RESKFLOW_WEB_ROOT="${tmp}/web" RESKFLOW_NOTIFICATIONS_MAIL_FILE="${tmp}/mail.log" \
    taskset -c "${server_cpu}" "${server}" serve >>"${tmp}/reskflow.log" 2>&1 &
  pids+=("$!")
  server_pid="$!"
  if ! wait_for_url "http://127.0.0.1:${port}/health" "$!"; then
    tail -20 "${tmp}/reskflow.log" >&2
    return 1
  fi
}

# One engine: prepare the carts, then place orders with wrk; prints the measurement row.
run_engine() {
  local server="$1" url="$2" label="$3" port
  port="$(free_port)"
  start_server "${server}" "${port}" "${url}"
  node "${root}/bench/node/orders_setup.mjs" "http://127.0.0.1:${port}" "${carts}" \
    "${tmp}/carts-${label}.txt"
  local row
  row="$(ORDERS_CARTS="${tmp}/carts-${label}.txt" measure_script "http://127.0.0.1:${port}")"
  # shellcheck disable=SC2086 # the measurement is six space-separated fields
  printf '%-30s %10s %8s %8s %8s %8s %13s %12s\n' "POST /v1/orders, ${label}" ${row} \
    "$(fsyncs_per_order "${row}")"
  kill "${server_pid}"
  wait "${server_pid}" 2>/dev/null || true
}

# measure (bench/lib.sh) with the orders script: one warm-up run, then the measured run, during
# which perf (when present) counts the server's fsync and fdatasync calls into ${tmp}/perf.txt.
# Prints parse_wrk's five fields and the server's CPU milliseconds per order placed.
measure_script() {
  local url="$1" out perf_pid="" record_pid="" before after
  taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${warmup_seconds}s" \
    -s "${root}/bench/orders.lua" "${url}" >/dev/null
  rm -f "${tmp}/perf.txt"
  if command -v perf >/dev/null; then
    perf stat -x, -o "${tmp}/perf.txt" -p "${server_pid}" \
      -e syscalls:sys_enter_fdatasync,syscalls:sys_enter_fsync 2>/dev/null &
    perf_pid="$!"
  fi
  if [[ -n "${BENCH_PERF_RECORD:-}" ]]; then
    perf record -q -F 499 --call-graph "${BENCH_PERF_CALL_GRAPH:-fp}" -o "${BENCH_PERF_RECORD}" \
      -p "${server_pid}" 2>/dev/null &
    record_pid="$!"
  fi
  before="$(cpu_ticks "${server_pid}")"
  out="$(taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${seconds}s" --latency \
    -s "${root}/bench/orders.lua" "${url}")"
  after="$(cpu_ticks "${server_pid}")"
  if [[ -n "${perf_pid}" ]]; then
    kill -INT "${perf_pid}"
    wait "${perf_pid}" || true
  fi
  if [[ -n "${record_pid}" ]]; then
    kill -INT "${record_pid}"
    wait "${record_pid}" || true
  fi
  echo "${out}" >>"${tmp}/wrk.log"
  local fields
  fields="$(parse_wrk "${out}")"
  echo "${fields} $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    -v n="$(awk '/ requests in / {print $1}' <<<"${out}")" -v bad="$(cut -d' ' -f5 <<<"${fields}")" \
    'BEGIN { printf "%.2f", (n - bad > 0 ? t / hz * 1e3 / (n - bad) : 0) }')"
}

# The server's fsyncs during the measured run divided by the orders it placed ("-" without perf,
# or when the server synced nothing itself: PostgreSQL).
fsyncs_per_order() {
  local orders_per_s syncs
  orders_per_s="$(cut -d' ' -f1 <<<"$1")"
  [[ -s "${tmp}/perf.txt" ]] || { echo "-"; return; }
  syncs="$(awk -F, '/syscalls:sys_enter_f/ {n += $1} END {print n + 0}' "${tmp}/perf.txt")"
  awk -v s="${syncs}" -v r="${orders_per_s}" -v d="${seconds}" \
    'BEGIN { if (s == 0 || r == 0) print "-"; else printf "%.2f", s / (r * d) }'
}

# What one durable commit costs on the disk under the SQLite file, and the orders/s that allows
# at one commit per order (group commit multiplies it by the orders each commit carries).
print_fsync_cost() {
  local samples p50 p99 mean
  read -r samples p50 p99 mean < <(node "${root}/bench/node/fsync_latency.mjs" "${tmp}" 500)
  echo "fdatasync of 4 KiB on ${tmp}: p50 ${p50} ms, p99 ${p99} ms, mean ${mean} ms" \
    "(${samples} samples): one commit per order allows $(awk -v m="${mean}" \
    'BEGIN { printf "%.0f", 1000 / m }') orders/s"
}

main() {
  local server
  if ! server="$(find_server "${1:-}")"; then
    echo "reskflow binary not found; build it (make build) or pass its path" >&2
    return 1
  fi
  echo "wrk -t1 -c${connections} -d${seconds}s after ${warmup_seconds}s of warm-up;" \
    "reskflow on CPU ${server_cpu}, wrk on CPU ${load_cpu}; ${carts} carts prepared per engine"
  print_fsync_cost
  printf '%-30s %10s %8s %8s %8s %8s %13s %12s\n' target orders/s p50_ms p90_ms p99_ms errors \
    cpu_ms/order fsyncs/order
  [[ "${engines}" == *sqlite* ]] && run_engine "${server}" "sqlite:${tmp}/orders.db" sqlite
  [[ "${engines}" == *postgresql* ]] || return 0
  local pg="${BENCH_DATABASE_URL:-${RESKFLOW_TEST_DATABASE_URL:-}}"
  if [[ -z "${pg}" ]]; then
    echo "PostgreSQL skipped: set BENCH_DATABASE_URL (or RESKFLOW_TEST_DATABASE_URL)"
    return
  fi
  local schema="bench_orders_$$_${RANDOM}"
  psql -q "${pg}" -c "CREATE SCHEMA ${schema}"
  local sep='?'
  [[ "${pg}" == *\?* ]] && sep='&'
  run_engine "${server}" "${pg}${sep}options=-csearch_path%3D${schema}" postgresql
  psql -q "${pg}" -c "SET client_min_messages = warning; DROP SCHEMA ${schema} CASCADE"
}

tmp="$(mktemp -d)"
pids=()
server_pid=""
trap stop_all EXIT
main "$@"

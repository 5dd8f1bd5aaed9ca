# Helpers the HTTP load benchmarks share: finding the binary, free ports, bounded waits, wrk
# measurements and their medians. Sourced; the caller sets root, tmp, pids, seconds,
# connections, warmup_seconds, load_cpu and startup_deadline_seconds (and demo_lat, demo_lng for
# wait_for_listing).

find_server() {
  local candidate="${1:-${root}/build/release/src/app/reskflow}"
  if [[ -x "${candidate}" ]]; then echo "${candidate}"; return; fi
  for candidate in "${root}"/build/*/src/app/reskflow; do
    if [[ -x "${candidate}" ]]; then echo "${candidate}"; return; fi
  done
  return 1
}

# bench/node's npm packages (Express, Fastify, Lighthouse), from its lock file when missing.
bench_node_packages() {
  local dir="${root}/bench/node"
  if [[ ! -d "${dir}/node_modules" || "${dir}/package-lock.json" -nt "${dir}/node_modules" ]]; then
    npm ci --prefix "${dir}" --no-audit --no-fund --loglevel=error
    touch "${dir}/node_modules"
  fi
}

# A port nobody answers on (bash's /dev/tcp connect fails); ports are drawn at random.
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then echo "${port}"; return; fi
  done
  echo "no free port found" >&2
  return 1
}

# Bounded polling: the only waiting this script does.
wait_for_url() {
  local url="$1" pid="$2" deadline=$((SECONDS + startup_deadline_seconds))
  until curl -sf -o /dev/null "${url}"; do
    if ! kill -0 "${pid}" 2>/dev/null; then echo "server for ${url} exited" >&2; return 1; fi
    if ((SECONDS >= deadline)); then echo "no answer from ${url}" >&2; return 1; fi
    sleep 0.1
  done
}

# Polls discovery until the demo city's merchants around demo_lat/demo_lng are indexed (the
# relay delivers asynchronously).
wait_for_listing() {
  local base="$1" deadline=$((SECONDS + startup_deadline_seconds))
  until curl -sf "${base}/v1/merchants?lat=${demo_lat}&lng=${demo_lng}&limit=1" |
    grep -q '"id"'; do
    if ((SECONDS >= deadline)); then echo "discovery lists no merchant" >&2; return 1; fi
    sleep 0.2
  done
}

# wrk latency ("812.00us", "1.20ms", "2.01s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000;
    else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

# The measurement line with the median req/s among the given lines.
median_row() {
  printf '%s\n' "$@" | sort -g -k1,1 | awk '{rows[NR] = $0} END {print rows[int((NR + 1) / 2)]}'
}

# Runs wrk against one URL; prints "req_per_s p50_ms p90_ms p99_ms non_2xx_or_errors".
measure() {
  local url="$1" out
  taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${warmup_seconds}s" "${url}" >/dev/null
  out="$(taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${seconds}s" --latency "${url}")"
  echo "${out}" >>"${tmp}/wrk.log"
  parse_wrk "${out}"
}

# The CPU time the process has used, all threads, in clock ticks (utime + stime).
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}

# Like measure, against a server process: prints its five fields and the
# server's CPU microseconds per request over the measured run.
measure_cpu() {
  local url="$1" pid="$2" out before after requests
  taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${warmup_seconds}s" "${url}" >/dev/null
  before="$(cpu_ticks "${pid}")"
  out="$(taskset -c "${load_cpu}" wrk -t1 -c"${connections}" -d"${seconds}s" --latency "${url}")"
  after="$(cpu_ticks "${pid}")"
  echo "${out}" >>"${tmp}/wrk.log"
  requests="$(awk '/ requests in / {print $1}' <<<"${out}")"
  echo "$(parse_wrk "${out}") $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    -v n="${requests}" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }')"
}

# The median of numbers, one per argument.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# wrk --latency output as "req_per_s p50_ms p90_ms p99_ms non_2xx_or_errors".
parse_wrk() {
  local out="$1" rps p50 p90 p99 bad
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"${out}")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"${out}")")"
  p90="$(to_ms "$(awk '$1 == "90%" {print $2}' <<<"${out}")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"${out}")")"
  bad="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {
    for (i = 4; i <= NF; i += 2) n += $i } END {print n + 0}' <<<"${out}")"
  echo "${rps} ${p50} ${p90} ${p99} ${bad}"
}

stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "${pid}" 2>/dev/null || true; done
  rm -rf "${tmp}"
}

print_row() {
  # shellcheck disable=SC2086 # the measurement is five space-separated fields
  printf '%-30s %10s %8s %8s %8s %8s\n' "$1" $2
}


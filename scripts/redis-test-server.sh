#!/usr/bin/env bash
# Throwaway Redis for tests, on a free loopback port, no persistence, state in DIR: `start DIR`
# prints its URL on stdout, `stop DIR` ends it.
# Usage: scripts/redis-test-server.sh start DIR | stop DIR
set -euo pipefail

start_attempts_max=5
ready_polls_max=100  # of 0.1 s

die() { echo "redis-test-server: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

start() {
  local dir="$1" port attempt poll
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ -e "$dir/port" ] && die "$dir already holds a server (stop it first)"
  for ((attempt = 1; attempt <= start_attempts_max; attempt++)); do
    port="$(free_port)"
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --pidfile "$dir/redis.pid" \
      --dir "$dir" --logfile "$dir/server.log" --save '' --appendonly no >/dev/null 2>&1 || continue
    for ((poll = 0; poll < ready_polls_max; poll++)); do
      if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
        echo "$port" >"$dir/port"
        echo "redis://127.0.0.1:$port"
        return 0
      fi
      sleep 0.1
    done
  done
  cat "$dir/server.log" >&2 || true
  die "could not start redis-server after $start_attempts_max attempts"
}

stop() {
  local dir="$1"
  [ -e "$dir/port" ] || die "$dir holds no server"
  redis-cli -h 127.0.0.1 -p "$(cat "$dir/port")" shutdown nosave >/dev/null 2>&1 || true
  rm -f "$dir/port"
}

[ $# -eq 2 ] || die "usage: $0 start DIR | stop DIR"
case "$1" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) die "unknown command $1 (start or stop)" ;;
esac

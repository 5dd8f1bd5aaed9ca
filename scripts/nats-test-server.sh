#!/usr/bin/env bash
# Throwaway NATS server with JetStream for tests, on a free loopback port with its store in DIR:
# `start DIR` prints its URL on stdout, `stop DIR` ends it.
# Usage: scripts/nats-test-server.sh start DIR | stop DIR
set -euo pipefail

start_attempts_max=5
ready_polls_max=300  # of 0.1 s

die() { echo "nats-test-server: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

start() {
  local dir="$1" port monitor attempt poll
  mkdir -p "$dir/store"
  dir="$(cd "$dir" && pwd)"
  [ -e "$dir/nats.pid" ] && die "$dir already holds a server (stop it first)"
  for ((attempt = 1; attempt <= start_attempts_max; attempt++)); do
    port="$(free_port)"
    monitor="$(free_port)"
    nats-server -a 127.0.0.1 -p "$port" -m "$monitor" -js -sd "$dir/store" \
      -P "$dir/nats.pid" >"$dir/server.log" 2>&1 &
    for ((poll = 0; poll < ready_polls_max; poll++)); do
      if curl -sf "http://127.0.0.1:$monitor/healthz?js-enabled-only=true" >/dev/null 2>&1; then
        echo "nats://127.0.0.1:$port"
        return 0
      fi
      kill -0 $! 2>/dev/null || break  # exited: the port was taken, try another
      sleep 0.1
    done
    kill $! 2>/dev/null || true
    rm -f "$dir/nats.pid"
  done
  cat "$dir/server.log" >&2 || true
  die "could not start nats-server after $start_attempts_max attempts"
}

stop() {
  local dir="$1" pid
  [ -e "$dir/nats.pid" ] || die "$dir holds no server"
  pid="$(cat "$dir/nats.pid")"
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$dir/nats.pid"
}

[ $# -eq 2 ] || die "usage: $0 start DIR | stop DIR"
case "$1" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  *) die "unknown command $1 (start or stop)" ;;
esac

#!/usr/bin/env bash
# Throwaway local EVM node (ganache, from npm) for the chain tests: `start DIR KEY` prints its
# JSON-RPC URL on stdout, with the account of private key KEY funded; `stop DIR` ends it. The
# chain lives in DIR/db, so a node started again on the same DIR resumes it (its pool is lost,
# like a restarted node's).
# Usage: scripts/ganache.sh start DIR KEY | stop DIR
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
ganache="$root/node_modules/ganache/dist/node/cli.js"
chain_id=1337
ready_attempts_max=300  # 30 s in steps of 0.1 s

die() { echo "ganache: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

ready() {
  curl -sf -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$1" >/dev/null 2>&1
}

start() {
  local dir="$1" key="$2"
  [ -f "$ganache" ] || die "ganache is not installed (npm ci)"
  mkdir -p "$dir/db"
  dir="$(cd "$dir" && pwd)"
  [ -e "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null && die "$dir already runs a node"
  local port
  port="$(free_port)"
  # 1000 ETH for the key's account; a block per transaction; Shanghai rules (ganache's newest).
  nohup node "$ganache" --server.host 127.0.0.1 --server.port "$port" \
    --chain.chainId "$chain_id" --chain.hardfork shanghai \
    --wallet.accounts "$key,0x3635c9adc5dea00000" --database.dbPath "$dir/db" \
    --logging.quiet >"$dir/node.log" 2>&1 &
  echo $! >"$dir/pid"
  echo "$port" >"$dir/port"
  local url="http://127.0.0.1:$port"
  for ((i = 0; i < ready_attempts_max; i++)); do
    if ready "$url"; then
      echo "$url"
      return 0
    fi
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { cat "$dir/node.log" >&2; die "the node exited"; }
    sleep 0.1
  done
  cat "$dir/node.log" >&2
  die "the node did not answer on $url"
}

stop() {
  local dir="$1"
  [ -e "$dir/pid" ] || die "$dir runs no node"
  local pid
  pid="$(cat "$dir/pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for ((i = 0; i < ready_attempts_max; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$dir/pid"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || die "usage: $0 start DIR KEY"; start "$2" "$3" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start DIR KEY | stop DIR" ;;
esac

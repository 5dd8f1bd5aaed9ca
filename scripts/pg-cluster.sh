#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for tests: `start DIR` prints its URL on stdout, `stop DIR`
# ends it.
# Usage: scripts/pg-cluster.sh start DIR | stop DIR | url DIR
set -euo pipefail

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
database="reskflow_test"
start_attempts_max=5

die() { echo "pg-cluster: $*" >&2; exit 1; }

# Runs a PostgreSQL tool as the postgres user when we are root (initdb and postgres refuse root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# As root, DIR may sit under a private temp dir (mktemp -d is 0700): let postgres traverse (o+x,
# no listing) every ancestor it cannot enter yet.
grant_traverse() {
  local path="$1"
  while [ "$path" != "/" ]; do
    path="$(dirname "$path")"
    if ! runuser -u postgres -- test -x "$path"; then
      echo "pg-cluster: chmod o+x $path so that postgres can reach the cluster" >&2
      chmod o+x "$path"
    fi
  done
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 30000))
  fi
}

start() {
  local dir="$1"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  [ -e "$dir/data/PG_VERSION" ] && die "$dir already holds a cluster (stop it first)"
  mkdir -p "$dir/data" "$dir/sock"
  if [ "$(id -u)" -eq 0 ]; then
    grant_traverse "$dir"
    chown postgres: "$dir" "$dir/data" "$dir/sock"
    chmod 700 "$dir/data"
  fi
  as_owner "$pg_bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync -E UTF8 \
    --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  local port attempt
  for ((attempt = 1; attempt <= start_attempts_max; attempt++)); do
    port="$(free_port)"
    if as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 -c fsync=off \
          -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database" >&2 \
        || die "createdb failed"
      url "$dir"
      return 0
    fi
  done
  cat "$dir/server.log" >&2 || true
  die "could not start postgres after $start_attempts_max attempts"
}

stop() {
  local dir="$1"
  [ -e "$dir/data/PG_VERSION" ] || die "$dir holds no cluster"
  if [ -e "$dir/data/postmaster.pid" ]; then
    as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
  fi
}

url() {
  local dir="$1"
  [ -e "$dir/port" ] || die "$dir has no running cluster"
  echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/$database"
}

[ $# -eq 2 ] || die "usage: $0 start DIR | stop DIR | url DIR"
case "$1" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  url) url "$2" ;;
  *) die "unknown command $1 (start, stop or url)" ;;
esac

#!/usr/bin/env bash
# Runs two commands at once (make test runs clang-tidy beside the tests, scripts/test.sh):
# BESIDE, whose output goes to LOG and is printed when it ends, and MAIN, whose output streams as
# it comes. Each runs in a process group of its own. The first of them to fail ends the other, its
# whole group (servers, browsers, clang-tidy's workers) with it, and this exits with the failure's
# status; LOG is printed whenever BESIDE ended on its own, and a line says when it was stopped.
# Usage: scripts/run-beside.sh LOG BESIDE_COMMAND... -- MAIN_COMMAND...
set -euo pipefail

log=$1
shift
beside=()
while (($#)) && [ "$1" != -- ]; do
  beside+=("$1")
  shift
done
(($#)) && shift
main=("$@")
if ((${#beside[@]} == 0 || ${#main[@]} == 0)); then
  echo "usage: $0 LOG BESIDE_COMMAND... -- MAIN_COMMAND..." >&2
  exit 2
fi

# Whether process group $1 has a process that has not exited (zombies aside).
group_runs() {
  ps -e -o pgid=,stat= | awk -v group="$1" '$1 == group && $2 !~ /^Z/ { found = 1 } END { exit !found }'
}

# Ends process group $1 when anything of it still runs: SIGTERM, then SIGKILL after 10 s; then
# reaps its leader, a child of this script.
stop_group() {
  local group=$1
  if kill -TERM -- "-$group" 2>/dev/null; then
    for ((i = 0; i < 100; i++)); do
      group_runs "$group" || break
      sleep 0.1
    done
    kill -KILL -- "-$group" 2>/dev/null || true
  fi
  wait "$group" 2>/dev/null || true
}

show_log() {
  echo "== output of ${beside[*]} ($1 after $SECONDS s)"
  cat "$log"
}

# A background job of a script shares the script's process group, so setsid makes it a leader:
# its pid is its group's id.
setsid "${beside[@]}" >"$log" 2>&1 </dev/null &
beside_pid=$!
setsid "${main[@]}" </dev/null &
main_pid=$!
trap 'stop_group "$main_pid"; stop_group "$beside_pid"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

first=""
status=0
wait -n -p first "$beside_pid" "$main_pid" || status=$?
if [ "$first" = "$beside_pid" ]; then
  show_log "exit status $status"
  if ((status != 0)); then
    echo "run-beside: ${beside[*]} failed; stopping ${main[*]}" >&2
    exit "$status"
  fi
  wait "$main_pid" || exit $?
  exit 0
fi
if ((status != 0)); then
  echo "run-beside: ${main[*]} failed (exit status $status); stopping ${beside[*]}" >&2
  exit "$status"
fi
status=0
wait "$beside_pid" || status=$?
show_log "exit status $status"
exit "$status"

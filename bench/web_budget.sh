#!/usr/bin/env bash
# Web budgets (issues 6 and 15): serves the built portals from `reskflow serve` on the demo
# city (SQLite in a temp dir) and runs bench/node/web_budget.mjs against it: JavaScript per first
# page (a customer's order page and the courier's work page logged in), the driver app's shell
# without network, and Lighthouse scores for the landing, browse, merchant, order and driver
# pages. Prints numbers only.
# Usage: bench/web_budget.sh [path/to/reskflow]   (the web built first: npm run build -w web)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
startup_deadline_seconds=60
demo_lat=52.5219
demo_lng=13.4132
# shellcheck source=bench/lib.sh
source "${root}/bench/lib.sh"

main() {
  local server port
  if ! server="$(find_server "${1:-}")"; then
    echo "reskflow binary not found; build it (make build) or pass its path" >&2
    return 1
  fi
  if [[ ! -f "${root}/web/dist/index.html" ]]; then
    echo "web/dist is missing; build the web first (npm run build -w web)" >&2
    return 1
  fi
  bench_node_packages
  local db="sqlite:${tmp}/web.db"
  DATABASE_URL="${db}" LOG_LEVEL=warn "${server}" seed >"${tmp}/seed.log"
  port="$(free_port)"
  DATABASE_URL="${db}" PORT="${port}" LOG_LEVEL=warn RESKFLOW_WEB_ROOT="${root}/web/dist" \
    "${server}" serve >"${tmp}/reskflow.log" 2>&1 &
  pids+=("$!")
  wait_for_url "http://127.0.0.1:${port}/health" "$!"
  wait_for_listing "http://127.0.0.1:${port}"
  node "${root}/bench/node/web_budget.mjs" "http://127.0.0.1:${port}"
}

tmp="$(mktemp -d)"
pids=()
trap stop_all EXIT
main "$@"

#!/usr/bin/env bash
# make test: installs what is missing, checks style, builds with ASan/UBSan, starts a throwaway
# PostgreSQL 15, NATS (JetStream) and Redis on loopback, and runs every test suite (unit,
# integration, cluster, proxy, API contract, browser). clang-tidy runs beside the tests. Each
# step's heading says how long make test had run when it began.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { echo "== $* (at $(($(date +%s) - started)) s)"; }
export started
export -f step

bash scripts/setup.sh
# ccache hits across clones in other folders (CI) and for the precompiled-header targets: paths
# are hashed relative to the clone, and debug builds do not hash the build folder's absolute path.
export CCACHE_BASEDIR="$PWD"
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime

build=build/debug
state=$(mktemp -d /tmp/reskflow-test.XXXXXX)
cleanup() {
  scripts/pg-cluster.sh stop "$state/pg" >/dev/null 2>&1 || true
  scripts/nats-test-server.sh stop "$state/nats" >/dev/null 2>&1 || true
  scripts/redis-test-server.sh stop "$state/redis" >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT

step "style: tidy rules and clang-format"
python3 scripts/tidy.py
git ls-files -co --exclude-standard '*.cc' '*.h' | xargs clang-format-14 --dry-run --Werror

step "API contract: lint docs/openapi.yaml, render /docs"
npx --no-install redocly lint docs/openapi.yaml --format=stylish
bash scripts/build-api-docs.sh

step "build (Debug, AddressSanitizer + UBSan, warnings as errors)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DRESKFLOW_SANITIZE=ON \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
ninja -C "$build"

step "deployment files: promtool, haproxy -c, manifests and metrics against the binary"
bash scripts/check-deploy.sh "$build"

step "services: PostgreSQL, NATS and Redis for the tests"
RESKFLOW_TEST_DATABASE_URL=$(scripts/pg-cluster.sh start "$state/pg")
RESKFLOW_TEST_NATS_URL=$(scripts/nats-test-server.sh start "$state/nats")
RESKFLOW_TEST_REDIS_URL=$(scripts/redis-test-server.sh start "$state/redis")
export RESKFLOW_TEST_DATABASE_URL RESKFLOW_TEST_NATS_URL RESKFLOW_TEST_REDIS_URL
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The tests, then the browser tests; ctest starts the tests with a COST first (cmake/warnings.cmake).
run_tests() {
  step "tests (SQLite and PostgreSQL; NATS and Redis for the cluster tests)"
  ctest --test-dir "$build" --output-on-failure -j2 --timeout 900
  step "browser tests (web build, headless Chromium)"
  RESKFLOW_BINARY="$build/src/app/reskflow" bash scripts/e2e.sh
}
export -f run_tests
export build

# clang-tidy needs only the compile database, so it runs beside the tests at the lowest CPU
# priority: it takes what the tests leave idle while they wait on servers and Chromium, and
# yields the cores to them otherwise. Its findings are printed when it ends; a failure on either
# side stops the other and fails make test (scripts/run-beside.sh).
step "clang-tidy, beside the tests (its output follows when it ends)"
bash scripts/run-beside.sh "$state/clang-tidy.log" nice -n 19 bash scripts/clang-tidy.sh "$build" \
  -- bash -euo pipefail -c run_tests
step "make test passed"

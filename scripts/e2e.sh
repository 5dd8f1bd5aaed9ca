#!/usr/bin/env bash
# Browser tests (tests/e2e): installs what is missing (scripts/setup.sh), builds the web (API
# types generated from docs/openapi.yaml, type check, Vite), renders /docs, and runs every tests/e2e/*.test.mjs with Node's test runner against the real binary
# (RESKFLOW_BINARY, default build/debug/src/app/reskflow, built beforehand). Screenshots land in
# build/e2e/screenshots/. No browser is ever downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh  # Debian's chromium and the npm workspace, when missing

echo "== web: generate the API client, type check, build"
npm run build -w web --silent
bash scripts/build-api-docs.sh  # a second; a page from an older renderer would fail the docs test

binary=${RESKFLOW_BINARY:-build/debug/src/app/reskflow}
if [ ! -x "$binary" ]; then
  echo "e2e: no server binary at $binary; build it first (ninja -C build/debug reskflow)" >&2
  exit 1
fi
export RESKFLOW_BINARY="$binary"

echo "== browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
rm -rf build/e2e/screenshots
node --test --test-concurrency=1 --test-reporter=spec tests/e2e/
echo "e2e: screenshots in build/e2e/screenshots/"

#!/usr/bin/env bash
# Writes build/docs for /docs: docs/openapi.yaml rendered by Redoc in the browser, fully offline
# and under the portals' Content-Security-Policy (scripts/build-api-docs.mjs says how).
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build-api-docs.mjs

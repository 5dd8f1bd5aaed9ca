#!/usr/bin/env bash
# Renders docs/openapi.yaml to build/docs/index.html for /docs, fully offline: the Redoc bundle
# is copied from node_modules instead of the CDN, and no web fonts are requested.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/docs
mkdir -p "$out"
npx --no-install redocly build-docs docs/openapi.yaml --disableGoogleFont -o "$out/index.html" \
  >/dev/null
sed -i -E 's#https://cdn\.redocly\.com/redoc/v[0-9.]+/bundles/redoc\.standalone\.js#/docs/redoc.standalone.js#' \
  "$out/index.html"
cp node_modules/redoc/bundles/redoc.standalone.js "$out/redoc.standalone.js"
if grep -qE 'src="https?://|<link[^>]*href="https?://' "$out/index.html"; then
  echo "build-api-docs: the page still loads something from an outside host" >&2
  exit 1
fi

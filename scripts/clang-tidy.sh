#!/usr/bin/env bash
# Runs clang-tidy-19 on the project's sources of BUILD_DIR (default build/debug); see
# scripts/clang_tidy.py for how the sources are grouped.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/clang_tidy.py "${1:-build/debug}"

#!/usr/bin/env bash
# Runs clang-tidy-19 (.clang-tidy) on the project's translation units of BUILD_DIR's
# compile_commands.json, two at a time. GCC-only flags (its precompiled header, -Wno-restrict)
# are dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/debug}
tidy_dir="$build/clang-tidy"
mkdir -p "$tidy_dir"
python3 - "$build/compile_commands.json" "$tidy_dir/compile_commands.json" <<'PY'
import json, re, sys
entries = json.load(open(sys.argv[1]))
out = []
for e in entries:
    if "/build/" in e["file"] or "/tests/" in e["file"] and e["file"].endswith("_test.cc"):
        continue
    cmd = e["command"]
    cmd = re.sub(r"-include \S+cmake_pch\.hxx", "", cmd)
    cmd = cmd.replace("-Winvalid-pch", "").replace("-Wno-restrict", "")
    e["command"] = cmd
    out.append(e)
json.dump(out, open(sys.argv[2], "w"))
PY
python3 -c "import json,sys; [print(e['file']) for e in json.load(open(sys.argv[1]))]" \
  "$tidy_dir/compile_commands.json" | grep -v '_test\.cc$' | grep '/src/' |
  xargs -P 2 -n 4 clang-tidy-19 -p "$tidy_dir" --quiet --extra-arg=-Wno-deprecated-declarations

#!/usr/bin/env bash
# Builds the libFuzzer harness with clang (ASan + UBSan) in build/fuzz and fuzzes the request
# path for SECONDS (default 600) on a copy of fuzz/corpus/request; exits non-zero on a crash.
# Usage: fuzz/run.sh [SECONDS]     (`make fuzz` calls it)
set -euo pipefail

seconds="${1:-600}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${root}/build/fuzz"
artifacts="${build}/artifacts"
# g++ 12's libstdc++ hides std::expected from clang < 19 (__cpp_concepts < 202002), so the
# project's headers need clang 19, which Debian 12 ships.
clang_version=19

ensure_clang() {
  local runtime="/usr/lib/llvm-${clang_version}/lib/clang/${clang_version}/lib/linux"
  if command -v "clang++-${clang_version}" >/dev/null &&
    [[ -e "${runtime}/libclang_rt.fuzzer-x86_64.a" ]]; then
    return
  fi
  echo "fuzz: installing clang-${clang_version} and its libFuzzer runtime" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    "clang-${clang_version}" "libclang-rt-${clang_version}-dev" >/dev/null
}

configure_and_build() {
  CC="clang-${clang_version}" CXX="clang++-${clang_version}" cmake -S "${root}" -B "${build}" \
    -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" -DRESKFLOW_SANITIZE=ON \
    -DRESKFLOW_FUZZ=ON -DRESKFLOW_TESTS=OFF -DRESKFLOW_BENCH=OFF >/dev/null
  ninja -C "${build}" -j2 fuzz_request
}

ensure_clang
configure_and_build

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
cp -r "${root}/fuzz/corpus/request" "${work}/corpus"
mkdir -p "${artifacts}"

echo "fuzz: fuzz_request for ${seconds}s; crashes go to ${artifacts}/" >&2
status=0
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
  "${build}/fuzz/fuzz_request" "${work}/corpus" "${root}/fuzz/regressions" \
  -max_len=65536 -max_total_time="${seconds}" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="${artifacts}/" -print_final_stats=1 || status=$?

if ((status != 0)); then
  echo "fuzz: FAILED (exit ${status}); copy the crash-* file from ${artifacts}/ into" \
    "fuzz/regressions/ and fix the bug" >&2
  exit "${status}"
fi
echo "fuzz: no crash in ${seconds}s" >&2

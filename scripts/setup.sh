#!/usr/bin/env bash
# Installs every build, test and run dependency from Debian 12 packages and npm; skips what is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libsodium-dev zlib1g-dev libsqlite3-dev libpq-dev libhowardhinnant-date-dev tzdata
  libsecp256k1-dev libcrypto++-dev libcurl4-openssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  clang-format-14 clang-tidy-19
  postgresql-15 nginx-light wrk openssl python3 chromium fonts-liberation
  nats-server libnats-dev redis-server redis-tools libhiredis-dev
  prometheus haproxy python3-yaml
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # nginx-light, redis-server, prometheus and haproxy start system services on install; tests
  # start their own.
  $sudo_cmd service nginx stop >/dev/null 2>&1 || true
  $sudo_cmd service redis-server stop >/dev/null 2>&1 || true
  $sudo_cmd service prometheus stop >/dev/null 2>&1 || true
  $sudo_cmd service haproxy stop >/dev/null 2>&1 || true
fi

if [ -f package-lock.json ] && [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi

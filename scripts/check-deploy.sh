#!/usr/bin/env bash
# Checks deploy/ (docs/deployment.md): Prometheus' configuration and alert rules with promtool,
# the HAProxy configuration with haproxy -c, then the manifests, ports, probe paths and the
# metrics the rules and the dashboard read against the built binary (scripts/check_deploy.py).
# Usage: scripts/check-deploy.sh [build folder, default build/debug]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/debug}

promtool check config deploy/prometheus/prometheus.yml >/dev/null
promtool check rules deploy/prometheus/alerts.yml >/dev/null
haproxy -c -q -f deploy/haproxy/haproxy.cfg
python3 scripts/check_deploy.py "$build/src/app/reskflow"

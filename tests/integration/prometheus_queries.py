#!/usr/bin/env python3
"""Runs every expression of deploy/prometheus/alerts.yml and of the Grafana dashboard through a
running Prometheus's /api/v1/query (the cluster test's, scraping three nodes).

Each must come back with status "success" and a well-formed vector, matrix or scalar, with data
or empty (an alert's condition that does not hold is empty); a parse error, an unknown function
or a query Prometheus refuses fails. Prints one line per expression and exits 1 on a failure.
Usage: prometheus_queries.py PROMETHEUS_URL DEPLOY_DIR
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import yaml

RESULT_TYPES = {"vector", "matrix", "scalar"}


def expressions(deploy):
    with open(os.path.join(deploy, "prometheus", "alerts.yml")) as f:
        rules = yaml.safe_load(f)
    out = [("alert " + r["alert"], r["expr"]) for g in rules["groups"] for r in g["rules"]]
    with open(os.path.join(deploy, "grafana", "reskflow-dashboard.json")) as f:
        dashboard = json.load(f)
    out += [("panel " + p["title"], t["expr"]) for p in dashboard["panels"] for t in p["targets"]]
    return out


def query(base, expr):
    """(problem or None, number of series or samples)."""
    url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            body = json.load(r)
    except urllib.error.HTTPError as e:
        return f"HTTP {e.code}: {e.read().decode(errors='replace')}", 0
    if body.get("status") != "success":
        return f"{body.get('errorType')}: {body.get('error')}", 0
    data = body.get("data", {})
    kind, result = data.get("resultType"), data.get("result")
    if kind not in RESULT_TYPES or not isinstance(result, list):
        return f"malformed answer {json.dumps(data)[:200]}", 0
    return None, (1 if kind == "scalar" else len(result))


def main():
    base, deploy = sys.argv[1].rstrip("/"), sys.argv[2]
    failed, with_data = 0, 0
    exprs = expressions(deploy)
    for where, expr in exprs:
        problem, count = query(base, expr)
        if problem:
            failed += 1
            print(f"FAIL {where}: {problem}\n     {' '.join(expr.split())}")
        else:
            with_data += count > 0
            print(f"ok   {where}: {count} series" if count else f"ok   {where}: empty")
    print(f"{len(exprs)} expressions: {with_data} with data, {len(exprs) - failed - with_data} "
          f"empty, {failed} failed")
    sys.exit(1 if failed or with_data == 0 else 0)


if __name__ == "__main__":
    main()

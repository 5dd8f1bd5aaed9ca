#!/usr/bin/env python3
"""Checks deploy/ against the built binary (called by scripts/check-deploy.sh).

Starts the binary on SQLite once per Kubernetes role, on a free port, and checks that: the
manifests parse and agree with each other (ports, probes, selectors, autoscaler and budget
targets); every probe and balancer health-check path answers 200 from the binary; the port
the manifests, the image, the balancer and Prometheus use is the one the image sets; and every
metric named by an alert rule or a dashboard panel is one the binary exports.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

import yaml

DEPLOY = "deploy"
PROMQL_WORDS = {
    "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
    "offset", "bool", "inf", "nan",
}
problems = []


def problem(text):
    problems.append(text)


def load_manifests():
    docs = []
    for folder, _, files in sorted(os.walk(os.path.join(DEPLOY, "kubernetes"))):
        for name in sorted(files):
            if name.endswith(".yaml"):
                with open(os.path.join(folder, name)) as f:
                    docs += [(name, d) for d in yaml.safe_load_all(f) if d]
    return docs


def start(binary, workdir, args):
    """The binary serving on a free port; returns (process, port)."""
    env = dict(os.environ, HOST="127.0.0.1", PORT="0", RESKFLOW_ENV="development",
               DATABASE_URL="sqlite:" + os.path.join(workdir, "reskflow.db"),
               RESKFLOW_PROOFS_DIR=os.path.join(workdir, "proofs"), LOG_LEVEL="info")
    process = subprocess.Popen([binary] + args, env=env, cwd=workdir, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    for line in process.stdout:
        if '"event":"listening"' in line:
            return process, json.loads(line)["port"]
    raise SystemExit(f"check-deploy: {' '.join(args)} did not start")


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)


def status_of(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""


def exported_metrics(port):
    code, text = status_of(port, "/metrics")
    if code != 200:
        raise SystemExit(f"check-deploy: /metrics answered {code}")
    names = set()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            names.add(re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line).group(0))
    return names


def metric_names(expr):
    """The metric names an expression reads: identifiers left once strings, label matchers,
    ranges and grouping clauses are gone, that are neither functions nor keywords."""
    expr = re.sub(r'"(\\.|[^"\\])*"', "", expr)
    expr = re.sub(r"\{[^}]*\}", "", expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr):
        rest = expr[m.end():].lstrip()
        if rest.startswith("(") or m.group(0).lower() in PROMQL_WORDS:
            continue
        names.add(m.group(0))
    return names


def check_metrics(exported):
    with open(os.path.join(DEPLOY, "prometheus", "alerts.yml")) as f:
        rules = yaml.safe_load(f)
    exprs = [("alert " + r["alert"], r["expr"]) for g in rules["groups"] for r in g["rules"]]
    with open(os.path.join(DEPLOY, "grafana", "reskflow-dashboard.json")) as f:
        dashboard = json.load(f)
    exprs += [("panel " + p["title"], t["expr"]) for p in dashboard["panels"] for t in p["targets"]]
    for where, expr in exprs:
        for name in metric_names(expr) - exported:
            problem(f"{where}: the binary exports no metric {name}")
    return len(exprs)


def check_container(name, deployment, port):
    spec = deployment["spec"]
    selector = spec["selector"]["matchLabels"]
    labels = spec["template"]["metadata"]["labels"]
    if any(labels.get(k) != v for k, v in selector.items()):
        problem(f"{name}: the selector does not match the pod labels")
    container = spec["template"]["spec"]["containers"][0]
    ports = {p.get("name"): p["containerPort"] for p in container["ports"]}
    if ports.get("http") != port:
        problem(f"{name}: container port http is {ports.get('http')}, the binary listens on {port}")
    probes = {}
    for kind in ("startupProbe", "livenessProbe", "readinessProbe"):
        get = container.get(kind, {}).get("httpGet")
        if not get:
            problem(f"{name}: no {kind}")
            continue
        if get["port"] not in ("http", port):
            problem(f"{name}: {kind} probes port {get['port']}")
        probes[kind] = get["path"]
    if probes.get("livenessProbe") != "/health/live":
        problem(f"{name}: the liveness probe should be /health/live")
    if probes.get("readinessProbe") != "/health/ready":
        problem(f"{name}: the readiness probe should be /health/ready")
    return container["args"], set(probes.values())


def check_manifests(docs):
    """The roles' serve arguments and every probe path, after the cross-checks."""
    config = next(d for _, d in docs if d["kind"] == "ConfigMap")
    port = int(config["data"]["PORT"])
    deployments = {d["metadata"]["name"]: (n, d) for n, d in docs if d["kind"] == "Deployment"}
    roles, paths = {}, set()
    for name, (_, d) in deployments.items():
        args, probe_paths = check_container(name, d, port)
        roles[name] = args
        paths |= probe_paths
    for n, d in docs:
        kind, name = d["kind"], d.get("metadata", {}).get("name")
        if kind == "Service":
            target = d["spec"]["ports"][0]["targetPort"]
            matched = [k for k, (_, dep) in deployments.items()
                       if all(dep["spec"]["template"]["metadata"]["labels"].get(a) == b
                              for a, b in d["spec"]["selector"].items())]
            if not matched or target not in ("http", port):
                problem(f"{n}: Service {name} selects {matched} on port {target}")
        if kind == "HorizontalPodAutoscaler" and d["spec"]["scaleTargetRef"]["name"] not in deployments:
            problem(f"{n}: {name} scales a Deployment that does not exist")
        if kind == "PodDisruptionBudget":
            sel = d["spec"]["selector"]["matchLabels"]
            if not any(dep["spec"]["selector"]["matchLabels"] == sel for _, dep in deployments.values()):
                problem(f"{n}: {name} selects no Deployment's pods")
    return port, roles, paths


def check_ports(port):
    with open(os.path.join(DEPLOY, "Dockerfile")) as f:
        dockerfile = f.read()
    if f"PORT={port}" not in dockerfile or f"EXPOSE {port}" not in dockerfile:
        problem(f"Dockerfile: the image should set PORT={port} and EXPOSE {port}")
    with open(os.path.join(DEPLOY, "haproxy", "haproxy.cfg")) as f:
        haproxy = f.read()
    for server_port in re.findall(r"^\s*server \S+ \S+:(\d+)", haproxy, re.M):
        if int(server_port) != port:
            problem(f"haproxy.cfg: a server on port {server_port}, the nodes listen on {port}")
    with open(os.path.join(DEPLOY, "prometheus", "nodes.yml")) as f:
        for group in yaml.safe_load(f):
            for target in group["targets"]:
                if not target.endswith(f":{port}"):
                    problem(f"prometheus/nodes.yml: target {target} is not on port {port}")
    return re.findall(r"http-check send meth GET uri (\S+)", haproxy)


def main():
    binary = os.path.abspath(sys.argv[1])
    docs = load_manifests()
    port, roles, probe_paths = check_manifests(docs)
    probe_paths |= set(check_ports(port))
    exported = set()
    with tempfile.TemporaryDirectory() as workdir:
        for name, args in roles.items():
            process, bound = start(binary, workdir, args + ["--port", "0"])
            try:
                for path in sorted(probe_paths):
                    code, body = status_of(bound, path)
                    if code != 200:
                        problem(f"{name}: {path} answered {code} {body}")
                if args == ["serve"]:
                    exported = exported_metrics(bound)
            finally:
                stop(process)
    if not exported:
        problem("no Deployment runs every module (serve without --modules): metrics unchecked")
    checked = check_metrics(exported) if exported else 0
    for p in problems:
        print("check-deploy:", p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"check-deploy: {len(docs)} manifests, {len(roles)} roles, {len(probe_paths)} probe "
          f"paths and {checked} expressions over {len(exported)} metrics agree with the binary")


if __name__ == "__main__":
    main()

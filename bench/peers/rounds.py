#!/usr/bin/env python3
"""Interleaved rounds of the peers and Qompress on W1-W6 at the points of Docs/Performance.md,
one thread each, and the Markdown table of the result (what `make peers-table` runs).

    python bench/peers/rounds.py [--rounds 2] [--out DIR] [--only W1,W3] [--qompress PATH]
    python bench/peers/rounds.py --from DIR        # the table of a finished run again

Run it with the interpreter of the peers' venv (`make peers-setup` makes .build/peers-venv);
Qompress is the release build (`swift build -c release --product qompress`). Each round runs,
group by group, every peer of the group (each point in its own process), then the Qompress
command of the group. All of them get one thread (OMP/OPENBLAS/MKL/NUMBA_NUM_THREADS=1, torch
threads 1, qompress --threads 1) and the angles of Scripts/peer_angles.py (--angles-dir).

Table: per point the best peer (lowest median over the rounds), its median, Qompress's median,
and the ratio = median over the rounds of (peer / Qompress) for times or (Qompress / peer) for
rates, so > 1 means Qompress is faster; then a check of the values against that peer. OUT
keeps every JSON line (peers.jsonl, qompress.jsonl), meta.json, the log and table.md.
"""
import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ONE_THREAD = {k: "1" for k in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"]}


class Point:
    """One row of the table: how to find its peer records and its Qompress record, and its metric."""

    def __init__(self, label, peer, qompress, metric, rate=False, check=None, peer_metric=None):
        self.label, self.peer, self.qompress = label, peer, qompress
        self.metric, self.peer_metric, self.rate, self.check = metric, peer_metric or metric, rate, check


def dz(q, p):
    if not q.get("z") or not p.get("z") or len(q["z"]) != len(p["z"]):
        return ""
    return "max\\|Δ⟨Z⟩\\| %.1e" % max(abs(a - b) for a, b in zip(q["z"], p["z"]))


def dgrad(q, p):
    return "\\|ΔC\\| %.1e, \\|Δ Σ∂C\\| %.1e" % (abs(q["value"] - p["value"]),
                                                abs(q["gradient_checksum"] - p["gradient_checksum"]))


def w1(n, peers, repeats):
    return {"name": f"W1 n={n}",
            "peers": [["--workload", "W1", "--backend", b, "--qubits", str(n), "--repeats", str(repeats)] for b in peers],
            "qompress": ["bench-forward", "--qubits", str(n), "--repeats", str(repeats), "--json"],
            "points": [Point(f"W1 forward, n={n}, L=6", {"workload": "W1", "qubits": n},
                             {"workload": "W1", "qubits": n}, "median_s", check=dz)]}


def w2(n, layers, chi, repeats):
    return {"name": f"W2 n={n} L={layers} chi={chi}",
            "peers": [["--workload", "W2", "--backend", b, "--qubits", str(n), "--layers", str(layers), "--chi", str(chi),
                       "--repeats", str(repeats)] for b in ["aer-mps", "quimb-mps"]],
            "qompress": ["bench-mps", "--qubits", str(n), "--layers", str(layers), "--chi", str(chi),
                         "--repeats", str(repeats), "--json"],
            "points": [Point(f"W2 MPS, n={n}, L={layers}, χ={chi}", {"workload": "W2", "qubits": n, "layers": layers, "chi": chi},
                             {"workload": "W2", "qubits": n, "layers": layers, "chi": chi}, "median_s", check=dz)]}


def groups():
    w3 = [8, 12, 16]
    return [
        w1(20, ["lightning", "aer"], 5),
        w1(24, ["lightning"], 3),  # Aer's statevector takes 13-17 s a pass at n = 24 on one thread
        w2(64, 6, 16, 5),
        w2(128, 6, 64, 3),
        w2(128, 20, 16, 3),
        w2(128, 20, 64, 1),  # 13-25 s a pass for the peers: one timed run after the warm-up
        {"name": "W3 W4",
         "peers": [["--workload", "W3", "--backend", "lightning-adjoint", "--qubits", str(n), "--repeats", "10"] for n in w3]
         + [["--workload", "W4", "--backend", "default-broadcast", "--repeats", "10"]],
         "qompress": ["bench-gradients", "--qubits", ",".join(map(str, w3)), "--repeats", "10", "--json"],
         "points": [Point(f"W3 gradient, n={n} ({n * 7} parameters)", {"workload": "W3", "qubits": n},
                          {"workload": "W3", "qubits": n}, "median_s", check=dgrad) for n in w3]
         + [Point("W4 forward, 256 × (n=8, L=4)", {"workload": "W4"}, {"workload": "W4"}, "forward_s")]},
        {"name": "W5",
         "peers": [["--workload", "W5", "--backend", "default-backprop", "--max-seconds", "15"]],
         "qompress": ["bench-train", "--backend", "statevector"],
         "points": [Point("W5 hybrid epoch (samples/s)", {"workload": "W5"}, {"workload": "W5"}, "samples_per_s",
                          rate=True)]},
        {"name": "W6",
         "peers": [["--workload", "W6", "--backend", "torch", "--dim", str(d), "--repeats", "10"] for d in (768, 384)],
         "qompress": ["head", "bench", "--dims", "768,384", "--repeats", "10", "--json"],
         "points": [Point(f"W6 head d={d} {name} (emb/s)", {"workload": "W6", "dim": d},
                          {"workload": "W6", "dim": d, "dtype": "float64"},
                          key, rate=True) for key, name in [("fwd_bwd_eps", "fwd+bwd"), ("forward_eps", "forward")]
                    for d in (768, 384)]},
        # The opt-in float32 head (--precision f32) against the same round's peer records of W6
        # (this group runs no peer of its own: run it with W6, e.g. --only W6).
        {"name": "W6 f32",
         "peers": [],
         "qompress": ["head", "bench", "--dims", "768,384", "--repeats", "10", "--precision", "f32", "--json"],
         "points": [Point(f"W6 head f32 d={d} {name} (emb/s)", {"workload": "W6", "dim": d},
                          {"workload": "W6", "dim": d, "dtype": "float32"},
                          key, rate=True) for key, name in [("fwd_bwd_eps", "fwd+bwd"), ("forward_eps", "forward")]
                    for d in (768, 384)]},
    ]


def cpu_model():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def loadavg():
    return float(open("/proc/loadavg").read().split()[0])


def run(cmd, log, env=None, timeout=900):
    """Run one command; its stdout lines, its stderr to the log."""
    t0 = time.time()
    with open(log, "a") as f:
        f.write(f"$ {' '.join(cmd)}   # {datetime.datetime.now():%H:%M:%S} load {loadavg():.2f}\n")
        f.flush()
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=f, text=True, env=env, cwd=ROOT, timeout=timeout)
            out = p.stdout
        except subprocess.TimeoutExpired:
            out = ""
            f.write(f"timed out after {timeout} s\n")
        f.write(f"  ({time.time() - t0:.1f} s)\n")
    return [line for line in out.splitlines() if line.strip()]


def qompress_records(lines, command):
    if command[0] == "bench-train":  # text output: "W5  statevector  N samples in S s: R samples/s (...)"
        m = [re.search(r"([\d.]+) samples/s", line) for line in lines]
        return [{"workload": "W5", "samples_per_s": float(x.group(1)), "text": line} for x, line in zip(m, lines) if x]
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            pass
    return records


def matches(record, select):
    return all(record.get(k) == v for k, v in select.items())


def fmt(value, rate):
    if value is None:
        return "—"
    if rate:
        return f"{value:,.0f}"
    return f"{value * 1e3:.3g} ms" if value < 1 else f"{value:.3g} s"


def table(points, peer_recs, q_recs, rounds):
    rows = ["| point | best peer | peer median | Qompress median | ratio (Qompress faster by) | check vs that peer | other peers |",
            "|---|---|---|---|---|---|---|"]
    for pt in points:
        q = {r: next((x for x in q_recs[r] if matches(x, pt.qompress)), None) for r in rounds}
        by_peer = {}
        for r in rounds:
            for x in peer_recs[r]:
                if matches(x, pt.peer) and x.get("status") == "ok":
                    by_peer.setdefault(x["backend"], {})[r] = x
        medians = {b: statistics.median(x[pt.peer_metric] for x in recs.values()) for b, recs in by_peer.items()}
        ranked = sorted(medians, key=lambda b: -medians[b] if pt.rate else medians[b])
        best, best_value = (ranked[0], medians[ranked[0]]) if ranked else (None, None)
        others = ", ".join(f"{b} {fmt(medians[b], pt.rate)}" for b in ranked[1:])
        q_values = [x[pt.metric] for x in q.values() if x]
        q_median = statistics.median(q_values) if q_values else None
        ratios, checks = [], []
        for r in rounds:
            p = by_peer.get(best, {}).get(r)
            if p and q[r]:
                a, b = p[pt.peer_metric], q[r][pt.metric]
                ratios.append(b / a if pt.rate else a / b)
                if pt.check:
                    checks.append(pt.check(q[r], p))
        if best is None:
            reasons = {x.get("reason") or x.get("error") for r in rounds for x in peer_recs[r]
                       if matches(x, pt.peer) and x.get("status") != "ok"}
            best = "none ran" + (f" ({'; '.join(sorted(filter(None, reasons)))})" if reasons else "")
        ratio = f"**{statistics.median(ratios):.3g}×** ({min(ratios):.3g}–{max(ratios):.3g})" if ratios else "—"
        rows.append(f"| {pt.label} | {best} | {fmt(best_value, pt.rate)} | {fmt(q_median, pt.rate)} | {ratio} | "
                    f"{checks[-1] if checks else ''} | {others} |")
    return "\n".join(rows)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--out", default=os.path.join(ROOT, ".build", "peers-results",
                                                 datetime.datetime.now().strftime("%Y%m%d-%H%M%S")))
    p.add_argument("--only", help="comma-separated prefixes of group names (W1, W2, W3 W4, W5, W6)")
    p.add_argument("--qompress", default=os.path.join(ROOT, ".build", "release", "qompress"))
    p.add_argument("--from", dest="source", metavar="DIR", help="print the table of a finished run (its OUT) again")
    a = p.parse_args()
    if a.source:
        return report(a.source, a.only)
    if not os.access(a.qompress, os.X_OK):
        sys.exit(f"{a.qompress} not found: swift build -c release --product qompress")
    chosen = [g for g in groups() if not a.only or any(g["name"].startswith(s) for s in a.only.split(","))]
    os.makedirs(a.out, exist_ok=True)
    log = os.path.join(a.out, "log")
    angles = os.path.join(a.out, "angles")
    subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "peer_angles.py"), angles,
                    "--qubits", "8,12,16,20,24,64,128", "--layers", "6,20"], check=True)
    env = dict(os.environ, **ONE_THREAD, PYTHONWARNINGS="ignore")
    rounds = list(range(1, a.rounds + 1))
    peer_recs = {r: [] for r in rounds}
    q_recs = {r: [] for r in rounds}
    loads = [loadavg()]
    started = datetime.datetime.now(datetime.timezone.utc)
    for r in rounds:
        for g in chosen:
            loads.append(loadavg())
            print(f"round {r}: {g['name']} (load {loads[-1]:.2f})", file=sys.stderr, flush=True)
            for args in g["peers"]:
                for line in run([sys.executable, os.path.join(HERE, "peer.py"), *args, "--angles-dir", angles], log, env):
                    rec = json.loads(line) if line.startswith("{") else None
                    if rec:
                        rec["round"] = r
                        peer_recs[r].append(rec)
                        with open(os.path.join(a.out, "peers.jsonl"), "a") as f:
                            f.write(json.dumps(rec) + "\n")
            cmd = list(g["qompress"]) + ["--threads", "1"]
            if cmd[0] in ("bench-forward", "bench-mps", "bench-gradients"):
                cmd += ["--angles-dir", angles]
            for rec in qompress_records(run([a.qompress, *cmd], log, env), cmd):
                rec["round"] = r
                q_recs[r].append(rec)
                with open(os.path.join(a.out, "qompress.jsonl"), "a") as f:
                    f.write(json.dumps(rec) + "\n")
    loads.append(loadavg())
    finished = datetime.datetime.now(datetime.timezone.utc)
    commit = subprocess.run(["git", "log", "-1", "--format=%h", "--", "Sources", "Package.swift"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()  # the last commit the binary depends on
    with open(os.path.join(a.out, "meta.json"), "w") as f:
        json.dump({"started": f"{started:%Y-%m-%d %H:%M}", "finished": f"{finished:%H:%M}", "rounds": a.rounds,
                   "groups": [g["name"] for g in chosen], "loads": loads, "commit": commit,
                   "cpu": f"{cpu_model()} × {os.cpu_count()} cores"}, f)
    report(a.out)


def report(out, only=None):
    """Print (and write to OUT/table.md) the table of the run in OUT."""
    meta = json.load(open(os.path.join(out, "meta.json")))
    rounds = list(range(1, meta["rounds"] + 1))
    peer_recs, q_recs = {r: [] for r in rounds}, {r: [] for r in rounds}
    for name, recs in [("peers.jsonl", peer_recs), ("qompress.jsonl", q_recs)]:
        for line in open(os.path.join(out, name)):
            rec = json.loads(line)
            recs[rec["round"]].append(rec)
    versions = next((x["versions"] for r in rounds for x in peer_recs[r] if x.get("versions")), {})
    loads = meta["loads"]
    header = (f"{meta['started']}–{meta['finished']} UTC, rounds: {meta['rounds']}, one thread each, {meta['cpu']}, "
              f"Qompress at {meta['commit']} (release build); load average (1 min) {loads[0]:.2f} at the start, "
              f"{min(loads):.2f}–{max(loads):.2f} during, {loads[-1]:.2f} at the end.\n"
              f"Peers: {', '.join(f'{k} {v}' for k, v in sorted(versions.items()))}.\n")
    names = set(meta["groups"]) if not only else {g for g in meta["groups"] if any(g.startswith(s) for s in only.split(","))}
    points = [pt for g in groups() if g["name"] in names for pt in g["points"]]
    text = header + "\n" + table(points, peer_recs, q_recs, rounds) + "\n"
    with open(os.path.join(out, "table.md"), "w") as f:
        f.write(text)
    print(text)
    print(f"(records in {out})", file=sys.stderr)


if __name__ == "__main__":
    main()

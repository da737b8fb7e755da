#!/usr/bin/env python3
"""One peer measurement of a Qompress workload (Docs/Performance.md), as one JSON line.

    python bench/peers/peer.py --workload W1 --backend lightning --qubits 20 --threads 1
    python bench/peers/peer.py --workload W2 --backend quimb-mps --qubits 128 --layers 20 --chi 64
    python bench/peers/peer.py --workload W3 --backend lightning-adjoint --qubits 16
    python bench/peers/peer.py --workload W4 --backend default-broadcast
    python bench/peers/peer.py --workload W5 --backend default-backprop --max-seconds 20
    python bench/peers/peer.py --workload W6 --backend torch --dim 768

Workloads and backends (the peer a user would otherwise pick):
  W1  forward pass of the dressed circuit, all <Z_i>     lightning, default, aer
  W2  the same on an MPS with bond limit --chi           aer-mps, quimb-mps
  W3  gradient of sum_i <Z_i> w.r.t. all n + n*L angles  lightning-adjoint, default-backprop
  W4  --batch inputs (n = 8, L = 4), shared weights      default-broadcast, lightning-broadcast
  W5  one epoch of Dense(512->8) -> circuit -> Dense     default-backprop, lightning-adjoint (torch)
  W6  the quantum-inspired projection head d -> d/3      torch (complex64)

The JSON fields are those of `qompress bench-* --json` for the same workload (median_s, runs,
z, value, gradient_checksum, forward_s, samples_per_s, forward_eps, fwd_bwd_eps, ...), so the
two can be compared point by point; `qompress bench-forward/bench-mps --reference FILE` reads
these lines and reports max |d<Z_i>| against them. Timing: one warm-up, then --repeats runs or
fewer once they pass --budget seconds (at least three), as Qompress times. A peer whose package
is not installed prints status "skipped" with the reason.
"""
import argparse
import os
import sys
import time

WORKLOADS = {
    "W1": ["lightning", "default", "aer"],
    "W2": ["aer-mps", "quimb-mps"],
    "W3": ["lightning-adjoint", "default-backprop"],
    "W4": ["default-broadcast", "lightning-broadcast"],
    "W5": ["default-backprop", "lightning-adjoint"],
    "W6": ["torch"],
}


def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--workload", required=True, choices=sorted(WORKLOADS))
    p.add_argument("--backend", required=True)
    p.add_argument("--qubits", type=int, help="n (default: W1/W3 16, W2 64, W4/W5 8)")
    p.add_argument("--layers", type=int, help="L (default 6; W4 4)")
    p.add_argument("--chi", type=int, default=64, help="W2: the bond limit")
    p.add_argument("--cutoff", type=float, default=1e-10, help="W2 quimb: discarded-weight cutoff")
    p.add_argument("--batch", type=int, help="W4 256, W5 32, W6 1024")
    p.add_argument("--samples", type=int, default=10_000, help="W5: training samples")
    p.add_argument("--max-seconds", type=float, default=20, help="W5: stop the epoch after this")
    p.add_argument("--dim", type=int, default=384, help="W6: input dimension d")
    p.add_argument("--threads", type=int, default=1, help="OMP/OPENBLAS/MKL threads and torch threads")
    p.add_argument("--angles-dir", help="read angles_n<N>_L<L>.json (Scripts/peer_angles.py) from here")
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--budget", type=float, default=20.0)
    a = p.parse_args(argv)
    if a.backend not in WORKLOADS[a.workload]:
        p.error(f"{a.workload} backends: {', '.join(WORKLOADS[a.workload])}")
    defaults = {"W1": (16, 6, None), "W2": (64, 6, None), "W3": (16, 6, None), "W4": (8, 4, 256),
                "W5": (8, 6, 32), "W6": (None, None, 1024)}[a.workload]
    a.qubits = a.qubits if a.qubits is not None else defaults[0]
    a.layers = a.layers if a.layers is not None else defaults[1]
    a.batch = a.batch if a.batch is not None else defaults[2]
    return a


def main():
    a = parse()
    for k in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"]:
        os.environ[k] = str(a.threads)  # before numpy, torch or lightning load their thread pools
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from common import emit, versions

    rec = {"workload": a.workload, "backend": a.backend, "threads": a.threads}
    if a.workload in ("W1", "W2", "W3", "W4", "W5"):
        rec.update(qubits=a.qubits, layers=a.layers)
    if a.workload == "W2":
        rec["chi"] = a.chi
    if a.workload == "W6":
        rec["dim"] = a.dim  # so that a skipped point still names its row
    needs = {"lightning": "pennylane_lightning", "default": "pennylane", "aer": "qiskit_aer", "quimb": "quimb",
             "torch": "torch"}
    modules = {needs[part] for part in a.backend.split("-") if part in needs}
    if a.workload in ("W5", "W6"):
        modules.add("torch")
    for module in sorted(modules):
        try:
            __import__(module)
        except ImportError:
            extra = "requirements-torch.txt" if module == "torch" else "requirements.txt"
            rec.update(status="skipped", reason=f"{module} is not installed (pip install -r bench/peers/{extra})")
            emit(rec)
            return
    try:
        t0 = time.perf_counter()
        if a.workload in ("W5", "W6"):
            import torch_workloads
            (torch_workloads.w5 if a.workload == "W5" else torch_workloads.w6)(a, rec)
        else:
            import simulators
            {"W1": simulators.w1_w2, "W2": simulators.w1_w2, "W3": simulators.w3, "W4": simulators.w4}[a.workload](a, rec)
        rec["process_s"] = time.perf_counter() - t0
        rec["status"] = "ok"
    except Exception as e:  # one line per point, whatever happens
        rec.update(status="error", error=f"{type(e).__name__}: {e}"[:400])
    rec["versions"] = versions("numpy", "scipy", "pennylane", "pennylane_lightning", "qiskit", "qiskit-aer",
                               "quimb", "torch")
    emit(rec)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Per-call cost of the Python binding beside the Swift CLI's in-process time and PennyLane.

usage: python python/bench/overhead.py [--peers ../shared/bench/peers] [--repeats 15] [--cli .build/release/qompress]

Workloads as in the peer benchmarks (../shared/bench/peers/common.py, same angles):
  W1  the dressed circuit, n = 20, L = 6, θ = x, all ⟨Z_i⟩, one sample;
  W4  256 samples, n = 8, L = 4 (forward, and forward + VJP);
  a 1-qubit, 0-layer call (the fixed cost of one call), and run_qasm of a 1-qubit program.
Qompress through Python: `qompress.dressed_forward` / `dressed_vjp` / `run_qasm` (the release
library). Swift in process: `qompress bench-forward` (W1) and `qompress bench-gradients` (W4),
which time the same work with the register and evaluator made once, outside the timing.
PennyLane (when importable, e.g. in the peers' venv): the peers' own W1 `pl-lightning` and W4
`pl-default-broadcast` functions, and a 1-wire QNode on lightning.qubit as its fixed cost.
Prints one JSON line per measurement (median and min over the repeats, after one warm-up).
"""
import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

import qompress

REPOSITORY = Path(__file__).resolve().parents[2]


def timed(function, repeats):
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return {"median_s": statistics.median(times), "min_s": min(times), "runs": repeats}


def emit(record):
    print(json.dumps(record), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peers", default=str(REPOSITORY.parent / "shared" / "bench" / "peers"))
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--cli", default=str(REPOSITORY / ".build" / "release" / "qompress"))
    parser.add_argument("--skip-pennylane", action="store_true")
    a = parser.parse_args()
    sys.path.insert(0, a.peers)
    from common import batch_params, params

    x1, w1 = params(20, 6)
    xb, wb = batch_params(8, 4, 256)
    emit({"library": str(qompress.locate())})

    emit({"what": "qompress null call (n=1, L=0, 1 sample)",
          **timed(lambda: qompress.dressed_forward(np.zeros((1, 1)), np.zeros((0, 1)), scaling="none"), 200 * a.repeats)})
    emit({"what": "qompress run_qasm, 1 qubit, probabilities",
          **timed(lambda: qompress.run_qasm("OPENQASM 2.0; qreg q[1]; U(0.3,0,0) q[0];"), 200 * a.repeats)})
    z = qompress.dressed_forward(x1, w1, scaling="none")
    emit({"what": "qompress W1 n=20 L=6", "sum_z": float(z.sum()),
          **timed(lambda: qompress.dressed_forward(x1, w1, scaling="none"), a.repeats)})
    zb = qompress.dressed_forward(xb, wb, scaling="none")
    emit({"what": "qompress W4 forward 256 × (n=8, L=4)", "sum_z": float(zb.sum()),
          **timed(lambda: qompress.dressed_forward(xb, wb, scaling="none"), 10 * a.repeats)})
    ones = np.ones_like(xb)
    emit({"what": "qompress W4 forward+VJP 256 × (n=8, L=4)",
          **timed(lambda: qompress.dressed_vjp(xb, wb, ones, scaling="none"), 10 * a.repeats)})

    if Path(a.cli).is_file():
        out = subprocess.run([a.cli, "bench-forward", "--qubits", "20", "--layers", "6", "--repeats", str(a.repeats),
                              "--json"], capture_output=True, text=True).stdout
        emit({"what": "swift in-process W1 n=20 L=6 (bench-forward)", "raw": [json.loads(l) for l in out.splitlines() if l.startswith("{")]})
        out = subprocess.run([a.cli, "bench-gradients", "--qubits", "8", "--json", "--repeats", str(a.repeats)],
                             capture_output=True, text=True).stdout
        emit({"what": "swift in-process W4 (bench-gradients)",
              "raw": [json.loads(l) for l in out.splitlines() if '"W4"' in l]})

    if a.skip_pennylane:
        return
    try:
        import pennylane as qml
    except ImportError:
        emit({"what": "pennylane", "status": "not installed"})
        return
    from backends import make_forward
    import w4_batch

    device = qml.device("lightning.qubit", wires=1)

    @qml.qnode(device)
    def null(x):
        qml.RY(x, wires=0)
        return qml.expval(qml.Z(0))

    emit({"what": "pennylane lightning null call (1 wire, RY, ⟨Z⟩)", "version": qml.__version__,
          **timed(lambda: null(0.0), 20 * a.repeats)})
    f = make_forward("pl-lightning", 20, 6)
    emit({"what": "pennylane lightning W1 n=20 L=6", "sum_z": float(np.sum(f(x1, w1))), **timed(lambda: f(x1, w1), a.repeats)})
    g = w4_batch.build("pl-default-broadcast", 8, 4)
    emit({"what": "pennylane default.qubit broadcast W4 forward", "sum_z": float(np.sum(g(xb, wb))),
          **timed(lambda: g(xb, wb), a.repeats)})


if __name__ == "__main__":
    main()

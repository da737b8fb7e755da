"""What every peer workload shares: the dressed circuit, its angles, timing and the JSON line.

The dressed circuit (n qubits, L layers), the same in Qompress (`Circuit.dressed`):

    H on every qubit; RY(x_i) on qubit i;
    L times: CNOT(0,1), CNOT(2,3), ... ; CNOT(1,2), CNOT(3,4), ... ; RY(w[l, i]) on qubit i;
    output <Z_i> for i = 0 ... n-1 (qubit 0 is the first wire in every framework).

Angles: `numpy.random.default_rng(seed)`, x = uniform(-pi/2, pi/2, n), then
w = uniform(-pi, pi, (L, n)) -- what `Scripts/peer_angles.py` writes to
`DIR/angles_n<N>_L<L>.json` and what `qompress bench-* --angles-dir DIR` reads. With
`--angles-dir` the peers read those very files, so both sides run identical angles.
"""
import json
import os
import platform
import statistics
import time

import numpy as np

SEED = 1234


def angles(n, layers, seed=SEED, angles_dir=None):
    """(x, w) for the dressed circuit: from `angles_dir` when given, else drawn from `seed`."""
    if angles_dir:
        with open(os.path.join(angles_dir, f"angles_n{n}_L{layers}.json")) as f:
            payload = json.load(f)
        x, w = np.array(payload["x"], dtype=float), np.array(payload["w"], dtype=float)
        if x.shape != (n,) or w.shape != (layers, n):
            raise ValueError(f"angles in {angles_dir} do not have the shape n={n}, L={layers}")
        return x, w
    rng = np.random.default_rng(seed)
    return rng.uniform(-np.pi / 2, np.pi / 2, n), rng.uniform(-np.pi, np.pi, (layers, n))


def batch_angles(n, layers, batch, seed=SEED):
    """W4: `batch` input vectors (drawn first), then one shared weight matrix."""
    rng = np.random.default_rng(seed)
    return rng.uniform(-np.pi / 2, np.pi / 2, (batch, n)), rng.uniform(-np.pi, np.pi, (layers, n))


def cnot_ladder(n):
    """The CNOTs of one layer: even bonds, then odd bonds."""
    return [(i, i + 1) for i in range(0, n - 1, 2)] + [(i, i + 1) for i in range(1, n - 1, 2)]


def dressed_gates(x, w):
    """The circuit as (name, qubits, angle) triples, for the frameworks that take gate lists."""
    n, layers = len(x), len(w)
    gates = [("h", (q,), None) for q in range(n)] + [("ry", (q,), x[q]) for q in range(n)]
    for l in range(layers):
        gates += [("cx", pair, None) for pair in cnot_ladder(n)]
        gates += [("ry", (q,), w[l][q]) for q in range(n)]
    return gates


def reference_z(x, w):
    """<Z_i> by a plain numpy statevector (small n only): the peers' own sanity check."""
    n = len(x)
    psi = np.zeros((2,) * n)
    psi[(0,) * n] = 1.0

    def one(psi, u, q):
        return np.moveaxis(np.tensordot(u, psi, axes=([1], [q])), 0, q)

    def ry(t):
        c, s = np.cos(t / 2), np.sin(t / 2)
        return np.array([[c, -s], [s, c]])

    for name, qs, t in dressed_gates(x, w):
        if name == "h":
            psi = one(psi, np.array([[1, 1], [1, -1]]) / np.sqrt(2), qs[0])
        elif name == "ry":
            psi = one(psi, ry(t), qs[0])
        else:
            c, t = qs
            index = [slice(None)] * n
            index[c] = 1
            psi[tuple(index)] = np.flip(psi[tuple(index)], axis=t if t < c else t - 1).copy()
    p = psi ** 2
    return np.array([p.take(0, axis=q).sum() - p.take(1, axis=q).sum() for q in range(n)])


def time_median(fn, repeats, budget, warmup=1):
    """Like Qompress's `Timing.median`: `warmup` calls, then `repeats` timed runs, or fewer once
    they exceed `budget` seconds (at least three unless repeats < 3). Returns (median, runs, last)."""
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    while len(times) < repeats and (len(times) < 3 or sum(times) < budget):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), len(times), result


def versions(*dists):
    from importlib.metadata import PackageNotFoundError, version
    out = {}
    for d in dists:
        try:
            out[d] = version(d)
        except PackageNotFoundError:
            pass
    return out


def emit(record):
    record.setdefault("python", platform.python_version())
    print(json.dumps(record, sort_keys=True), flush=True)

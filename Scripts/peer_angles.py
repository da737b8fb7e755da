#!/usr/bin/env python3
"""Write the peers' exact dressed-circuit angles as JSON for `qompress bench-*`.

usage: python3 Scripts/peer_angles.py OUT_DIR --qubits 10,14,18 --layers 6[,20]
Writes OUT_DIR/angles_n<N>_L<L>.json = {"x": [...], "w": [[...], ...]} using
numpy.random.default_rng(1234) exactly as bench/peers/common.py does (its --angles-dir
reads these files, so the peers and Qompress run identical angles).
"""
import argparse
import json
import os

import numpy as np


def params(n, layers, seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi / 2, np.pi / 2, n)
    w = rng.uniform(-np.pi, np.pi, (layers, n))
    return x, w


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("out")
    p.add_argument("--qubits", default="10,14,18,20,22,24")
    p.add_argument("--layers", default="6")
    p.add_argument("--seed", type=int, default=1234)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for n in map(int, a.qubits.split(",")):
        for layers in map(int, a.layers.split(",")):
            x, w = params(n, layers, a.seed)
            with open(os.path.join(a.out, f"angles_n{n}_L{layers}.json"), "w") as f:
                json.dump({"x": x.tolist(), "w": w.tolist()}, f)


if __name__ == "__main__":
    main()

#!/bin/bash
# Interleaved same-session rounds of the peers and Qompress for W3–W6 (Docs/Performance.md).
#
#   Scripts/peer_rounds.sh OUT ANGLES PEERS_VENV PEERS_TORCH [ROUNDS]
#
# OUT: a new folder for the results; ANGLES: the folder written by Scripts/peer_angles.py;
# PEERS_VENV / PEERS_TORCH: the peers' Python environments (../shared/bench/peers/README.md).
# Build first: swift build -c release.
set -eu
OUT=$(realpath -m "$1"); ANGLES=$(realpath "$2"); PV=$3; PT=$4; ROUNDS=${5:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
Q="$ROOT/.build/release/qompress"
mkdir -p "$OUT"
cd "$ROOT/../shared/bench/peers"
for round in $(seq "$ROUNDS"); do
  echo "== round $round $(date +%T) load $(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/log"
  for t in 1 2; do
    "$PV/bin/python" run_all.py --workloads W3,W4 --backends lightning-adjoint,pl-default-broadcast \
      --threads "$t" --out "$OUT/peers-r$round-t$t" > /dev/null 2>&1
    "$Q" bench-gradients --threads "$t" --angles-dir "$ANGLES" --json >> "$OUT/q-grad-t$t.jsonl"
  done
  "$PT/bin/python" w5_hybrid_train.py --device default.qubit --diff-method backprop --threads 2 \
    --max-seconds 40 2>/dev/null | tail -1 >> "$OUT/w5-peer.jsonl"
  "$Q" bench-train --backend statevector --threads 2 >> "$OUT/q-train.txt"
  "$Q" bench-train --backend statevector --threads 2 >> "$OUT/q-train.txt"
  "$Q" bench-train --backend statevector --threads 1 >> "$OUT/q-train-t1.txt"
  for d in 384 768; do for t in 1 2; do
    "$PT/bin/python" w6_qi_head.py --dim "$d" --batch 1024 --threads "$t" 2>/dev/null | tail -1 >> "$OUT/w6-peer.jsonl"
    OPENBLAS_NUM_THREADS=1 "$Q" head bench --json --dims "$d" --threads "$t" >> "$OUT/w6-q.jsonl"
  done; done
done
echo "== done $(date +%T)" >> "$OUT/log"

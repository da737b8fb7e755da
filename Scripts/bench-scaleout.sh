#!/usr/bin/env bash
# The measurements behind Docs/ScaleOut.md (a benchmark, not a test): acqua train samples per
# second on 1 and 2 ranks (each single-threaded), the cost of one gradient exchange for the
# CLIP-ACQUA model's parameter count, and acqua embed rows per second on 1 and 2 ranks.
# Needs the release build (swift build -c release --product qompress). Prints JSON lines and a
# summary; the machine's load average is printed beside them, since other work on the same
# cores changes every figure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
Q=${QOMPRESS:-$ROOT/.build/release/qompress}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
MPIRUN=(mpirun --oversubscribe --bind-to none --mca mpi_yield_when_idle 1)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qompress-bench-scaleout.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   cores: $(nproc)"

echo "== gradient exchange (bench-allreduce), CLIP-ACQUA q=8 L=4 k=8 on 512-d, both autoencoders"
for p in 2 8; do
    for n in 1 2; do "${MPIRUN[@]}" -np $n "$Q" bench-allreduce --gradient-partitions $p; done
done

echo "== acqua train on hm-products (901 pairs), q=8 L=4 k=8, --threads 1, median pairs/s over epochs 2-4"
train() {
    local n=$1; shift
    if [ "$n" = 0 ]; then "$Q" acqua train --epochs 4 --threads 1 --benchmark --no-evaluate --plain \
        --checkpoint c.ckpt --metrics c.jsonl "$@" 2>/dev/null | tail -1
    else "${MPIRUN[@]}" -np "$n" "$Q" acqua train --epochs 4 --threads 1 --benchmark --no-evaluate --plain \
        --checkpoint c.ckpt --metrics c.jsonl "$@" 2>/dev/null | tail -1; fi
}
for batch in 32 256; do
    for rep in 1 2 3; do
        train 0 --batch-size $batch --gradient-partitions 1
        train 0 --batch-size $batch --gradient-partitions 2
        train 2 --batch-size $batch --gradient-partitions 2
    done
done

echo "== acqua embed: hm-products' 1126 image embeddings tiled 80 times (90,080 × 512 float32, 184 MB), --threads 1"
python3 - "$ROOT/Sources/QompressBundledData/Data/clip/hm-products/image_emb.npy" big.npy 80 <<'PY'
import sys, ast
src, dst, times = sys.argv[1], sys.argv[2], int(sys.argv[3])
raw = open(src, 'rb').read()
n = raw[8] | raw[9] << 8
header = ast.literal_eval(raw[10:10 + n].decode('latin1'))
rows, cols = header['shape']
text = "{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }" % (header['descr'], rows * times, cols)
text += ' ' * ((64 - (10 + len(text) + 1) % 64) % 64) + '\n'
with open(dst, 'wb') as f:
    f.write(b'\x93NUMPY\x01\x00' + bytes([len(text) & 0xff, len(text) >> 8]) + text.encode('latin1'))
    for _ in range(times): f.write(raw[10 + n:])
PY
"$Q" acqua train --epochs 1 --threads 1 --no-evaluate --plain --checkpoint model.ckpt --metrics model.jsonl >/dev/null 2>&1
# The rate from the loaded model to the renamed output (mpirun's start-up, about a second, excluded).
for rep in 1 2 3; do
    "$Q" acqua embed --checkpoint model.ckpt --input big.npy --modality image --output e1.npy --threads 1 --benchmark | tail -1
    "${MPIRUN[@]}" -np 2 "$Q" acqua embed --checkpoint model.ckpt --input big.npy --modality image --output e2.npy --threads 1 \
        --benchmark | tail -1
    cmp e1.npy e2.npy
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Multi-rank tests (make mpi-test, part of make test): the typed MPI layer and the qompress
# commands under `mpirun -np 2` and `-np 3` (oversubscribed on small machines) against one
# process; outputs compared byte for byte with cmp. Every mpirun is bounded by a timeout, so a
# hang fails the test instead of stalling CI.
#
# Usage: Scripts/mpi-test.sh BIN_DIR   (the folder holding qompress and qompress-mpi-selftest)
set -euo pipefail
BIN=$(cd "${1:?usage: $0 BIN_DIR}" && pwd)
QOMPRESS="$BIN/qompress"
SELFTEST="$BIN/qompress-mpi-selftest"
TIMEOUT=${MPI_TEST_TIMEOUT:-300}
# Containers often run as root, which mpirun refuses unless told; --oversubscribe lets 3 ranks
# share 2 cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
MPIRUN=(mpirun --oversubscribe --bind-to none)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qompress-mpi-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
failures=0
pass() { echo "  ok   $*"; }
fail() { echo "  FAIL $*"; failures=$((failures + 1)); }
run() { timeout "$TIMEOUT" "$@"; }

echo "== typed MPI layer on 1, 2 and 3 ranks"
for n in 1 2 3; do
    if run "${MPIRUN[@]}" -np $n "$SELFTEST" >"$WORK/selftest-$n.log" 2>&1; then
        pass "self-test on $n ranks"
    else
        fail "self-test on $n ranks:"; cat "$WORK/selftest-$n.log"
    fi
done

DATA=$(cd "$(dirname "$0")/.." && pwd)/Sources/QompressBundledData/Data
cd "$WORK"

# Runs "$@" once without mpirun (the reference) and under mpirun -np 2 and -np 3; `$OUT` in
# the arguments is replaced by out-1, out-2, out-3, and each of FILES (relative to the output
# prefix, e.g. ".npy") must then be byte-identical to the one-process file.
same_on_ranks() {
    local name=$1 files=$2; shift 2
    local n args
    for n in 1 2 3; do
        args=("${@//OUT/$name-$n}")
        if [ $n -eq 1 ]; then
            run "$QOMPRESS" "${args[@]}" >"$name-$n.log" 2>&1 || { fail "$name on 1 process:"; cat "$name-$n.log"; return; }
        else
            run "${MPIRUN[@]}" -np $n "$QOMPRESS" "${args[@]}" >"$name-$n.log" 2>&1 \
                || { fail "$name on $n ranks:"; cat "$name-$n.log"; return; }
        fi
    done
    for n in 1 2 3; do
        # Wall-clock fields (seconds, pairs per second, the tables' "train s" column) differ from
        # run to run; everything else must match.
        if [ -e "$name-$n.jsonl" ]; then
            sed -E 's/"(seconds|pairs_per_second)":[^,}]*,?//g' "$name-$n.jsonl" >"$name-$n.metrics"
        fi
        if [ -e "$name-$n.json" ]; then grep -v '"train_seconds"' "$name-$n.json" >"$name-$n.rows"; fi
        if [ -e "$name-$n.md" ]; then sed -E 's/\| [0-9.]+ \|$/|/' "$name-$n.md" >"$name-$n.table"; fi
        if [ ! -e "$name-$n.md" ] && grep -q '^| collection' "$name-$n.log"; then
            sed -n '/^| collection/,$p' "$name-$n.log" | sed -E 's/\| [0-9.]+ \|$/|/' >"$name-$n.table"
        fi
    done
    for n in 2 3; do
        for f in $files; do
            if [ ! -s "$name-1$f" ]; then fail "$name: no $f output to compare"; continue; fi
            if cmp "$name-1$f" "$name-$n$f"; then pass "$name: $n ranks = 1 process ($f)"; else fail "$name: $n ranks differ ($f)"; fi
        done
    done
}

echo "== fixtures: a short CLIP-ACQUA and a short head training (one process)"
run "$QOMPRESS" acqua train --synthetic 60 --epochs 2 --qubits 3 --depth 1 --latent 3 --batch-size 16 \
    --checkpoint acqua.ckpt --metrics acqua.jsonl --json acqua.eval.json --plain --no-evaluate >fixture-acqua.log 2>&1 \
    || { cat fixture-acqua.log; exit 1; }
run "$QOMPRESS" head train --data "$DATA/ir" --collection cranfield --epochs 1 --dimension 16 --train-fraction 0.3 \
    --output head.ckpt >fixture-head.log 2>&1 || { cat fixture-head.log; exit 1; }

echo "== sharded embedding: 1126 and 1400 rows in chunks of 50 and 61 (23 chunks each), 1 vs 2 vs 3 ranks"
same_on_ranks acqua-embed .npy acqua embed --checkpoint acqua.ckpt --input "$DATA/clip/hm-products/image_emb.npy" \
    --modality image --output OUT.npy --chunk-rows 50
same_on_ranks head-encode .npy head encode --checkpoint head.ckpt --input "$DATA/ir/cranfield/doc_emb_minilm.npy" \
    --output OUT.npy --chunk-rows 61

echo "== data-parallel training (6 gradient partitions): checkpoints and metrics, 1 vs 2 vs 3 ranks, and resuming"
same_on_ranks acqua-train ".ckpt .metrics" acqua train --synthetic 60 --epochs 2 --qubits 3 --depth 1 --latent 3 \
    --batch-size 16 --gradient-partitions 6 --threads 1 --plain --no-evaluate --checkpoint OUT.ckpt --metrics OUT.jsonl
# Control: the comparison can fail — another partition count changes the rounding, and cmp sees it.
run "$QOMPRESS" acqua train --synthetic 60 --epochs 2 --qubits 3 --depth 1 --latent 3 --batch-size 16 \
    --gradient-partitions 1 --threads 1 --plain --no-evaluate --checkpoint control.ckpt --metrics control.jsonl >control.log 2>&1
if cmp -s control.ckpt acqua-train-1.ckpt; then fail "control: 1 and 6 partitions gave the same checkpoint (cmp cannot tell)"
else pass "control: 1 and 6 partitions give different checkpoints"; fi
# Resuming the 3-rank checkpoint for a third epoch, on 1, 2 and 3 ranks.
same_on_ranks acqua-resume ".ckpt .metrics" acqua train --synthetic 60 --epochs 3 --qubits 3 --depth 1 --latent 3 \
    --batch-size 16 --gradient-partitions 6 --threads 1 --plain --no-evaluate --resume acqua-train-3.ckpt --checkpoint OUT.ckpt --metrics OUT.jsonl
same_on_ranks head-train .ckpt head train --data "$DATA/ir" --collection cranfield --epochs 2 --dimension 16 \
    --train-fraction 0.3 --gradient-partitions 6 --threads 1 --output OUT.ckpt

echo "== distributed sweeps (jobs spread over ranks, rows gathered): tables and JSON rows, 1 vs 2 vs 3 ranks"
same_on_ranks head-sweep ".table .rows" head sweep --data "$DATA/ir" --collection cranfield --dimensions 16 \
    --fractions 0.3 --epochs 1 --threads 1 --json OUT.json
same_on_ranks acqua-baselines ".table .rows" acqua baselines --datasets hm-products --latents 4 --qubit-counts 3 \
    --depths 1 --backend statevector --epochs 1 --threads 1 --markdown OUT.md --json OUT.json

echo "== a rank that fails: rank 2 of 3 runs where the input file is missing; every rank must exit non-zero, naming it"
# The same arguments on every rank, but rank 2 runs in a folder without the (relative) input, as
# on a node that lacks the file.
mkdir -p node-a node-b
cp "$DATA/ir/cranfield/doc_emb_minilm.npy" node-a/input.npy
cp head.ckpt node-a/ && cp head.ckpt node-b/
set +e
run "${MPIRUN[@]}" --output-filename failure-ranks -np 2 -wdir "$WORK/node-a" "$QOMPRESS" head encode --checkpoint head.ckpt \
    --input input.npy --output failed.npy : -np 1 -wdir "$WORK/node-b" "$QOMPRESS" head encode --checkpoint head.ckpt \
    --input input.npy --output failed.npy >failure.log 2>&1
status=$?
set -e
if [ $status -eq 124 ]; then
    fail "a failing rank hung the job (timeout)"
elif [ $status -eq 0 ]; then
    fail "a failing rank left mpirun with exit code 0"
elif [ "$(cat failure-ranks/1/rank.{0,1,2}/stderr | grep -c "^Error: 1 rank failed: rank 2: .*node-b/input.npy: cannot open")" -eq 3 ] \
        && [ -z "$(ls node-a/failed.npy* node-b/failed.npy* 2>/dev/null)" ]; then
    pass "a missing file on rank 2: all 3 ranks exit non-zero naming rank 2 and the file, no output left"
else
    fail "a failing rank: unexpected output (exit $status):"; cat failure.log failure-ranks/1/rank.*/stderr
fi

echo "== rank 0 fails alone after training (only it writes the evaluation, which cannot be created in /proc): MPI_Abort ends the job"
set +e
run "${MPIRUN[@]}" -np 2 "$QOMPRESS" acqua train --synthetic 40 --epochs 1 --qubits 3 --depth 1 --latent 3 --threads 1 \
    --gradient-partitions 2 --checkpoint rank0.ckpt --metrics rank0.jsonl --json /proc/qompress-mpi-test/evaluation.json >abort.log 2>&1
status=$?
set -e
if [ $status -ne 0 ] && [ $status -ne 124 ] && grep -q "^Error on rank 0 of 2: cannot write /proc/qompress-mpi-test/evaluation.json" abort.log; then
    pass "an error on rank 0 alone: the job exits non-zero with the rank's message"
else
    fail "an error on rank 0 alone (exit $status):"; cat abort.log
fi

echo "== fewer gradient partitions than ranks is refused on every rank, with the flag to pass"
set +e
run "${MPIRUN[@]}" --output-filename few-ranks -np 2 "$QOMPRESS" acqua train --synthetic 40 --epochs 1 --qubits 3 --depth 1 \
    --latent 3 --threads 1 --no-evaluate --checkpoint f.ckpt --metrics f.jsonl >few.log 2>&1
status=$?
set -e
if [ $status -ne 0 ] && [ $status -ne 124 ] \
        && [ "$(cat few-ranks/1/rank.{0,1}/stderr | grep -c "pass --gradient-partitions 2 or more")" -eq 2 ]; then
    pass "2 ranks with the default 1 partition: both exit non-zero naming --gradient-partitions"
else
    fail "too few partitions (exit $status):"; cat few.log few-ranks/1/rank.*/stderr
fi

echo "== ranks started with different arguments stop at once instead of waiting for each other"
set +e
run "${MPIRUN[@]}" --output-filename mismatch-ranks -np 1 "$QOMPRESS" acqua train --synthetic 40 --epochs 1 --qubits 3 \
    --depth 1 --latent 3 --threads 1 --no-evaluate --checkpoint m.ckpt --metrics m.jsonl : -np 1 "$QOMPRESS" acqua train \
    --synthetic 40 --epochs 3 --qubits 3 --depth 1 --latent 3 --threads 1 --no-evaluate --checkpoint m.ckpt --metrics m.jsonl \
    >mismatch.log 2>&1
status=$?
set -e
if [ $status -ne 0 ] && [ $status -ne 124 ] \
        && [ "$(cat mismatch-ranks/1/rank.{0,1}/stderr | grep -c "rank 1: started with other arguments")" -eq 2 ]; then
    pass "different --epochs on rank 1: both ranks exit non-zero naming rank 1"
else
    fail "different arguments (exit $status):"; cat mismatch.log mismatch-ranks/1/rank.*/stderr
fi

if [ "$failures" -ne 0 ]; then echo "mpi-test: $failures failure(s)"; exit 1; fi
echo "mpi-test: all passed"

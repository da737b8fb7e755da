#!/usr/bin/env bash
# Multi-rank tests (make mpi-test, part of make test): the typed MPI layer and the qompress
# commands under `mpirun -np 2` and `-np 3` (oversubscribed on small machines) against one
# process; outputs compared byte for byte with cmp. Every mpirun is bounded by a timeout, so a
# hang fails the test instead of stalling CI.
#
# Usage: Scripts/mpi-test.sh BIN_DIR   (the folder holding qompress and qompress-mpi-selftest)
set -euo pipefail
BIN=${1:?usage: $0 BIN_DIR}
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

if [ "$failures" -ne 0 ]; then echo "mpi-test: $failures failure(s)"; exit 1; fi
echo "mpi-test: all passed"

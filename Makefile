# Qompress — the two commands a newcomer needs: `make demo` and `make test`.
# Both install the Debian packages the package links against when they are missing.

SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := liblapacke-dev libopenblas-dev libopenmpi-dev openmpi-bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo tour test deps bench build clean examples scaling fuzz fuzz-build sanitize python-lib python-test docs figure mpi-test

## Install LAPACKE, OpenBLAS (CBLAS) and Open MPI from Debian when they are not there yet.
deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		echo "Installing $(APT_PACKAGES) ..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

## The main job on bundled data: CLIP-ACQUA (default objective) beside its classical baseline and
## PCA at k = 8 and 16, three seeds on hm-products, held-out figures as mean ± sd.
demo: deps
	$(SWIFT) run -c release qompress acqua compare --seeds 3

## A short tour of the simulators: GHZ and a dressed circuit on every backend.
tour: deps
	$(SWIFT) run -c release qompress demo

## Every example program, a short fuzzing run of every reader of untrusted input, the multi-rank
## MPI tests, then the whole test suite (what CI runs; the test runner's summary is the last
## thing printed).
CI_FUZZ_SECONDS ?= 30
test: deps
	$(MAKE) examples
	$(MAKE) fuzz FUZZ_SECONDS=$(CI_FUZZ_SECONDS)
	$(MAKE) python-test
	$(MAKE) mpi-test
	$(SWIFT) test --disable-xctest

## The multi-rank tests: the typed MPI layer and the distributed commands under mpirun -np 2 and
## -np 3 against one process, compared with cmp (Scripts/mpi-test.sh; debug build).
mpi-test: deps
	$(SWIFT) build --product qompress
	$(SWIFT) build --product qompress-mpi-selftest
	Scripts/mpi-test.sh $$($(SWIFT) build --show-bin-path)

## Run each program under Examples/ (debug build; each takes well under a second).
EXAMPLES := ExampleBackends ExampleChooseBackend ExampleTrainToyCircuit ExampleTruncationReport
examples: deps
	@for e in $(EXAMPLES); do echo "== $$e"; $(SWIFT) run -q $$e || exit 1; done
	$(SWIFT) run -q ExampleChooseBackend mps
	$(SWIFT) run -q qompress run Examples/qasm/grover3.qasm --probabilities

## The Python package (python/, Docs/Python.md): libQompressC in release, for use from Python.
PYTHON ?= python3
python-lib: deps
	$(SWIFT) build -c release --product QompressC

## pytest in python/ against the debug library and CLI (the build the Swift tests share; the
## comparisons with the CLI are exact, so both come from one build). Installs numpy and pytest
## with pip when they are missing.
python-test: deps
	@$(PYTHON) -c "import numpy, pytest" 2>/dev/null || $(PYTHON) -m pip install -q numpy pytest
	$(SWIFT) build --product QompressC
	$(SWIFT) build --product qompress
	cd python && QOMPRESS_LIBRARY=$(CURDIR)/.build/debug/libQompressC.so QOMPRESS_CLI=$(CURDIR)/.build/debug/qompress \
		PYTHONPATH=$(CURDIR)/python $(PYTHON) -m pytest -q -p no:cacheprovider

## The scaling study (release build, a few minutes) and its figures, drawn by gnuplot (installed
## from Debian's gnuplot-nox when missing) from the CSV files the tool writes into Docs/data.
scaling: deps
	@command -v gnuplot >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox; }
	$(SWIFT) run -c release qompress scaling --output Docs/data
	gnuplot Scripts/plot_scaling.gp

## The CLIP-ACQUA latent-space figure (Docs/figures/acqua-latent.svg) and its points (.csv beside it).
figure: deps
	$(SWIFT) run -c release qompress acqua figure --stages 0,2,10,60 --epochs 60 --objective paper --output Docs/figures/acqua-latent.svg

build: deps
	$(SWIFT) build -c release

## Benchmarks (release build); see Docs/Performance.md and `make peers-table` for the peer comparison.
bench: deps
	$(SWIFT) run -c release qompress bench-forward

## The peer comparison of Docs/Performance.md ("Reproducing the peer comparison"); benchmarks,
## not tests. peers-setup: a venv under .build/peers-venv with the pinned peers of
## bench/peers/requirements.txt, and PyTorch (CPU) for W5/W6 when it installs (else those points
## are skipped). peers-table: PEERS_ROUNDS interleaved rounds of every peer and the release
## build, one thread each, at the points of the table; prints the Markdown table and the load.
PEERS_PYTHON ?= python3.11
PEERS_VENV := .build/peers-venv
PEERS_ROUNDS ?= 2
.PHONY: peers-setup peers-table
peers-setup:
	@test -x $(PEERS_VENV)/bin/python || $(PEERS_PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install -q -r bench/peers/requirements.txt
	$(PEERS_VENV)/bin/pip install -q -r bench/peers/requirements-torch.txt \
		|| echo "peers-setup: PyTorch (CPU) did not install; W5 and W6 peers will be skipped"
peers-table: deps
	@test -x $(PEERS_VENV)/bin/python || { echo "run make peers-setup first"; exit 1; }
	$(SWIFT) build -c release --product qompress
	$(PEERS_VENV)/bin/python bench/peers/rounds.py --rounds $(PEERS_ROUNDS) $(PEERS_ARGS)

## API reference: the DocC catalogs (Sources/*/*.docc) of every library target, as static sites
## under .build/docs/<Target>/ (open index.html through a web server, or `docc preview`).
DOC_TARGETS := Qompress QompressCore QompressStatevector QompressMPS QompressGradients QompressTraining \
	QompressLinearAlgebra QompressData QompressQASM QompressACQUA QompressHead
docs:
	@for t in $(DOC_TARGETS); do \
		rm -rf .build/docs/$$t; mkdir -p .build/docs; \
		$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation --target $$t \
			--output-path .build/docs/$$t --transform-for-static-hosting --hosting-base-path $$t 2>&1 \
			| grep -E "^(warning|error)|Finished building" ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

clean:
	rm -rf .build

## Fuzzing: the readers of untrusted input (QASM, .npy, both checkpoint kinds, Pauli sums) under
## libFuzzer with AddressSanitizer, each for FUZZ_SECONDS, starting from the committed corpus
## (Tests/Fuzz/Corpus). A crash leaves its input in .build-fuzz/crash-TARGET-*; add it to
## Tests/Fuzz/Regressions/TARGET, which the test suite replays.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := qasm npy acqua-checkpoint head-checkpoint pauli
FUZZER_LIB = $(firstword $(wildcard $(dir $(shell readlink -f $$(command -v swift)))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a))
fuzz-build: deps
	$(SWIFT) build --build-path .build-fuzz --product qompress-fuzz \
		-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
		-Xswiftc -DFUZZING -Xlinker $(FUZZER_LIB) -Xlinker -lstdc++
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p .build-fuzz/corpus/$$t && cp -n Tests/Fuzz/Corpus/$$t/* .build-fuzz/corpus/$$t/ 2>/dev/null; \
		echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
		SWIFT_BACKTRACE=enable=no QOMPRESS_FUZZ_TARGET=$$t .build-fuzz/debug/qompress-fuzz .build-fuzz/corpus/$$t -max_total_time=$(FUZZ_SECONDS) \
			-max_len=8192 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=.build-fuzz/crash-$$t- 2>&1 \
			| grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+.*DONE|==[0-9]+==ERROR|.*Fatal error|SUMMARY)" ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

## The test suite under AddressSanitizer and ThreadSanitizer (separate build folders).
sanitize: deps
	$(SWIFT) test --disable-xctest --build-path .build-asan --sanitize=address
	$(SWIFT) test --disable-xctest --build-path .build-tsan --sanitize=thread

# Qompress — the two commands a newcomer needs: `make demo` and `make test`.
# Both install the Debian packages the package links against when they are missing.

SWIFT ?= swift
APT_PACKAGES := liblapacke-dev libopenblas-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo tour test deps bench build clean examples scaling

## Install LAPACKE and OpenBLAS (CBLAS) from Debian when they are not there yet.
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

## Every example program, then the whole test suite (what CI runs; the test runner's summary
## is the last thing printed).
test: deps
	$(MAKE) examples
	$(SWIFT) test --disable-xctest

## Run each program under Examples/ (debug build; each takes well under a second).
EXAMPLES := ExampleBackends ExampleChooseBackend ExampleTrainToyCircuit ExampleTruncationReport
examples: deps
	@for e in $(EXAMPLES); do echo "== $$e"; $(SWIFT) run -q $$e || exit 1; done
	$(SWIFT) run -q ExampleChooseBackend mps
	$(SWIFT) run -q qompress run Examples/qasm/grover3.qasm --probabilities

## The scaling study (release build, a few minutes) and its figures (needs gnuplot).
scaling: deps
	$(SWIFT) run -c release qompress scaling --output Docs/data
	gnuplot Scripts/plot_scaling.gp

build: deps
	$(SWIFT) build -c release

## Benchmarks (release build); see Docs/Performance.md for the peer comparison.
bench: deps
	$(SWIFT) run -c release qompress bench-forward

clean:
	rm -rf .build

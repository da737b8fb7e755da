"""`qompress.run_qasm` against `qompress run --json` on the same programs and options."""
import json
import math
from pathlib import Path

import pytest

import qompress
from conftest import REPOSITORY

EXAMPLES = sorted((REPOSITORY / "Examples" / "qasm").glob("*.qasm"))

# No measurement (every qubit reported, q0 first), a permuted partial measurement, and outcomes
# below the 1e-12 threshold (a tiny rotation) to check the omission rule.
PROGRAMS = {
    "unmeasured": 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[4];\nh q[0];\ncx q[0], q[2];\nrx(0.7) q[3];\nu3(0.3, 0.2, 0.1) q[1];\n',
    "permuted": 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\ncreg c[2];\nx q[2];\nh q[0];\nmeasure q[2] -> c[0];\nmeasure q[0] -> c[1];\n',
    "tiny-amplitudes": 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nry(1e-6) q[0];\nry(3e-7) q[1];\nh q[1];\n',
}


def cases():
    for path in EXAMPLES:
        yield path.stem, path.read_text()
    yield from PROGRAMS.items()


def cli_report(run_cli, tmp_path, source, options):
    program = tmp_path / "program.qasm"
    program.write_text(source)
    code, out, err = run_cli("run", program, "--json", *options)
    assert code == 0, err
    return json.loads(out)


BACKENDS = [
    ("statevector", {}, []),
    ("mps", {}, []),
    ("mps", {"chi": 2, "cutoff": 1e-9}, ["--chi", 2, "--cutoff", 1e-9]),
]


@pytest.mark.parametrize("name,source", list(cases()), ids=[c[0] for c in cases()])
@pytest.mark.parametrize("backend,kwargs,flags", BACKENDS, ids=["statevector", "mps", "mps-chi2"])
def test_equals_the_cli(run_cli, tmp_path, name, source, backend, kwargs, flags):
    observables = ["Z0", "Z0 Z1 + 0.5 X1", "-0.25 Y0"]
    report = qompress.run_qasm(source, backend=backend, observables=observables, shots=257, seed=11, **kwargs)
    options = ["--backend", backend, *flags, "--probabilities", "--shots", 257, "--seed", 11]
    for o in observables:
        options.append(f"--observable={o}")
    expected = cli_report(run_cli, tmp_path, source, options)
    # Same outcome strings in the same order, the same doubles.
    assert list(report["probabilities"].items()) == list(expected["probabilities"].items())
    assert all(p > 1e-12 for p in report["probabilities"].values())
    assert report["counts"] == expected["counts"]
    assert report["shots"] == 257 and report["seed"] == 11
    assert report["expectations"] == {e["observable"]: e["value"] for e in expected["expectations"]}
    for key in ("backend", "qubits", "instructions", "depth", "measured_qubits", "truncation"):
        assert report.get(key) == expected.get(key), key
    assert (backend == "mps") == ("truncation" in report)


def test_threshold_leaves_out_tiny_outcomes():
    report = qompress.run_qasm(PROGRAMS["tiny-amplitudes"])
    # sin²(5e-7) ≈ 2.5e-13 is below the threshold: those outcomes are not listed.
    assert set(report["probabilities"]) == {"00", "01"}
    assert math.isclose(sum(report["probabilities"].values()), 1.0, abs_tol=1e-12)


def test_truncation_report_of_a_truncated_mps(run_cli, tmp_path):
    source = (REPOSITORY / "Examples" / "qasm" / "grover3.qasm").read_text()
    report = qompress.run_qasm(source, backend="mps", chi=1, cutoff=0.0, probabilities=False, observables="Z0")
    expected = cli_report(run_cli, tmp_path, source, ["--backend", "mps", "--chi", 1, "--cutoff", 0, "--observable", "Z0"])
    assert report["truncation"] == expected["truncation"]
    assert "probabilities" not in report
    assert report["truncation"]["truncations"] and report["truncation"]["fidelity_estimate"] < 1


def test_path_and_bytes_sources():
    path = REPOSITORY / "Examples" / "qasm" / "grover3.qasm"
    assert qompress.run_qasm(path)["probabilities"] == qompress.run_qasm(path.read_bytes())["probabilities"]


def test_default_seed_is_the_clis(run_cli, tmp_path):
    source = (REPOSITORY / "Examples" / "qasm" / "grover3.qasm").read_text()
    expected = cli_report(run_cli, tmp_path, source, ["--shots", 100])
    assert qompress.run_qasm(source, shots=100)["counts"] == expected["counts"]


def cli_error(run_cli, tmp_path, source, options):
    program = tmp_path / "bad.qasm"
    program.write_text(source)
    code, out, err = run_cli("run", program, *options)
    assert code != 0
    return err


@pytest.mark.parametrize("source,kwargs,code,message", [
    ('OPENQASM 2.0;\nqreg q[2];\nfoo q[0];\n', {}, 2, "3:1: gate 'foo' is not defined"),
    ('OPENQASM 2.0;\nqreg q[2]\nh q[0];\n', {}, 2, "3:1: expected ';', found 'h'"),
    ('OPENQASM 3.0;\n', {}, 2, "only OpenQASM 2.0 is read"),
    (PROGRAMS["permuted"], {"backend": "qiskit"}, 1, 'unknown backend "qiskit"; available: statevector, mps'),
    (PROGRAMS["permuted"], {"backend": "mps", "chi": 0}, 1, "chi must be at least 1, got 0"),
    (PROGRAMS["permuted"], {"backend": "mps", "cutoff": float("nan")}, 1, "cutoff must be finite and in [0, 1), got nan"),
    (PROGRAMS["permuted"], {"chi": 4}, 1, "chi and cutoff apply to truncating backends (mps), not to statevector"),
    (PROGRAMS["permuted"], {"observables": ["Z9"]}, 1, "9"),
    (PROGRAMS["permuted"], {"observables": ["Z0 +"]}, 1, ""),
    (PROGRAMS["permuted"], {"shots": -3}, 1, "shots must be non-negative, got -3"),
    (PROGRAMS["permuted"], {"shots": 10 ** 12}, 1, "would take more than 1 GiB"),
    (PROGRAMS["permuted"], {"seed": -1}, 1, "seed must be an integer"),
    (PROGRAMS["permuted"], {"probabilities": "yes"}, 1, "probabilities must be"),
])
def test_bad_input_raises_with_the_message(source, kwargs, code, message):
    with pytest.raises(qompress.QompressError) as error:
        qompress.run_qasm(source, **kwargs)
    assert error.value.code == code
    assert message in str(error.value)


def test_parse_error_message_is_the_clis(run_cli, tmp_path):
    source = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncx q[1], q[1];\n'
    with pytest.raises(qompress.QompressError) as error:
        qompress.run_qasm(source)
    err = cli_error(run_cli, tmp_path, source, [])
    # The CLI prints FILE:LINE:COLUMN: message; the binding LINE:COLUMN: message.
    assert str(error.value) in err
    assert str(error.value).startswith("4:1: ")


def test_observable_message_is_the_clis(run_cli, tmp_path):
    with pytest.raises(qompress.QompressError) as error:
        qompress.run_qasm(PROGRAMS["permuted"], observables=["X0 Q1"])
    assert str(error.value) in cli_error(run_cli, tmp_path, PROGRAMS["permuted"], ["--observable", "X0 Q1"])


def test_too_many_qubits_for_probabilities():
    source = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[30];\nh q[0];\n'
    with pytest.raises(qompress.QompressError, match="measure at most 24 qubits"):
        qompress.run_qasm(source, backend="mps", probabilities=True)
    report = qompress.run_qasm(source, backend="mps", observables=["Z0 + Z29"])
    assert "probabilities" not in report and report["expectations"]["Z0 + Z29"] == pytest.approx(1.0)


@pytest.mark.parametrize("chi,flag", [("inf", "inf"), (float("inf"), "inf"), (3, "3")])
def test_chi_as_the_clis(run_cli, tmp_path, chi, flag):
    source = (REPOSITORY / "Examples" / "qasm" / "qft4.qasm").read_text()
    report = qompress.run_qasm(source, backend="mps", chi=chi, observables=["X0 X1"])
    expected = cli_report(run_cli, tmp_path, source, ["--backend", "mps", "--chi", flag, "--probabilities",
                                                      "--observable", "X0 X1"])
    assert report["backend"] == expected["backend"]
    assert list(report["probabilities"].items()) == list(expected["probabilities"].items())
    assert report["truncation"] == expected["truncation"]

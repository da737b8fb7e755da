"""Shared fixtures: the Qompress CLI (the reference the binding must agree with) and small
checkpoints trained with it."""
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cli() -> Path:
    """The release `qompress` binary ($QOMPRESS_CLI, else built in the repository)."""
    if os.environ.get("QOMPRESS_CLI"):
        return Path(os.environ["QOMPRESS_CLI"]).resolve()
    binary = REPOSITORY / ".build" / "release" / "qompress"
    if not binary.is_file():
        subprocess.run(["swift", "build", "-c", "release", "--product", "qompress"], cwd=REPOSITORY, check=True)
    return binary


@pytest.fixture(scope="session")
def run_cli(cli):
    """Runs `qompress ARGS…`; returns (returncode, stdout, stderr)."""
    def run(*arguments, stdin=None):
        done = subprocess.run([str(cli), *map(str, arguments)], capture_output=True, text=True, input=stdin,
                              cwd=REPOSITORY)
        return done.returncode, done.stdout, done.stderr
    return run


@pytest.fixture(scope="session")
def checkpoints(run_cli, tmp_path_factory):
    """A CLIP-ACQUA checkpoint (synthetic pairs, 3 qubits, one epoch) on each backend and a qi and
    a classical head (the tiny test collection, one epoch), each trained by the CLI."""
    folder = tmp_path_factory.mktemp("checkpoints")
    paths = {}
    for name, extra in (("acqua", []), ("acqua-mps", ["--backend", "mps", "--chi", "2"])):
        paths[name] = folder / f"{name}.json"
        code, out, err = run_cli("acqua", "train", "--synthetic", 64, "--epochs", 1, "--qubits", 3, "--depth", 2,
                                 "--latent", 3, *extra, "--checkpoint", paths[name],
                                 "--metrics", folder / f"{name}.jsonl", "--json", folder / f"{name}-eval.json",
                                 "--no-evaluate", "--plain")
        assert code == 0, err
    data = REPOSITORY / "Tests" / "QompressHeadTests" / "Fixtures"
    for name, extra in (("head", ["--dimension", 1]), ("head-classical", ["--method", "classical", "--dimension", 2])):
        paths[name] = folder / f"{name}.json"
        code, out, err = run_cli("head", "train", "--data", data, "--collection", "tiny", "--epochs", 1, *extra,
                                 "--output", paths[name])
        assert code == 0, err
    return paths

"""Records where the Swift package is, so that an installed `qompress` can find or build
libQompressC there (see qompress/_library.py). Everything else is in pyproject.toml."""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRepositoryPath(build_py):
    """Writes qompress/_repository.txt: the folder holding Package.swift, when this source tree
    is inside the Qompress repository (pip builds local folders in place)."""

    def run(self):
        super().run()
        root = Path(__file__).resolve().parent.parent
        if (root / "Package.swift").is_file():
            target = Path(self.build_lib) / "qompress" / "_repository.txt"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(str(root) + "\n")


setup(cmdclass={"build_py": BuildWithRepositoryPath})

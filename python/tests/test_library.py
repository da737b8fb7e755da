"""Finding the library."""
import pytest

import qompress


def test_a_missing_explicit_library_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("QOMPRESS_LIBRARY", str(tmp_path / "libQompressC.so"))
    with pytest.raises(qompress.LibraryNotFound, match="is not a file"):
        qompress.locate()


def test_the_loaded_library_has_this_packages_abi_version():
    from qompress._library import library
    assert library().qompress_abi_version() == qompress.ABI_VERSION

"""Finding, building and loading libQompressC, and the C signatures (Sources/QompressC/qompress.h)."""
from __future__ import annotations

import ctypes
import os
import subprocess
import sys
import threading
from pathlib import Path

#: The C ABI version this package was written for (QOMPRESS_ABI_VERSION in qompress.h).
ABI_VERSION = 2

_NAMES = ("libQompressC.so", "libQompressC.dylib")
_lock = threading.Lock()
_library: ctypes.CDLL | None = None


class LibraryNotFound(ImportError):
    """libQompressC could be neither found nor built."""


def _repository_candidates() -> list[Path]:
    """Folders that may hold the Swift package: $QOMPRESS_REPOSITORY, the folder recorded at
    install time, and the parents of this file and of the working directory."""
    found: list[Path] = []
    if os.environ.get("QOMPRESS_REPOSITORY"):
        found.append(Path(os.environ["QOMPRESS_REPOSITORY"]))
    recorded = Path(__file__).with_name("_repository.txt")
    if recorded.is_file():
        found.append(Path(recorded.read_text().strip()))
    for start in (Path(__file__).resolve().parent, Path.cwd().resolve()):
        found.extend(p for p in (start, *start.parents) if p not in found)
    return [p for p in found if (p / "Package.swift").is_file() and (p / "Sources" / "QompressC").is_dir()]


def _build(repository: Path) -> None:
    """Runs `swift build -c release --product QompressC` in `repository`."""
    swift = os.environ.get("SWIFT", "swift")
    print(f"qompress: building libQompressC in {repository} (swift build -c release --product QompressC) ...",
          file=sys.stderr)
    try:
        done = subprocess.run([swift, "build", "-c", "release", "--product", "QompressC"], cwd=repository,
                              capture_output=True, text=True)
    except OSError as error:
        raise LibraryNotFound(f"cannot run {swift}: {error}") from error
    if done.returncode != 0:
        raise LibraryNotFound(f"swift build failed in {repository}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")


def locate(build: bool = True) -> Path:
    """The path of libQompressC: $QOMPRESS_LIBRARY, else a copy next to this package, else
    .build/release in the repository — built there first when missing and `build` is set."""
    explicit = os.environ.get("QOMPRESS_LIBRARY")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise LibraryNotFound(f"QOMPRESS_LIBRARY={explicit} is not a file")
        return path
    here = Path(__file__).resolve().parent
    for name in _NAMES:
        if (here / name).is_file():
            return here / name
    repositories = _repository_candidates()
    for repository in repositories:
        for name in _NAMES:
            if (repository / ".build" / "release" / name).is_file():
                return repository / ".build" / "release" / name
    if build and repositories:
        _build(repositories[0])
        for name in _NAMES:
            if (repositories[0] / ".build" / "release" / name).is_file():
                return repositories[0] / ".build" / "release" / name
    raise LibraryNotFound(
        "libQompressC not found: set QOMPRESS_LIBRARY to its path, copy it next to the qompress package, "
        "or set QOMPRESS_REPOSITORY to the Qompress repository (it is built there with "
        "`swift build -c release --product QompressC`)")


_i32, _i64, _u64, _f64, _ptr, _str = (ctypes.c_int32, ctypes.c_int64, ctypes.c_uint64, ctypes.c_double,
                                      ctypes.c_void_p, ctypes.c_char_p)
_backend = [_str, _i32, _i64, _i32, _f64]
_message = [ctypes.c_char_p, _i64]

_SIGNATURES = {
    "qompress_abi_version": (_i32, []),
    "qompress_free_string": (None, [_ptr]),
    "qompress_run_qasm": (_i32, [_ptr, _i64, *_backend, ctypes.POINTER(ctypes.c_char_p), _i64, _i64, _u64, _i32,
                                 ctypes.POINTER(ctypes.c_void_p), *_message]),
    "qompress_dressed_forward": (_i32, [*_backend, _i64, _i64, _i32, _ptr, _i64, _i64, _ptr, _i64, _ptr, _i64,
                                        _i64, *_message]),
    "qompress_dressed_vjp": (_i32, [*_backend, _i64, _i64, _i32, _ptr, _i64, _i64, _ptr, _i64, _ptr, _i64,
                                    _ptr, _i64, _ptr, _i64, _ptr, _i64, _i64, *_message]),
    "qompress_acqua_load": (_i32, [_str, _i64, ctypes.POINTER(_i64), *_message]),
    "qompress_head_load": (_i32, [_str, ctypes.POINTER(_i64), *_message]),
    "qompress_model_shape": (_i32, [_i64, ctypes.POINTER(_i64), ctypes.POINTER(_i64), *_message]),
    "qompress_model_encode": (_i32, [_i64, _str, _ptr, _i64, _i64, _ptr, _i64, *_message]),
    "qompress_model_free": (_i32, [_i64]),
}


def library() -> ctypes.CDLL:
    """The loaded library with every function's signature declared (loaded once)."""
    global _library
    with _lock:
        if _library is None:
            path = locate()
            try:
                loaded = ctypes.CDLL(str(path))
            except OSError as error:
                raise LibraryNotFound(f"cannot load {path}: {error}") from error
            for name, (restype, argtypes) in _SIGNATURES.items():
                function = getattr(loaded, name)
                function.restype = restype
                function.argtypes = argtypes
            version = loaded.qompress_abi_version()
            if version != ABI_VERSION:
                raise LibraryNotFound(f"{path} has C ABI version {version}; this package needs {ABI_VERSION} "
                                      "(rebuild it: swift build -c release --product QompressC)")
            _library = loaded
        return _library

"""The Python API over libQompressC."""
from __future__ import annotations

import ctypes
import json
import math
import numbers
import os
from typing import Iterable, Optional, Sequence, Union

import numpy as np

from ._library import library

_MESSAGE_CAPACITY = 4096
_BACKENDS = ("statevector", "mps")
_CODES = {1: "invalid argument", 2: "parse error", 3: "simulation error", 4: "model error",
          5: "invalid handle", 99: "internal error"}


class QompressError(Exception):
    """An error reported by the Swift library (or by argument checks before it): `code` is the C
    status (1 invalid argument, 2 OpenQASM parse error, 3 simulation error, 4 model/checkpoint
    error, 5 invalid handle, 99 internal), `message` the library's message."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def kind(self) -> str:
        """The status code as words."""
        return _CODES.get(self.code, f"status {self.code}")


def _call(function, *arguments) -> None:
    """Calls a libQompressC function whose last two parameters take the error message."""
    buffer = ctypes.create_string_buffer(_MESSAGE_CAPACITY)
    status = function(*arguments, buffer, _MESSAGE_CAPACITY)
    if status != 0:
        raise QompressError(status, buffer.value.decode("utf-8", errors="replace"))


def _backend_arguments(backend: str, chi, cutoff: Optional[float]) -> list:
    """The (name, chi_mode, chi, has_cutoff, cutoff) arguments of the C functions: chi None is
    the backend's default χ_max, an integer a limit, math.inf or "inf" no limit."""
    if not isinstance(backend, str):
        raise QompressError(1, f"backend must be a string (statevector or mps), got {backend!r}")
    mode, value = 0, 0
    if chi is not None:
        if (isinstance(chi, str) and chi.lower() == "inf") or (isinstance(chi, float) and chi == math.inf):
            mode = 2
        elif isinstance(chi, bool) or not isinstance(chi, numbers.Integral):
            raise QompressError(1, f"chi must be an integer or inf, got {chi!r}")
        elif not -(2 ** 63) <= int(chi) < 2 ** 63:
            raise QompressError(1, f"chi must be at least 1, got {chi}")
        else:
            mode, value = 1, int(chi)
    if cutoff is not None and (isinstance(cutoff, bool) or not isinstance(cutoff, numbers.Real)):
        raise QompressError(1, f"cutoff must be a number, got {cutoff!r}")
    return [backend.encode("utf-8"), mode, value, int(cutoff is not None), float(cutoff if cutoff is not None else 0.0)]


def _integer(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= int(value) <= high:
        raise QompressError(1, f"{name} must be an integer in {low}…{high}, got {value!r}")
    return int(value)


def run_qasm(source: Union[str, bytes, os.PathLike], backend: str = "statevector", chi: Optional[int] = None,
             cutoff: Optional[float] = None, observables: Union[str, Iterable[str]] = (), shots: Optional[int] = None,
             seed: Optional[int] = None, probabilities: Union[bool, str] = "auto") -> dict:
    """Runs an OpenQASM 2.0 program on the statevector or the MPS simulator.

    `source` is the program text (str or bytes) or a path to a file. `backend` is a registry
    name; `chi` (an integer, or math.inf / "inf" for no limit) and `cutoff` apply to truncating
    backends (mps) and default as the CLI's `--chi` and `--cutoff`. `observables` are Pauli sums such as
    ``"Z0 Z1 + 0.5 X2"``. `shots` samples are drawn with `seed` (default 1, as the CLI's).

    Returns a dict with the keys of ``qompress run --json`` (except ``file``):
    ``"probabilities"`` maps outcome strings — the measured qubits in classical-bit order, c[0]
    first, or every qubit (q0 first) when nothing is measured — to their probabilities, in index
    order, leaving out those ≤ 1e-12, exactly as ``qompress run --json --probabilities`` prints
    them; it is present when `probabilities` is True, or "auto" (the default) and at most 24
    qubits are reported. ``"expectations"`` maps each observable's text to its value; ``"counts"``
    (with ``"shots"`` and ``"seed"``) the sampled outcomes, the CLI's for the same seed;
    ``"truncation"`` (MPS only) the truncation report; ``"backend"`` the backend's spec
    (``{"name": "mps", "max_bond_dimension": 64}``); and ``"qubits"``,
    ``"instructions"``, ``"depth"``, ``"measured_qubits"``, ``"seconds"``.

    Raises QompressError with the library's message for a malformed program (``"LINE:COLUMN:
    message"``), an unknown backend, a bad χ, cutoff or observable, and so on.
    """
    if isinstance(source, os.PathLike):
        with open(source, "rb") as file:
            data = file.read()
    elif isinstance(source, str):
        data = source.encode("utf-8")
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    else:
        raise QompressError(1, f"source must be OpenQASM text, bytes or a path, got {type(source).__name__}")
    if isinstance(observables, str):
        observables = (observables,)
    texts = list(observables)
    if not all(isinstance(t, str) for t in texts):
        raise QompressError(1, "every observable must be a string such as \"Z0 Z1 + 0.5 X2\"")
    shots = 0 if shots is None else _integer(shots, "shots", -(2 ** 63), 2 ** 63 - 1)
    seed = 1 if seed is None else _integer(seed, "seed", 0, 2 ** 64 - 1)
    mode = {True: 1, False: 0, "auto": 2}.get(probabilities) if isinstance(probabilities, (bool, str)) else None
    if mode is None:
        raise QompressError(1, f"probabilities must be True, False or \"auto\", got {probabilities!r}")
    lib = library()
    encoded = [t.encode("utf-8") for t in texts]
    array = (ctypes.c_char_p * max(1, len(encoded)))(*encoded)
    result = ctypes.c_void_p()
    _call(lib.qompress_run_qasm, data, len(data), *_backend_arguments(backend, chi, cutoff), array, len(encoded),
          shots, seed, mode, ctypes.byref(result))
    try:
        report = json.loads(ctypes.string_at(result.value).decode("utf-8"))
    finally:
        lib.qompress_free_string(result)
    report["expectations"] = {e["observable"]: e["value"] for e in report.get("expectations", [])}
    return report


def _matrix(values, name: str, columns: Optional[int] = None) -> np.ndarray:
    """`values` as a C-contiguous float64 2-D array (no copy when it already is one)."""
    array = np.ascontiguousarray(values, dtype=np.float64)
    if array.ndim != 2:
        raise QompressError(1, f"{name} must be a 2-D array, got shape {array.shape}")
    return array


def _pointer(array: np.ndarray) -> int:
    return array.ctypes.data


_SCALINGS = {"tanh": 1, "none": 0}


def _dressed_arguments(inputs, weights, backend, chi, cutoff, scaling, threads):
    x = np.ascontiguousarray(inputs, dtype=np.float64)
    single = x.ndim == 1
    if single:
        x = x.reshape(1, -1)
    if x.ndim != 2:
        raise QompressError(1, f"inputs must be a 1-D or 2-D array (batch × qubits), got shape {x.shape}")
    w = _matrix(weights, "weights (layers × qubits)")
    if scaling not in _SCALINGS:
        raise QompressError(1, f"scaling must be \"tanh\" (θ = π/2 · tanh x) or \"none\" (θ = x), got {scaling!r}")
    qubits = w.shape[1]
    threads = _integer(threads, "threads", 0, 4096)
    head = [*_backend_arguments(backend, chi, cutoff), qubits, w.shape[0], _SCALINGS[scaling],
            _pointer(x), x.shape[0], x.shape[1], _pointer(w), w.size]
    return x, w, single, head, threads


def dressed_forward(inputs, weights, *, backend: str = "statevector", chi: Optional[int] = None,
                    cutoff: Optional[float] = None, scaling: str = "tanh", threads: int = 0) -> np.ndarray:
    """⟨Z_i⟩ of the dressed circuit for every row of `inputs`.

    The circuit (as ``QuantumLayer(dressedQubits:depth:)``): θ = π/2 · tanh(x) (`scaling="tanh"`)
    or θ = x (`"none"`); H and RY(θ_i) on every qubit; then for each of the L rows of `weights`
    (shape L × n) a CNOT ladder (0-1, 2-3, …, then 1-2, 3-4, …) and RY(w[l, i]) on every qubit.
    `inputs` is batch × n (or one vector of n). Returns float64 batch × n (or n). Samples are
    spread over `threads` workers (0 = all cores).
    """
    x, w, single, head, threads = _dressed_arguments(inputs, weights, backend, chi, cutoff, scaling, threads)
    out = np.empty((x.shape[0], w.shape[1]), dtype=np.float64)
    _call(library().qompress_dressed_forward, *head, _pointer(out), out.size, threads)
    return out[0] if single else out


def dressed_vjp(inputs, weights, upstream, *, backend: str = "statevector", chi: Optional[int] = None,
                cutoff: Optional[float] = None, scaling: str = "tanh", threads: int = 0):
    """The dressed circuit's forward values and vector–Jacobian products (adjoint method).

    With upstream vectors g (same shape as the outputs), returns ``(expectations, input_gradient,
    weight_gradient)``: ⟨Z_i⟩ (batch × n), ∂(Σ_i g_si ⟨Z_i⟩_s)/∂x_s for every sample through the
    input scaling (batch × n), and the weight gradient summed over the batch (L × n).
    """
    x, w, single, head, threads = _dressed_arguments(inputs, weights, backend, chi, cutoff, scaling, threads)
    g = np.ascontiguousarray(upstream, dtype=np.float64)
    if single and g.ndim == 1:
        g = g.reshape(1, -1)
    expectations = np.empty((x.shape[0], w.shape[1]), dtype=np.float64)
    input_gradient = np.empty_like(expectations)
    weight_gradient = np.empty_like(w)
    _call(library().qompress_dressed_vjp, *head, _pointer(g), g.size, _pointer(expectations), expectations.size,
          _pointer(input_gradient), input_gradient.size, _pointer(weight_gradient), weight_gradient.size, threads)
    if single:
        return expectations[0], input_gradient[0], weight_gradient
    return expectations, input_gradient, weight_gradient


class _Model:
    """A checkpoint loaded into the library, freed by `close()` (or at garbage collection)."""

    _handle: Optional[int] = None

    def __init__(self, handle: int):
        self._handle = handle
        self._free = library().qompress_model_free
        size_in, size_out = ctypes.c_int64(), ctypes.c_int64()
        _call(library().qompress_model_shape, handle, ctypes.byref(size_in), ctypes.byref(size_out))
        #: The input width d.
        self.input_size = size_in.value
        #: The output width.
        self.output_size = size_out.value

    def _encode(self, embeddings, modality: Optional[str]) -> np.ndarray:
        if self._handle is None:
            raise QompressError(5, "the model was closed")
        x = _matrix(embeddings, "embeddings (rows × d)")
        out = np.empty((x.shape[0], self.output_size), dtype=np.float64)
        _call(library().qompress_model_encode, self._handle, None if modality is None else modality.encode("utf-8"),
              _pointer(x), x.shape[0], x.shape[1], _pointer(out), out.size)
        return out

    def close(self) -> None:
        """Frees the model in the library (idempotent)."""
        if self._handle is not None:
            self._free(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class ACQUAModel(_Model):
    """A CLIP-ACQUA model from a checkpoint of ``qompress acqua train``."""

    @classmethod
    def load(cls, path: Union[str, os.PathLike], threads: int = 0) -> "ACQUAModel":
        """Loads the checkpoint at `path`; its quantum layers use `threads` workers (0 = all)."""
        handle = ctypes.c_int64()
        _call(library().qompress_acqua_load, os.fsencode(path), _integer(threads, "threads", 0, 4096),
              ctypes.byref(handle))
        return cls(handle.value)

    def embed(self, embeddings, modality: str) -> np.ndarray:
        """The k latents of every row (rows × d → rows × k) with the `"image"` or `"text"`
        encoder, as ``qompress acqua embed`` (which then writes them as float32 by default)."""
        if not isinstance(modality, str):
            raise QompressError(1, f"modality must be image or text, got {modality!r}")
        return self._encode(embeddings, modality)


class Head(_Model):
    """A projection head from a checkpoint of ``qompress head train``."""

    @classmethod
    def load(cls, path: Union[str, os.PathLike]) -> "Head":
        """Loads the checkpoint at `path`."""
        handle = ctypes.c_int64()
        _call(library().qompress_head_load, os.fsencode(path), ctypes.byref(handle))
        return cls(handle.value)

    def encode(self, embeddings) -> np.ndarray:
        """The head's outputs for every row, as ``qompress head encode``."""
        return self._encode(embeddings, None)


def acqua_embed(checkpoint: Union[str, os.PathLike], embeddings, modality: str, threads: int = 0) -> np.ndarray:
    """Loads a CLIP-ACQUA checkpoint and embeds `embeddings` with one encoder (see ACQUAModel)."""
    with ACQUAModel.load(checkpoint, threads=threads) as model:
        return model.embed(embeddings, modality)


def head_encode(checkpoint: Union[str, os.PathLike], embeddings) -> np.ndarray:
    """Loads a head checkpoint and encodes `embeddings` (see Head)."""
    with Head.load(checkpoint) as model:
        return model.encode(embeddings)

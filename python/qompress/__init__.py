"""Python access to Qompress (Swift) through its C ABI, libQompressC.

- `run_qasm`: an OpenQASM 2.0 program on the statevector or MPS simulator → probabilities,
  expectations, seeded counts, the MPS truncation report.
- `dressed_forward`, `dressed_vjp`: the dressed circuit over a batch and its vector–Jacobian
  product (for a custom autograd function in PyTorch or JAX).
- `ACQUAModel`, `Head` (and `acqua_embed`, `head_encode`): trained checkpoints.

Errors raise `QompressError` with the library's message. The library is found through
$QOMPRESS_LIBRARY, next to this package, or in the repository (built on first use).
"""
from ._api import (ACQUAModel, Head, QompressError, acqua_embed, dressed_forward, dressed_vjp, head_encode,
                   run_qasm)
from ._library import ABI_VERSION, LibraryNotFound, locate

__all__ = ["ABI_VERSION", "ACQUAModel", "Head", "LibraryNotFound", "QompressError", "acqua_embed",
           "dressed_forward", "dressed_vjp", "head_encode", "locate", "run_qasm"]
__version__ = "0.1.0"

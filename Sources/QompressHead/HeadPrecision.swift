import QompressTraining

/// The arithmetic of the head's batched fast path (`QuantumInspiredHead.precision`).
///
/// `float64` (the default) computes in double precision: outputs agree with the statevector
/// and MPS circuits to 1e-10. `float32` is opt-in: inputs are rounded to single precision and
/// the encoding, the blocks and the backward pass run on sixteen single-precision lanes (twice
/// the lanes per register), about twice as fast, with outputs within about 1e-6 of `float64`
/// and gradients within a relative 1e-4 (Docs/ProjectionHead.md states the measured figures).
/// Inputs, outputs, gradients and weights stay `Double` either way; the gradient's sums over
/// rows are taken in single precision within fixed chunks of rows and in double precision
/// across them, so results are bit-identical on any thread count in both precisions.
public enum HeadPrecision: String, CaseIterable, Sendable, Codable {
    /// Double precision (the default; bit-for-bit the head's historical results).
    case float64 = "f64"
    /// Single precision in the fast path's kernels (opt-in; faster, less accurate).
    case float32 = "f32"
}

extension HeadPrecision {
    /// Sets this precision on every quantum-inspired head in `model`: a `QuantumInspiredHead`,
    /// a `CompactHead`, an `EntangledHead`, or any of them inside a `Sequential`. Other layers
    /// (the classical head, `GivensMixing`) have no single-precision path and are left as they are.
    /// - Returns: how many heads took the precision (0 for a model without one).
    @discardableResult
    public func apply(to model: Layer) -> Int {
        switch model {
        case let head as QuantumInspiredHead: head.precision = self
        case let head as CompactHead: head.precision = self
        case let head as EntangledHead: head.precision = self
        case let sequence as Sequential: return sequence.layers.reduce(0) { $0 + apply(to: $1) }
        default: return 0
        }
        return 1
    }
}

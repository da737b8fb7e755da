import Foundation
import QompressCore

/// The head's parameter-free encoding: feature x_j becomes one qubit
/// cos(θ_j/2)|0⟩ + e^{iφ} sin(θ_j/2)|1⟩ with θ_j = π/2 · (tanh(x_j) + 1).
///
/// φ is the constant π (the reading of the paper's public code that the peer benchmark
/// `w6_qi_head.py` also uses). Because φ is the same for every feature and every input, it
/// does not change the fidelity of two raw encodings, Π cos²((θ_j − θ'_j)/2); it does change
/// what the trainable gates see. With φ = π the amplitudes are real, (cos θ/2, −sin θ/2),
/// which the fast path exploits.
public enum QubitEncoding {
    /// The relative phase φ of every encoded qubit.
    public static let phase = Double.pi

    /// θ = π/2 · (tanh(x) + 1), in (0, π).
    @inlinable
    public static func angle(_ x: Double) -> Double { .pi / 2 * (Foundation.tanh(x) + 1) }

    /// The real amplitudes (cos θ/2, cos φ · sin θ/2) of the encoded qubit (sin φ = 0 for φ = π).
    @inlinable
    public static func amplitudes(_ x: Double) -> (Double, Double) {
        let half = angle(x) / 2
        return (Foundation.cos(half), -Foundation.sin(half))
    }

    /// The encoded qubit as a `QubitState` (for the backend path).
    /// - Throws: `SimulationError.invalidArgument` for a non-finite feature.
    public static func qubitState(_ x: Double) throws -> QubitState {
        try QubitState(theta: angle(x), phi: phase)
    }

    /// The amplitudes of a whole row and their derivatives d(amplitude)/dx, written to
    /// `amplitudes` and `derivatives` as interleaved pairs (2 · row count values each).
    @inlinable
    static func encode(_ row: UnsafePointer<Double>, count: Int, amplitudes: UnsafeMutablePointer<Double>,
                       derivatives: UnsafeMutablePointer<Double>?) {
        for j in 0..<count {
            let t = Foundation.tanh(row[j])
            let half = Double.pi / 4 * (t + 1)
            let c = Foundation.cos(half), s = Foundation.sin(half)
            amplitudes[2 * j] = c
            amplitudes[2 * j + 1] = -s
            if let derivatives {
                let dHalf = Double.pi / 4 * (1 - t * t)
                derivatives[2 * j] = -s * dHalf
                derivatives[2 * j + 1] = -c * dHalf
            }
        }
    }

    /// The fidelity of two raw encodings, Π_j cos²((θ_j − θ'_j)/2), in closed form.
    /// - Throws: `HeadError.dimensionMismatch` for rows of different length.
    public static func rawFidelity(_ x: [Double], _ y: [Double]) throws -> Double {
        guard x.count == y.count else {
            throw HeadError.dimensionMismatch("cannot compare encodings of \(x.count) and \(y.count) features")
        }
        var f = 1.0
        for j in 0..<x.count {
            let c = Foundation.cos((angle(x[j]) - angle(y[j])) / 2)
            f *= c * c
        }
        return f
    }
}

import Numerics
import Foundation

/// A normalised single-qubit state α|0⟩ + β|1⟩: one factor of a product state.
public struct QubitState: Hashable, Sendable {
    /// Amplitude of |0⟩.
    public let alpha: Complex<Double>
    /// Amplitude of |1⟩.
    public let beta: Complex<Double>

    /// Creates α|0⟩ + β|1⟩, normalising it.
    /// - Throws: `SimulationError.invalidArgument` for a zero or non-finite vector.
    public init(alpha: Complex<Double>, beta: Complex<Double>) throws {
        let norm = (alpha.lengthSquared + beta.lengthSquared).squareRoot()
        guard norm.isFinite, norm > 0 else {
            throw SimulationError.invalidArgument("single-qubit state (\(alpha), \(beta)) cannot be normalised")
        }
        self.alpha = alpha / Complex(norm)
        self.beta = beta / Complex(norm)
    }

    /// cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩ (the Bloch-sphere angles).
    /// - Throws: `SimulationError.invalidArgument` for non-finite angles.
    public init(theta: Double, phi: Double = 0) throws {
        guard theta.isFinite, phi.isFinite else {
            throw SimulationError.invalidArgument("non-finite Bloch angles (\(theta), \(phi))")
        }
        self.alpha = Complex(cos(theta / 2))
        self.beta = Complex(length: sin(theta / 2), phase: phi)
    }

    /// |0⟩.
    public static let zero = QubitState(uncheckedAlpha: .one, beta: .zero)
    /// |1⟩.
    public static let one = QubitState(uncheckedAlpha: .zero, beta: .one)

    init(uncheckedAlpha alpha: Complex<Double>, beta: Complex<Double>) {
        self.alpha = alpha
        self.beta = beta
    }
}

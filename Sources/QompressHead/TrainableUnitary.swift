import Foundation
import Numerics
import QompressCore

/// The head's trainable one-qubit gate U = e^{iα} RZ(β) RY(γ) RZ(δ), with the four angles
/// squashed from raw parameters t as (tanh(t) + 1) · 2π.
public struct TrainableUnitary: Hashable, Sendable {
    /// The raw parameters (t_α, t_β, t_γ, t_δ).
    public let raw: (Double, Double, Double, Double)
    /// The entries u00, u01, u10, u11 (row-major).
    public let entries: [Complex<Double>]

    /// The angle a raw parameter maps to.
    @inlinable
    public static func angle(_ t: Double) -> Double { (Foundation.tanh(t) + 1) * 2 * .pi }

    /// The gate for raw parameters `t` (four values).
    /// - Throws: `HeadError.invalidArgument` unless there are four finite values.
    public init(raw t: [Double]) throws {
        guard t.count == 4, t.allSatisfy(\.isFinite) else {
            throw HeadError.invalidArgument("a trainable unitary takes four finite raw parameters, got \(t)")
        }
        self.init(unchecked: t[0], t[1], t[2], t[3])
    }

    init(unchecked t0: Double, _ t1: Double, _ t2: Double, _ t3: Double) {
        raw = (t0, t1, t2, t3)
        let a = Self.angle(t0), b = Self.angle(t1), g = Self.angle(t2), d = Self.angle(t3)
        let cg = Foundation.cos(g / 2), sg = Foundation.sin(g / 2)
        entries = [Complex(length: cg, phase: a - (b + d) / 2), Complex(length: -sg, phase: a - (b - d) / 2),
                   Complex(length: sg, phase: a + (b - d) / 2), Complex(length: cg, phase: a + (b + d) / 2)]
    }

    /// The gate as a checked unitary, for circuits.
    /// - Throws: `CircuitError.nonUnitaryMatrix` (never for finite parameters).
    public func unitaryMatrix() throws -> UnitaryMatrix {
        try UnitaryMatrix(SquareMatrix(dimension: 2, elements: entries))
    }

    /// ∂L/∂t for the four raw parameters, given the cotangent Ū of the entries in the
    /// convention dL = Re Σ conj(Ū_kj) dU_kj.
    public func rawGradient(_ cotangent: [Complex<Double>]) -> [Double] {
        let u = entries
        let a = Self.angle(raw.0), b = Self.angle(raw.1), g = Self.angle(raw.2), d = Self.angle(raw.3)
        let i = Complex<Double>(0, 1)
        // ∂U/∂α = iU; ∂U/∂β scales row 0 by −i/2 and row 1 by +i/2; ∂U/∂δ column 0 by −i/2, column 1 by +i/2.
        let dAlpha = u.map { i * $0 }
        let dBeta = [u[0] * (-i / 2), u[1] * (-i / 2), u[2] * (i / 2), u[3] * (i / 2)]
        let dDelta = [u[0] * (-i / 2), u[1] * (i / 2), u[2] * (-i / 2), u[3] * (i / 2)]
        // ∂/∂γ: cos(γ/2) → −sin(γ/2)/2 and sin(γ/2) → cos(γ/2)/2 with the same phases.
        let cg = Foundation.cos(g / 2), sg = Foundation.sin(g / 2)
        let dGamma = [Complex(length: -sg / 2, phase: a - (b + d) / 2), Complex(length: -cg / 2, phase: a - (b - d) / 2),
                      Complex(length: cg / 2, phase: a + (b - d) / 2), Complex(length: -sg / 2, phase: a + (b + d) / 2)]
        func project(_ derivative: [Complex<Double>]) -> Double {
            var s = 0.0
            for k in 0..<4 { s += (cotangent[k].conjugate * derivative[k]).real }
            return s
        }
        let raws = [raw.0, raw.1, raw.2, raw.3]
        let chain = raws.map { t -> Double in let th = Foundation.tanh(t); return 2 * .pi * (1 - th * th) }
        return [project(dAlpha) * chain[0], project(dBeta) * chain[1], project(dGamma) * chain[2], project(dDelta) * chain[3]]
    }

    public static func == (lhs: TrainableUnitary, rhs: TrainableUnitary) -> Bool { lhs.entries == rhs.entries }
    public func hash(into hasher: inout Hasher) { hasher.combine(entries) }
}

import Numerics
import QompressCore

/// One block on a pair (target a, control b): U_a ⊗ U_b, a controlled U_c with control b and
/// target a, then qubit a is replaced by √P(a=0)|0⟩ + √P(a=1)|1⟩ and b is dropped.
///
/// With a′ = U_a a, b′ = U_b b and a″ = U_c a′, P(a = k) = |b′₀|²|a′_k|² + |b′₁|²|a″_k|².
/// For real inputs (the encoding with φ = π and every block output are real) each squared
/// amplitude is a real quadratic form of the input: |(U v)₀|² = vᵀ Q v with
/// Q = [[|u₀₀|², Re u₀₀ū₀₁], [Re u₀₀ū₀₁, |u₀₁|²]]. `BlockCoefficients` holds the three forms a
/// block needs (control: U_b; target: U_a and W = U_c U_a), so the fast path costs a handful of
/// multiplications per pair.
public struct CompressionBlock: Sendable {
    /// Gate on the target before the controlled gate.
    public let target: TrainableUnitary
    /// Gate on the control.
    public let control: TrainableUnitary
    /// The gate applied to the target when the control is |1⟩.
    public let controlled: TrainableUnitary

    /// Creates a block from its three gates.
    public init(target: TrainableUnitary, control: TrainableUnitary, controlled: TrainableUnitary) {
        self.target = target
        self.control = control
        self.controlled = controlled
    }

    /// The block as a two-qubit circuit: qubit 0 is the target, qubit 1 the control.
    /// - Throws: `CircuitError` (never for finite gates).
    public func circuit() throws -> Circuit {
        var c = try Circuit(qubitCount: 2)
        try c.append(.unitary1(target.unitaryMatrix()), on: 0)
        try c.append(.unitary1(control.unitaryMatrix()), on: 1)
        try c.append(.controlledUnitary(controlled.unitaryMatrix()), on: 1, 0)
        return c
    }

    /// Runs the block on a two-qubit register of backend `B` and returns the target's new
    /// real amplitudes (√P(a=0), √P(a=1)), read from the register's probabilities.
    /// - Throws: whatever the backend throws.
    public func apply<B: Backend>(target a: QubitState, control b: QubitState, on register: B) throws -> (Double, Double) {
        try register.prepare(productState: [a, b])
        try register.run(circuit())
        let p = try register.probabilities()   // index = a + 2 b
        let p0 = p[0] + p[2], p1 = p[1] + p[3]
        return (max(p0, 0).squareRoot(), max(p1, 0).squareRoot())
    }

    /// The real quadratic forms of the block (for the fast path).
    public var coefficients: BlockCoefficients {
        let ua = target.entries, uc = controlled.entries
        let w0 = uc[0] * ua[0] + uc[1] * ua[2], w1 = uc[0] * ua[1] + uc[1] * ua[3]
        return BlockCoefficients(control: .init(control.entries[0], control.entries[1]),
                                 target: .init(ua[0], ua[1]), composite: .init(w0, w1))
    }

    /// The cotangents Ū of the three gates' entries, given ∂L/∂ of the three forms.
    func gateCotangents(_ g: BlockCoefficients) -> (target: [Complex<Double>], control: [Complex<Double>], controlled: [Complex<Double>]) {
        let ua = target.entries, uc = controlled.entries, ub = control.entries
        let rb = g.control.rowCotangent(ub[0], ub[1])
        let ra = g.target.rowCotangent(ua[0], ua[1])
        let w0 = uc[0] * ua[0] + uc[1] * ua[2], w1 = uc[0] * ua[1] + uc[1] * ua[3]
        let rw = g.composite.rowCotangent(w0, w1)
        // W = U_c U_a with only row 0 of W̄ non-zero: Ū_c = W̄ U_aᴴ, Ū_a += U_cᴴ W̄.
        let c00 = rw.0 * ua[0].conjugate + rw.1 * ua[1].conjugate
        let c01 = rw.0 * ua[2].conjugate + rw.1 * ua[3].conjugate
        let a = [ra.0 + uc[0].conjugate * rw.0, ra.1 + uc[0].conjugate * rw.1,
                 uc[1].conjugate * rw.0, uc[1].conjugate * rw.1]
        return (a, [rb.0, rb.1, .zero, .zero], [c00, c01, .zero, .zero])
    }
}

/// A real symmetric 2×2 quadratic form q(v) = q00 v0² + 2 q01 v0 v1 + q11 v1², or (as a
/// gradient) ∂L/∂ of its three entries.
public struct QuadraticForm: Hashable, Sendable {
    /// Coefficient of v0².
    public var q00: Double
    /// Half the coefficient of v0 v1.
    public var q01: Double
    /// Coefficient of v1².
    public var q11: Double

    /// The zero form.
    public static let zero = QuadraticForm(q00: 0, q01: 0, q11: 0)

    /// Creates the form from its entries.
    public init(q00: Double, q01: Double, q11: Double) {
        self.q00 = q00
        self.q01 = q01
        self.q11 = q11
    }

    /// |r0 v0 + r1 v1|² for real v, from a complex row (r0, r1).
    init(_ r0: Complex<Double>, _ r1: Complex<Double>) {
        q00 = r0.lengthSquared
        q11 = r1.lengthSquared
        q01 = (r0 * r1.conjugate).real
    }

    /// q(v).
    @inlinable
    public func callAsFunction(_ v0: Double, _ v1: Double) -> Double { q00 * v0 * v0 + 2 * q01 * v0 * v1 + q11 * v1 * v1 }

    /// Adds g · ∂q/∂(entries) at v.
    @inlinable
    mutating func accumulate(_ g: Double, _ v0: Double, _ v1: Double) {
        q00 += g * v0 * v0
        q01 += 2 * g * v0 * v1
        q11 += g * v1 * v1
    }

    /// ∂q/∂v at v.
    @inlinable
    func gradient(_ v0: Double, _ v1: Double) -> (Double, Double) { (2 * (q00 * v0 + q01 * v1), 2 * (q11 * v1 + q01 * v0)) }

    /// The cotangent of the row (r0, r1) when `self` holds ∂L/∂(q00, q01, q11).
    func rowCotangent(_ r0: Complex<Double>, _ r1: Complex<Double>) -> (Complex<Double>, Complex<Double>) {
        (r0 * Complex(2 * q00) + r1 * Complex(q01), r1 * Complex(2 * q11) + r0 * Complex(q01))
    }

    static func += (lhs: inout QuadraticForm, rhs: QuadraticForm) {
        lhs.q00 += rhs.q00
        lhs.q01 += rhs.q01
        lhs.q11 += rhs.q11
    }
}

/// The three quadratic forms of a block: P(b′=0) = control(b), |a′₀|² = target(a),
/// |a″₀|² = composite(a); P(a=0) = control · target + (1 − control) · composite.
public struct BlockCoefficients: Hashable, Sendable {
    /// From U_b's first row.
    public var control: QuadraticForm
    /// From U_a's first row.
    public var target: QuadraticForm
    /// From the first row of U_c U_a.
    public var composite: QuadraticForm

    /// All zero (a gradient accumulator).
    public static let zero = BlockCoefficients(control: .zero, target: .zero, composite: .zero)

    /// Creates the triple.
    public init(control: QuadraticForm, target: QuadraticForm, composite: QuadraticForm) {
        self.control = control
        self.target = target
        self.composite = composite
    }

    /// P(a = 0) after the block for real unit inputs a and b.
    @inlinable
    public func probabilityOfZero(target a0: Double, _ a1: Double, control b0: Double, _ b1: Double) -> Double {
        let pb = control(b0, b1)
        return min(max(pb * target(a0, a1) + (1 - pb) * composite(a0, a1), 0), 1)
    }

    static func += (lhs: inout BlockCoefficients, rhs: BlockCoefficients) {
        lhs.control += rhs.control
        lhs.target += rhs.target
        lhs.composite += rhs.composite
    }
}

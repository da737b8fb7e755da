import Numerics
import QompressCore

extension MPSBackend {
    /// ⟨ψ|O|ψ⟩ (not divided by ⟨ψ|ψ⟩) by environment contraction: the left and right
    /// environments are built once (O(nχ³)) and reused by every term, and each term only
    /// transfers through the sites between its first and last non-identity factor.
    /// - Throws: `CircuitError.qubitOutOfRange` for an observable on missing qubits.
    public func expectation(of observable: PauliSum) throws -> Double {
        try observable.validate(qubitCount: qubitCount)
        flushPendingGates()
        let environments = TransferEnvironments(bra: self, ket: self, withRight: true)
        var sum = 0.0
        for term in observable.terms where term.coefficient != 0 {
            sum += term.coefficient * environments.value(of: term.string).real
        }
        return sum
    }

    /// ⟨bra|O|self⟩ by transfer contraction between the two chains (no copy of either).
    /// - Throws: `SimulationError.qubitCountMismatch` for registers of different sizes,
    ///   `CircuitError.qubitOutOfRange` for an observable on missing qubits.
    public func matrixElement(of observable: PauliSum, bra: MPSBackend) throws -> Complex<Double> {
        guard bra.qubitCount == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: bra.qubitCount)
        }
        try observable.validate(qubitCount: qubitCount)
        flushPendingGates()
        bra.flushPendingGates()
        let environments = TransferEnvironments(bra: bra, ket: self, withRight: true)
        var sum = Complex<Double>.zero
        for term in observable.terms where term.coefficient != 0 {
            sum = sum + Complex(term.coefficient) * environments.value(of: term.string)
        }
        return sum
    }

    /// ⟨self|other⟩ by one left-to-right transfer sweep, O(nχ³).
    /// - Throws: `SimulationError.qubitCountMismatch` for registers of different sizes.
    public func innerProduct(with other: MPSBackend) throws -> Complex<Double> {
        guard other.qubitCount == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: other.qubitCount)
        }
        flushPendingGates()
        other.flushPendingGates()
        return TransferEnvironments(bra: self, ket: other, withRight: false).overlap
    }

    /// ‖ψ‖, read off the orthogonality centre (pending gates are unitary and do not matter).
    public func norm() -> Double {
        centreNormSquared().squareRoot()
    }
}

import Foundation
import Numerics
import QompressCore

/// dU/dθ · U† for one angle of a gate: `prefactor · observable`, with `observable` a Pauli sum
/// on the gate's own qubits (already placed on the register's qubit indices).
struct DerivativeGenerator {
    /// Which of the gate's angles (`Gate.angles`) this is the derivative for.
    var angleIndex: Int
    /// A complex scalar (±i/2, i/4, …).
    var prefactor: Complex<Double>
    /// The Hermitian part, a real Pauli sum.
    var observable: PauliSum
}

extension Instruction {
    /// For every angle of the gate that reads a slot: G = (∂U/∂θ) U†, so that
    /// ∂⟨O⟩/∂θ = 2 Re ⟨λ|G|ψ⟩ with ψ the state just after the gate.
    ///
    /// Rotations exp(−iθP/2) give −i/2 · P; controlled rotations −i/4 · (P − Z_c P); the
    /// phase gates i/2 · (I − Z) and i/4 · (I − Z_a − Z_b + Z_a Z_b); U3's three angles the
    /// rotated axes of its Euler decomposition e^{i(φ+λ)/2} RZ(φ) RY(θ) RZ(λ).
    func derivativeGenerators(_ values: ParameterValues) throws -> [DerivativeGenerator] {
        let angles = gate.angles
        guard angles.contains(where: { !$0.isConstant }) else { return [] }
        let q = qubits
        let minusHalfI = Complex<Double>(0, -0.5), halfI = Complex<Double>(0, 0.5)
        func sum(_ text: [(Double, [(Int, Pauli)])]) throws -> PauliSum {
            try PauliSum(text.map { PauliSum.Term($0.0, try PauliString($0.1)) })
        }
        func one(_ index: Int, _ prefactor: Complex<Double>, _ terms: [(Double, [(Int, Pauli)])]) throws -> [DerivativeGenerator] {
            angles[index].isConstant ? [] : [DerivativeGenerator(angleIndex: index, prefactor: prefactor, observable: try sum(terms))]
        }
        func controlled(_ p: Pauli) throws -> [DerivativeGenerator] {
            try one(0, Complex(0, -0.25), [(1, [(q[1], p)]), (-1, [(q[0], .z), (q[1], p)])])
        }
        switch gate {
        case .rx: return try one(0, minusHalfI, [(1, [(q[0], .x)])])
        case .ry: return try one(0, minusHalfI, [(1, [(q[0], .y)])])
        case .rz: return try one(0, minusHalfI, [(1, [(q[0], .z)])])
        case .phase: return try one(0, halfI, [(1, []), (-1, [(q[0], .z)])])
        case .rxx: return try one(0, minusHalfI, [(1, [(q[0], .x), (q[1], .x)])])
        case .ryy: return try one(0, minusHalfI, [(1, [(q[0], .y), (q[1], .y)])])
        case .rzz: return try one(0, minusHalfI, [(1, [(q[0], .z), (q[1], .z)])])
        case .crx: return try controlled(.x)
        case .cry: return try controlled(.y)
        case .crz: return try controlled(.z)
        case .cphase:
            return try one(0, Complex(0, 0.25), [(1, []), (-1, [(q[0], .z)]), (-1, [(q[1], .z)]), (1, [(q[0], .z), (q[1], .z)])])
        case let .u2(phi, _):
            return try eulerGenerators(theta: .pi / 2, phi: try phi.value(in: values), thetaIndex: nil,
                                       phiIndex: 0, lambdaIndex: 1, qubit: q[0])
        case let .u3(theta, phi, _):
            return try eulerGenerators(theta: try theta.value(in: values), phi: try phi.value(in: values),
                                       thetaIndex: 0, phiIndex: 1, lambdaIndex: 2, qubit: q[0])
        case .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
             .cnot, .cy, .cz, .ch, .swap, .iswap, .ccx, .cswap, .unitary1, .unitary2, .controlledUnitary:
            // No angles (the guard above already returned).
            return []
        }
    }

    /// Generators of U3(θ, φ, λ) = e^{i(φ+λ)/2} RZ(φ) RY(θ) RZ(λ) for the angles that read slots.
    private func eulerGenerators(theta: Double, phi: Double, thetaIndex: Int?, phiIndex: Int, lambdaIndex: Int,
                                 qubit: Int) throws -> [DerivativeGenerator] {
        let angles = gate.angles
        var result: [DerivativeGenerator] = []
        func terms(_ list: [(Double, Pauli?)]) throws -> PauliSum {
            try PauliSum(list.map { PauliSum.Term($0.0, try PauliString($0.1.map { [(qubit, $0)] } ?? [])) })
        }
        if let thetaIndex, !angles[thetaIndex].isConstant {
            // −i/2 · RZ(φ) Y RZ(φ)† = −i/2 · (cos φ Y − sin φ X)
            result.append(DerivativeGenerator(angleIndex: thetaIndex, prefactor: Complex(0, -0.5),
                                              observable: try terms([(cos(phi), .y), (-sin(phi), .x)])))
        }
        if !angles[phiIndex].isConstant {
            // i/2 · (I − Z)
            result.append(DerivativeGenerator(angleIndex: phiIndex, prefactor: Complex(0, 0.5),
                                              observable: try terms([(1, nil), (-1, .z)])))
        }
        if !angles[lambdaIndex].isConstant {
            // i/2 · (I − V Z V†), V = RZ(φ) RY(θ): V Z V† = sin θ cos φ X + sin θ sin φ Y + cos θ Z
            result.append(DerivativeGenerator(angleIndex: lambdaIndex, prefactor: Complex(0, 0.5),
                                              observable: try terms([(1, nil), (-sin(theta) * cos(phi), .x),
                                                                     (-sin(theta) * sin(phi), .y), (-cos(theta), .z)])))
        }
        return result
    }
}

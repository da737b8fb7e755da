import ArgumentParser
import Foundation
import Qompress

/// The three circuits of the study.
enum ScalingWorkload: String, CaseIterable {
    /// `Circuit.dressed` with seeded angles.
    case dressed
    /// Layers of random two-qubit unitaries on (0,1), (2,3), … then (1,2), (3,4), ….
    case brickwork
    /// H and a CNOT chain.
    case ghz

    /// The circuit and its parameter values on `n` qubits (`depth` = layers or brick layers).
    func circuit(qubits n: Int, depth: Int, seed: UInt64) throws -> (Circuit, ParameterValues) {
        switch self {
        case .dressed:
            return (try Circuit.dressed(qubitCount: n, layers: depth), WorkloadAngles(qubits: n, layers: depth, seed: seed).values)
        case .ghz:
            return (try Circuit.ghz(qubitCount: n), .none)
        case .brickwork:
            var generator = SeededGenerator(seed: seed)
            var circuit = try Circuit(qubitCount: n)
            for layer in 0..<depth {
                for q in stride(from: layer % 2, to: n - 1, by: 2) {
                    try circuit.append(.unitary2(try randomBrick(using: &generator)), on: q, q + 1)
                }
            }
            return (circuit, .none)
        }
    }

    /// (U3 ⊗ U3) · RXX(a) RYY(b) RZZ(c) · (U3 ⊗ U3) with uniform random angles: a generic
    /// two-qubit unitary in its canonical (KAK) form.
    private func randomBrick(using generator: inout SeededGenerator) throws -> UnitaryMatrix {
        func angle() -> Angle { .constant((generator.nextUnit() * 2 - 1) * .pi) }
        func local() throws -> SquareMatrix {
            let a = try Gate.u3(theta: angle(), phi: angle(), lambda: angle()).matrix()
            let b = try Gate.u3(theta: angle(), phi: angle(), lambda: angle()).matrix()
            return SquareMatrix.kron(a, b)
        }
        let core = try Gate.rxx(angle()).matrix() * Gate.ryy(angle()).matrix() * Gate.rzz(angle()).matrix()
        return try UnitaryMatrix(try local() * core * local())
    }
}

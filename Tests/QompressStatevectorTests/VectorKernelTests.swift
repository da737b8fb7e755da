import Numerics
import QompressCore
@testable import QompressStatevector
import Testing

/// The AVX2 + FMA rotation loops (used when the CPU has them) must agree with the portable
/// loops to rounding, in both storage forms and in the fused adjoint step.
@Suite("AVX2 kernels against the portable loops")
struct VectorKernelTests {
    static let portable = StatevectorConfiguration(vectorExtensions: false)

    @Test("real and complex circuits give the same states with and without the vector kernels",
          arguments: [(6, false), (11, false), (17, false), (6, true), (11, true)])
    func circuitsAgree(n: Int, complex: Bool) throws {
        var circuit = try RealFormTests.realCircuit(qubits: n, gates: 6 * n, seed: UInt64(40 + n))
        if complex { try circuit.append(.rx(.constant(0.7)), on: [0]) }
        try circuit.append(try RealFormTests.realCircuit(qubits: n, gates: 6 * n, seed: UInt64(50 + n)))
        let vector = try StatevectorBackend(qubitCount: n), plain = try StatevectorBackend(qubitCount: n, configuration: Self.portable)
        try vector.run(circuit)
        try plain.run(circuit)
        #expect(plain.kernels.instructionSet == .portable)
        #expect(vector.storage.isReal == !complex)
        #expect(maxDistance(try vector.statevector(), try plain.statevector()) < 1e-13)
    }

    @Test("the fused adjoint step agrees with and without the vector kernels", arguments: [1, 2, 9])
    func fusedStepAgrees(n: Int) throws {
        let circuit = try RealFormTests.realCircuit(qubits: n, gates: 40, seed: 77)
        func step(_ configuration: StatevectorConfiguration) throws -> ([Complex<Double>], [Complex<Double>]) {
            let psi = try StatevectorBackend(qubitCount: n, configuration: configuration)
            try psi.run(circuit)
            _ = psi.expectationsZ()  // writes out a one-qubit product state, so the fused step applies
            let lambda = psi.copy()
            try lambda.applyPauliSum(PauliSum.allZ(qubitCount: n, coefficients: (0..<n).map { 1 + 0.1 * Double($0) }))
            var inverse = try Circuit(qubitCount: n)
            for q in 0..<n { try inverse.append(.ry(.constant(0.3 - 0.2 * Double(q))), on: [q]) }
            let observables = try (0..<n).map { try PauliSum("Y\($0)") }
            let elements = try psi.adjointStep(matrixElementsOf: observables, lambda: lambda, thenRun: inverse, parameters: .none)
            return (elements, try psi.statevector())
        }
        let (a, stateA) = try step(.default)
        let (b, stateB) = try step(Self.portable)
        #expect(zip(a, b).allSatisfy { ($0 - $1).length < 1e-13 })
        #expect(a.contains { $0.length > 1e-3 })
        #expect(maxDistance(stateA, stateB) < 1e-13)
    }
}

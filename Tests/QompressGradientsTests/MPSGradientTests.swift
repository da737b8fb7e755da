import QompressCore
import QompressGradients
import QompressMPS
import QompressStatevector
import Testing

@Suite("Gradients on the MPS (exact mode) against the statevector")
struct MPSGradientTests {
    @Test("adjoint on the exact MPS = adjoint on the statevector = parameter shift = finite differences",
          arguments: [2, 4, 7, 10])
    func mpsAgreesWithStatevector(qubits n: Int) throws {
        var random = ParametrisedCircuits(seed: UInt64(300 + n))
        let circuit = try random.circuit(qubits: n, gates: 3 * n, inputs: 3, weights: 4, controlledRotations: n != 4)
        let values = random.values(inputs: 3, weights: 4)
        let o = try PauliSum("0.7 Z0 - 0.4 X1 Z0 + 0.3 Y1")
        let mps = try AdjointDifferentiation.gradient(of: o, circuit: circuit, parameters: values,
                                                      state: MPSBackend(qubitCount: n, configuration: .exact))
        let sv = try AdjointDifferentiation.gradient(of: o, circuit: circuit, parameters: values,
                                                     state: StatevectorBackend(qubitCount: n))
        #expect(abs(mps.value - sv.value) < 1e-10)
        #expect(mps.gradient.maxDifference(to: sv.gradient) < 1e-9)
        let fd = try finiteDifferenceGradient(at: values) { v in
            let s = try MPSBackend(qubitCount: n, configuration: .exact)
            try s.run(circuit, parameters: v)
            return try s.expectation(of: o)
        }
        #expect(mps.gradient.maxDifference(to: fd) < 1e-6)
        if n == 4 {
            let shift = try ParameterShift.gradient(of: o, circuit: circuit, parameters: values,
                                                    initial: MPSBackend(qubitCount: n, configuration: .exact))
            #expect(shift.gradient.maxDifference(to: sv.gradient) < 1e-9)
        }
    }

    @Test("the VJP of the dressed circuit agrees between the exact MPS and the statevector")
    func vjpAgrees() throws {
        let n = 6, layers = 3
        let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
        var random = ParametrisedCircuits(seed: 17)
        let values = random.values(inputs: n, weights: n * layers)
        let upstream = (0..<n).map { _ in random.uniform(-1...1) }
        let a = try AdjointDifferentiation.vectorJacobianProduct(circuit: circuit, parameters: values, upstream: upstream,
                                                                 state: MPSBackend(qubitCount: n, configuration: .exact))
        let b = try AdjointDifferentiation.vectorJacobianProduct(circuit: circuit, parameters: values, upstream: upstream,
                                                                 state: StatevectorBackend(qubitCount: n))
        #expect(zip(a.expectations, b.expectations).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(a.gradient.maxDifference(to: b.gradient) < 1e-9)
    }
}

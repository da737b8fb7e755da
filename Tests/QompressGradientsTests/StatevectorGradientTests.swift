import QompressCore
import QompressGradients
import QompressStatevector
import Testing

@Suite("Gradients on the statevector")
struct StatevectorGradientTests {
    static let observable = "0.7 Z0 - 0.4 X1 Z0 + 0.3 Y1 + 1.1 Z1 Y0"

    @Test("adjoint = parameter shift = central finite differences", arguments: 2...6)
    func threeMethodsAgree(qubits n: Int) throws {
        var random = ParametrisedCircuits(seed: UInt64(100 + n))
        let inputs = 3, weights = 4
        let circuit = try random.circuit(qubits: n, gates: 6 * n, inputs: inputs, weights: weights,
                                         controlledRotations: false)
        let values = random.values(inputs: inputs, weights: weights)
        let o = try PauliSum(Self.observable)
        let adjoint = try AdjointDifferentiation.gradient(of: o, circuit: circuit, parameters: values,
                                                          state: StatevectorBackend(qubitCount: n))
        let shift = try ParameterShift.gradient(of: o, circuit: circuit, parameters: values,
                                                initial: StatevectorBackend(qubitCount: n))
        let fd = try finiteDifferenceGradient(at: values) { v in
            let s = try StatevectorBackend(qubitCount: n)
            try s.run(circuit, parameters: v)
            return try s.expectation(of: o)
        }
        #expect(abs(adjoint.value - shift.value) < 1e-12)
        #expect(adjoint.gradient.maxDifference(to: shift.gradient) < 1e-10)
        #expect(adjoint.gradient.maxDifference(to: fd) < 1e-6)
        #expect(adjoint.gradient.weights.contains { abs($0) > 1e-3 }, "a gradient that is all zero would test nothing")
    }

    @Test("adjoint handles controlled rotations (checked against finite differences) on up to 10 qubits",
          arguments: [3, 7, 10])
    func controlledRotations(qubits n: Int) throws {
        var random = ParametrisedCircuits(seed: UInt64(7 * n))
        let circuit = try random.circuit(qubits: n, gates: 4 * n, inputs: 2, weights: 5)
        let values = random.values(inputs: 2, weights: 5)
        let o = try PauliSum("Z0 Z2 + 0.5 X1 - 0.25 Y2")
        let adjoint = try AdjointDifferentiation.gradient(of: o, circuit: circuit, parameters: values,
                                                          state: StatevectorBackend(qubitCount: n))
        let fd = try finiteDifferenceGradient(at: values) { v in
            let s = try StatevectorBackend(qubitCount: n)
            try s.run(circuit, parameters: v)
            return try s.expectation(of: o)
        }
        #expect(adjoint.gradient.maxDifference(to: fd) < 1e-6)
    }

    @Test("the VJP equals the explicit Jacobian times the upstream vector")
    func vjpEqualsJacobianTimesUpstream() throws {
        let n = 5, layers = 3
        let circuit = try Circuit.dressed(qubitCount: n, layers: layers, inputScale: 0.9)
        var random = ParametrisedCircuits(seed: 3)
        let values = random.values(inputs: n, weights: n * layers)
        let upstream = (0..<n).map { _ in random.uniform(-1...1) }
        let vjp = try AdjointDifferentiation.vectorJacobianProduct(
            circuit: circuit, parameters: values, upstream: upstream, state: StatevectorBackend(qubitCount: n))
        var expected = ParameterGradient.zero(inputs: n, weights: n * layers)
        for i in 0..<n {
            // Row i of the Jacobian: the gradient of ⟨Z_i⟩ alone.
            let row = try AdjointDifferentiation.gradient(of: PauliSum(.z(i)), circuit: circuit, parameters: values,
                                                          state: StatevectorBackend(qubitCount: n))
            #expect(abs(row.value - vjp.expectations[i]) < 1e-12)
            for j in 0..<n { expected.inputs[j] += upstream[i] * row.gradient.inputs[j] }
            for j in 0..<(n * layers) { expected.weights[j] += upstream[i] * row.gradient.weights[j] }
        }
        #expect(vjp.gradient.maxDifference(to: expected) < 1e-12)
    }

    @Test("parameter shift refuses controlled rotations with a clear error")
    func parameterShiftRefusesControlledRotations() throws {
        var c = try Circuit(qubitCount: 2)
        try c.append(.crx(.weight(0)), on: 0, 1)
        #expect(throws: GradientError.parameterShiftUnsupported(gate: "crx")) {
            try ParameterShift.gradient(of: PauliSum("Z1"), circuit: c, parameters: ParameterValues(weights: [0.3]),
                                        initial: StatevectorBackend(qubitCount: 2))
        }
    }

    @Test("wrong upstream length and missing parameters are errors")
    func badInput() throws {
        let c = try Circuit.dressed(qubitCount: 3, layers: 1)
        #expect(throws: GradientError.upstreamCountMismatch(expected: 3, got: 2)) {
            try AdjointDifferentiation.vectorJacobianProduct(
                circuit: c, parameters: ParameterValues(inputs: [0, 0, 0], weights: [0, 0, 0]),
                upstream: [1, 1], state: StatevectorBackend(qubitCount: 3))
        }
        #expect(throws: GradientError.missingParameters(kind: "weight", expected: 3, got: 1)) {
            try AdjointDifferentiation.gradient(of: PauliSum("Z0"), circuit: c,
                                                parameters: ParameterValues(inputs: [0, 0, 0], weights: [0]),
                                                state: StatevectorBackend(qubitCount: 3))
        }
    }
}

@Suite("Batches")
struct BatchTests {
    @Test("batched forward and VJP on one register per sample equal per-sample results bit for bit on 1, 2 and 8 threads")
    func batchesAreDeterministic() throws {
        let n = 6, layers = 3, batch = 13
        let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
        var random = ParametrisedCircuits(seed: 9)
        let (inputs, weights, upstream) = random.batch(samples: batch, inputs: n, weights: n * layers, outputs: n)

        var perSample: [[Double]] = []
        var perSampleInputGradients: [[Double]] = []
        var weightGradient = [Double](repeating: 0, count: n * layers)
        for s in 0..<batch {
            let r = try AdjointDifferentiation.vectorJacobianProduct(
                circuit: circuit, parameters: ParameterValues(inputs: inputs[s], weights: weights),
                upstream: upstream[s], state: StatevectorBackend(qubitCount: n))
            perSample.append(r.expectations)
            perSampleInputGradients.append(r.gradient.inputs)
            for j in 0..<weightGradient.count { weightGradient[j] += r.gradient.weights[j] }
        }
        for threads in [1, 2, 8] {
            let evaluator = BatchEvaluator(circuit: circuit, backend: StatevectorBackend.self,
                                           configuration: StatevectorConfiguration(batchedSamples: false), threads: threads)
            #expect(try evaluator.expectationsZ(inputs: inputs, weights: weights) == perSample)
            let r = try evaluator.vectorJacobianProducts(inputs: inputs, weights: weights, upstream: upstream)
            #expect(r.expectations == perSample)
            #expect(r.inputGradients == perSampleInputGradients)
            #expect(r.weightGradient == weightGradient)
            // Keeping the forward registers for the backward pass gives the same bits.
            let (outputs, evolved) = try evaluator.forward(inputs: inputs, weights: weights)
            #expect(outputs == perSample)
            let kept = try evaluator.vectorJacobianProducts(from: evolved, upstream: upstream)
            #expect(kept.inputGradients == perSampleInputGradients && kept.weightGradient == weightGradient)
        }
    }

    @Test("a malformed batch is an error, not a crash")
    func malformedBatch() throws {
        let evaluator = BatchEvaluator(circuit: try Circuit.dressed(qubitCount: 3, layers: 1),
                                       backend: StatevectorBackend.self, configuration: .default)
        #expect(throws: GradientError.self) { try evaluator.expectationsZ(inputs: [[0, 0]], weights: [0, 0, 0]) }
        #expect(throws: GradientError.self) {
            try evaluator.vectorJacobianProducts(inputs: [[0, 0, 0]], weights: [0, 0, 0], upstream: [])
        }
        #expect(throws: CircuitError.self) { try evaluator.expectationsZ(inputs: [[0, .nan, 0]], weights: [0, 0, 0]) }
    }
}

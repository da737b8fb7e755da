import Numerics
import QompressCore
@testable import QompressGradients
@testable import QompressStatevector
import Testing

/// Random circuits of the gates a `StatevectorBatch` runs, with input, weight and constant angles.
private func realCircuit(qubits n: Int, gates: Int, inputs: Int, weights: Int,
                         random: inout ParametrisedCircuits) throws -> Circuit {
    var c = try Circuit(qubitCount: n)
    // The one-qubit prefix is folded into a product state; a mix of its gates first.
    for q in 0..<n {
        try c.append(.h, on: q)
        try c.append(.ry(random.angle(inputs: inputs, weights: weights)), on: q)
        if q % 3 == 1 { try c.append(.x, on: q) }
        if q % 3 == 2 { try c.append(.z, on: q) }
    }
    for _ in 0..<gates {
        let a = random.angle(inputs: inputs, weights: weights)
        let kinds: [Gate] = [.ry(a), .ry(a), .h, .x, .z, .identity, .cnot, .cnot, .cz, .swap, .cry(a), .ccx]
        let gate = kinds[Int.random(in: 0..<kinds.count, using: &random.generator)]
        try c.append(gate, on: Array((0..<n).shuffled(using: &random.generator).prefix(gate.arity)))
    }
    return c
}

@Suite("Batch registers")
struct RegisterBatchTests {
    @Test("a statevector batch runs real circuits as one register per sample does, to 1e-12, forward and VJP",
          arguments: [3, 5, 8])
    func batchEqualsPerSample(qubits n: Int) throws {
        var random = ParametrisedCircuits(seed: UInt64(40 + n))
        let inputs = 4, weights = 6, samples = 37
        let circuit = try realCircuit(qubits: n, gates: 40, inputs: inputs, weights: weights, random: &random)
        let (rows, w, upstream) = random.batch(samples: samples, inputs: inputs, weights: weights, outputs: n)
        // Both kernel entries: AVX2 + FMA where the CPU has them, and the portable loops.
        for configuration in [StatevectorConfiguration.default, StatevectorConfiguration(vectorExtensions: false)] {
        let batched = BatchEvaluator(circuit: circuit, backend: StatevectorBackend.self, configuration: configuration, threads: 1)
        let width = try #require(StatevectorConfiguration.default.batchWidth(for: circuit))
        #expect(width > 1 && samples % width != 0)  // several groups, the last one partial
        let one = BatchEvaluator(circuit: circuit, backend: StatevectorBackend.self,
                                 configuration: StatevectorConfiguration(batchedSamples: false), threads: 1)
        let expected = try one.vectorJacobianProducts(inputs: rows, weights: w, upstream: upstream)
        let forward = try batched.expectationsZ(inputs: rows, weights: w)
        let result = try batched.vectorJacobianProducts(inputs: rows, weights: w, upstream: upstream)
        func maxDifference(_ a: [[Double]], _ b: [[Double]]) -> Double {
            zip(a.joined(), b.joined()).map { abs($0 - $1) }.max() ?? .infinity
        }
        #expect(forward.count == samples && result.inputGradients.count == samples)
        #expect(maxDifference(forward, expected.expectations) < 1e-12)
        #expect(maxDifference(result.expectations, expected.expectations) < 1e-12)
        #expect(maxDifference(result.inputGradients, expected.inputGradients) < 1e-12)
        #expect(zip(result.weightGradient, expected.weightGradient).allSatisfy { abs($0 - $1) < 1e-11 })
        // Something moved: the gradients are not all zero.
        #expect(result.weightGradient.contains { abs($0) > 1e-3 })
        }
    }

    @Test("batched results are bit-identical on 1, 2 and 8 threads, kept or re-run")
    func batchesDoNotDependOnThreads() throws {
        let n = 8, layers = 4, samples = 70
        let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
        var random = ParametrisedCircuits(seed: 77)
        let (rows, w, upstream) = random.batch(samples: samples, inputs: n, weights: n * layers, outputs: n)
        #expect(StatevectorConfiguration.default.batchWidth(for: circuit) != nil)
        let reference = try BatchEvaluator(circuit: circuit, backend: StatevectorBackend.self, configuration: .default, threads: 1)
            .vectorJacobianProducts(inputs: rows, weights: w, upstream: upstream)
        for threads in [1, 2, 8] {
            let evaluator = BatchEvaluator(circuit: circuit, backend: StatevectorBackend.self, configuration: .default,
                                           threads: threads)
            #expect(try evaluator.expectationsZ(inputs: rows, weights: w) == reference.expectations)
            let again = try evaluator.vectorJacobianProducts(inputs: rows, weights: w, upstream: upstream)
            #expect(again.inputGradients == reference.inputGradients && again.weightGradient == reference.weightGradient)
            let (outputs, evolved) = try evaluator.forward(inputs: rows, weights: w)
            #expect(outputs == reference.expectations)
            let kept = try evaluator.vectorJacobianProducts(from: evolved, upstream: upstream)
            #expect(kept.inputGradients == reference.inputGradients && kept.weightGradient == reference.weightGradient)
        }
    }

    @Test("a sample's results do not depend on the batch it runs in: groups of 1, 5 and 11 agree bit for bit")
    func lanesAreIndependent() throws {
        var random = ParametrisedCircuits(seed: 12)
        let n = 6, samples = 11
        let circuit = try realCircuit(qubits: n, gates: 30, inputs: 3, weights: 4, random: &random)
        let plan = try AdjointPlan(circuit)
        let parameters = (0..<samples).map { _ in random.values(inputs: 3, weights: 4) }
        let upstream = (0..<samples).map { _ in (0..<n).map { _ in random.uniform(-1...1) } }
        for configuration in [StatevectorConfiguration.default, StatevectorConfiguration(vectorExtensions: false)] {
            var results: [[(expectations: [Double], gradient: ParameterGradient)]] = []
            for groupSize in [1, 5, 11] {
                var all: [(expectations: [Double], gradient: ParameterGradient)] = []
                for start in stride(from: 0, to: samples, by: groupSize) {
                    let range = start..<min(samples, start + groupSize)
                    let batch = try StatevectorBatch(qubitCount: n, samples: range.count, configuration: configuration)
                    try batch.run(circuit, parameters: Array(parameters[range]))
                    let z = batch.expectationsZ()
                    let g = try AdjointDifferentiation.vectorJacobianProducts(
                        plan: plan, parameters: Array(parameters[range]), upstream: Array(upstream[range]), evolved: batch)
                    all += zip(z, g).map { ($0, $1) }
                }
                results.append(all)
            }
            for other in results.dropFirst() {
                #expect(other.map(\.expectations) == results[0].map(\.expectations))
                #expect(other.map(\.gradient) == results[0].map(\.gradient))
            }
        }
    }

    @Test("the AVX2 and portable ⟨Z⟩ and weighted-Z loops give the same bits (no FMA in either)")
    func observableLoopsAgreeBitForBit() throws {
        guard AVX2Loops.isAvailable else { return }
        var random = ParametrisedCircuits(seed: 21)
        let n = 7, samples = 9
        let circuit = try realCircuit(qubits: n, gates: 25, inputs: 2, weights: 2, random: &random)
        let batch = try StatevectorBatch(qubitCount: n, samples: samples)
        try batch.run(circuit, parameters: (0..<samples).map { _ in random.values(inputs: 2, weights: 2) })
        let (avx2, portable) = (KernelSet.entry(.avx2), KernelSet.entry(.portable))
        let size = n * batch.width
        var a = [Double](repeating: 0, count: size), b = a
        let g = (0..<size).map { _ in random.uniform(-1...1) }
        var copy = [Double](UnsafeBufferPointer(start: batch.rows, count: batch.rowCount * batch.width))
        avx2.batchExpectationsZ(batch.rows, width: batch.width, count: batch.rowCount, masks: batch.frame.rows, totals: &a)
        portable.batchExpectationsZ(batch.rows, width: batch.width, count: batch.rowCount, masks: batch.frame.rows, totals: &b)
        #expect(a == b && a.contains { $0 != 0 })
        var gCopy = g
        avx2.batchWeightedZ(batch.rows, width: batch.width, count: batch.rowCount, masks: batch.frame.rows, coefficients: &gCopy)
        portable.batchWeightedZ(&copy, width: batch.width, count: batch.rowCount, masks: batch.frame.rows, coefficients: &gCopy)
        #expect(Array(UnsafeBufferPointer(start: batch.rows, count: copy.count)) == copy)
    }

    @Test("a batch's matrix elements of Pauli sums equal the statevector's after CNOTs moved its frame")
    func pauliElementsInAMovedFrame() throws {
        var random = ParametrisedCircuits(seed: 5)
        let n = 5, samples = 6
        let circuit = try realCircuit(qubits: n, gates: 30, inputs: 2, weights: 3, random: &random)
        let parameters = (0..<samples).map { _ in random.values(inputs: 2, weights: 3) }
        let psi = try StatevectorBatch(qubitCount: n, samples: samples)
        try psi.run(circuit, parameters: parameters)
        #expect(psi.frame != IndexFrame(qubitCount: n))
        let lambda = psi.copy()
        let g = (0..<samples).map { _ in (0..<n).map { _ in random.uniform(-1...1) } }
        try lambda.applyWeightedZ(g)
        let observables = try ["0.7 Z0 - 0.4 X1 Z0 + 0.3 Y1", "Y3", "X0 Y2 Z4", "1.5 Y4 Y0"].map { try PauliSum($0) }
        let elements = try psi.adjointStep(matrixElementsOf: observables, lambda: lambda, thenRun: nil, parameters: parameters)
        for b in 0..<samples {
            let state = try StatevectorBackend(qubitCount: n)
            try state.run(circuit, parameters: parameters[b])
            let bra = state.copy()
            try bra.applyPauliSum(PauliSum.allZ(qubitCount: n, coefficients: g[b]))
            for (k, observable) in observables.enumerated() {
                let expected = try state.matrixElement(of: observable, bra: bra)
                #expect((elements[k][b] - expected).length < 1e-12)
            }
        }
    }

    @Test("batches refuse what they cannot run, and the statevector offers none for complex gates")
    func refusals() throws {
        var c = try Circuit(qubitCount: 3)
        try c.append(.rx(.input(0)), on: 0)
        #expect(StatevectorConfiguration.default.batchWidth(for: c) == nil)
        #expect(try StatevectorConfiguration.default.makeBatch(for: c, samples: 2) == nil)
        let batch = try StatevectorBatch(qubitCount: 3, samples: 2)
        #expect(throws: SimulationError.self) { try batch.run(c, parameters: [.none, .none]) }
        let dressed = try Circuit.dressed(qubitCount: 3, layers: 1)
        #expect(throws: SimulationError.self) { try batch.run(dressed, parameters: [.none]) }
        #expect(throws: CircuitError.self) {
            try batch.run(dressed, parameters: [ParameterValues(inputs: [0, .nan, 0], weights: [0, 0, 0]),
                                                ParameterValues(inputs: [0, 0, 0], weights: [0, 0, 0])])
        }
        #expect(throws: CircuitError.self) { try batch.run(try Circuit.dressed(qubitCount: 4, layers: 1), parameters: [.none, .none]) }
        #expect(throws: SimulationError.self) { try StatevectorBatch(qubitCount: 13, samples: 2) }
        #expect(throws: SimulationError.self) { try StatevectorBatch(qubitCount: 3, samples: 0) }
        #expect(throws: SimulationError.self) { try batch.applyWeightedZ([[1, 2, 3]]) }
        #expect(throws: SimulationError.self) { try batch.applyWeightedZ([[1, 2, 3], [0, .nan, 0]]) }
        #expect(throws: SimulationError.self) {
            try StatevectorConfiguration.default.makeBatch(for: dressed, samples: 1000)
        }
    }
}

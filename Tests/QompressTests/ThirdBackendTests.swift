import Foundation
import Qompress
import QompressTestSupport
import Testing

/// The proof that a backend is one type plus one registry entry: the dense reference of
/// QompressTestSupport, registered in one line, runs the package's generic code unchanged.
@Suite("A third backend, registered in one line")
struct ThirdBackendTests {
    let registry = BackendRegistry.standard.adding(.denseReference)
    let dense = BackendSpec(name: DenseReferenceBackend.name)

    /// Runs `body` on the configuration the registry makes for `spec`, opened to its type.
    func with<R>(_ spec: BackendSpec, _ body: (any BackendConfiguration) throws -> R) throws -> R {
        try body(try registry.configuration(for: spec))
    }

    @Test("every registered backend passes the generic conformance suite")
    func everyBackendConforms() throws {
        for spec in [BackendSpec.statevector, .mps(maxBondDimension: nil, cutoff: 0), dense] {
            try with(spec) { try BackendConformance.check($0) }
        }
    }

    @Test("adjoint and parameter-shift gradients run on the dense reference and equal the statevector's")
    func gradientsRunUnchanged() throws {
        var circuit = try Circuit.dressed(qubitCount: 3, layers: 2)
        try circuit.append(.rzz(.weight(0, scale: 0.5)), on: 0, 2)
        try circuit.append(.u3(theta: .weight(1), phi: .input(0), lambda: .constant(0.3)), on: 1)
        let parameters = ParameterValues(inputs: [0.3, -0.7, 1.1], weights: [0.2, -0.4, 0.9, 0.1, -1.3, 0.5])
        let observable = try PauliSum("Z0 Z1 + 0.5 X2")
        let reference = try DenseReferenceBackend(qubitCount: 3)
        let adjoint = try AdjointDifferentiation.gradient(of: observable, circuit: circuit, parameters: parameters, state: reference)
        let shift = try ParameterShift.gradient(of: observable, circuit: circuit, parameters: parameters,
                                               initial: try DenseReferenceBackend(qubitCount: 3))
        let statevector = try AdjointDifferentiation.gradient(of: observable, circuit: circuit, parameters: parameters,
                                                              state: try StatevectorBackend(qubitCount: 3))
        // Central differences on the dense reference (its own runs, no gradient code).
        func value(_ p: ParameterValues) throws -> Double {
            let state = try DenseReferenceBackend(qubitCount: 3)
            try state.run(circuit, parameters: p)
            return try state.expectation(of: observable)
        }
        let h = 1e-5
        for j in parameters.weights.indices {
            var plus = parameters, minus = parameters
            plus.weights[j] += h
            minus.weights[j] -= h
            let numeric = (try value(plus) - value(minus)) / (2 * h)
            #expect(abs(numeric - adjoint.gradient.weights[j]) < 1e-8, "weight \(j)")
            #expect(abs(numeric - shift.gradient.weights[j]) < 1e-8, "weight \(j) (shift)")
        }
        for j in parameters.inputs.indices {
            var plus = parameters, minus = parameters
            plus.inputs[j] += h
            minus.inputs[j] -= h
            let numeric = (try value(plus) - value(minus)) / (2 * h)
            #expect(abs(numeric - adjoint.gradient.inputs[j]) < 1e-8, "input \(j)")
            #expect(abs(numeric - shift.gradient.inputs[j]) < 1e-8, "input \(j) (shift)")
        }
        #expect(abs(adjoint.value - statevector.value) < 1e-12)
        #expect(adjoint.gradient.maxDifference(to: shift.gradient) < 1e-10)
        #expect(adjoint.gradient.maxDifference(to: statevector.gradient) < 1e-12)
        #expect((adjoint.gradient.weights.map { abs($0) }.max() ?? 0) > 1e-3)
    }

    @Test("a CLIP-ACQUA training step on the dense reference equals the statevector's")
    func acquaStepRunsUnchanged() throws {
        var synthetic = SyntheticCLIPPairs()
        synthetic.dimension = 16
        let data = try synthetic.generate(count: 8, seed: 3)
        var results: [(losses: [Double], weights: [Double])] = []
        for spec in [dense, .statevector] {
            let architecture = ACQUAArchitecture(embeddingDimension: 16, qubits: 3, depth: 2, latentDimension: 2,
                                                 bottleneck: .quantum(spec))
            var g = SeededGenerator(seed: 5)
            let model = try ACQUAModel(architecture: architecture, generator: &g,
                                       builder: ModelFactory.acquaBuilder(registry: registry, threads: 1))
            var trainer = ACQUATrainer(loss: ACQUALoss.named(.distill))
            trainer.epochs = 2
            trainer.batchSize = 4
            var order = SeededGenerator(seed: 6)
            let history = try trainer.fit(model, optimizer: try Adam(learningRate: 0.01), training: data, generator: &order)
            // The checkpoint records the backend by name, so the model can be rebuilt.
            let checkpoint = try model.checkpoint(optimizer: nil, seed: 5)
            #expect(checkpoint.metadata.values.contains { $0.contains(spec.name) })
            results.append((history.trainLoss, model.parameters.flatMap(\.values)))
        }
        #expect(zip(results[0].losses, results[1].losses).allSatisfy { abs($0 - $1) < 1e-10 })
        #expect(zip(results[0].weights, results[1].weights).map { abs($0 - $1) }.max()! < 1e-10)
    }

    @Test("the projection head's reference path runs on the dense reference and equals its fast path")
    func headOutputsRunUnchanged() throws {
        var g = SeededGenerator(seed: 2)
        let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 12), generator: &g)
        let x = try Matrix(rows: 2, columns: 12, elements: (0..<24).map { sin(Double($0)) })
        let fast = try head.encode(x)
        for r in 0..<2 {
            let outputs = try head.outputs(of: x.row(r), on: try DenseReferenceBackend(qubitCount: 2))
            #expect(zip(outputs, fast.row(r)).allSatisfy { abs($0 - $1) < 1e-12 })
        }
    }
}

import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressMPS
import QompressStatevector
import QompressTraining
import Testing

func hybridModel<B: Backend>(_ backend: B.Type, configuration: B.Configuration, spec: BackendSpec, seed: UInt64) throws -> Sequential
    where B.Configuration: Sendable {
    var g = SeededGenerator(seed: seed)
    return try Sequential([
        Dense(inputSize: 6, outputSize: 3, generator: &g, name: "in"),
        QuantumLayer<B>(dressedQubits: 3, depth: 2, configuration: configuration, weightScale: 0.5,
                        generator: &g, name: "q"),
        Dense(inputSize: 3, outputSize: 6, generator: &g, name: "out"),
    ])
}

@Suite("Training stack")
struct TrainingTests {
    @Test("a hybrid Dense → quantum → Dense model: backward matches finite differences on both backends, which agree")
    func hybridModelEndToEnd() throws {
        let input = try randomMatrix(3, 6, seed: 20)
        let sv = try hybridModel(StatevectorBackend.self, configuration: .default, spec: .statevector, seed: 1)
        try checkLayerGradients(sv, input: input, seed: 21)
        let mps = try hybridModel(MPSBackend.self, configuration: .exact, spec: .mps(maxBondDimension: nil, cutoff: 0), seed: 1)
        try checkLayerGradients(mps, input: input, seed: 21)
        let a = try sv.forward(input), b = try mps.forward(input)
        #expect(zip(a.elements, b.elements).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    @Test("a small regression problem trains to a low loss, and the same seed gives the same weights")
    func regressionTrainsReproducibly() throws {
        // Targets: a fixed smooth function of 4 inputs.
        var g = SeededGenerator(seed: 30)
        let x = try Matrix(rows: 64, columns: 4, elements: (0..<256).map { _ in 2 * g.nextUnit() - 1 })
        var yElements: [Double] = []
        for r in 0..<64 { yElements += [sin(x[r, 0] + x[r, 1]), x[r, 2] * x[r, 3]] }
        let y = try Matrix(rows: 64, columns: 2, elements: yElements)
        func train() throws -> (Sequential, SupervisedTrainer.History) {
            var g = SeededGenerator(seed: 31)
            let model = try Sequential([
                Dense(inputSize: 4, outputSize: 4, generator: &g, name: "in"),
                QuantumLayer<StatevectorBackend>(dressedQubits: 4, depth: 2, configuration: .default,
                                                 generator: &g, name: "q"),
                Dense(inputSize: 4, outputSize: 2, generator: &g, name: "out"),
            ])
            var trainer = SupervisedTrainer()
            trainer.epochs = 60
            trainer.batchSize = 16
            trainer.schedule = .constant(0.02)
            let history = try trainer.fit(model, optimizer: try Adam(learningRate: 0.02), inputs: x, targets: y,
                                          generator: &g)
            return (model, history)
        }
        let (model, history) = try train()
        // Measured with seed 31: the mean squared error falls from 1.48 in the first epoch to
        // 0.0053 after 60 (a model that did not learn would stay near the targets' variance, ≈ 0.3).
        #expect(history.trainLoss[0] > 1)
        #expect(history.trainLoss.last! < 0.01, "final loss \(history.trainLoss.last!)")
        let (again, _) = try train()
        #expect(model.parameters.map(\.values) == again.parameters.map(\.values))
    }

    @Test("Adam and SGD take the textbook steps; the cosine schedule and clipping do what they say")
    func optimisers() throws {
        let p = ParameterTensor(name: "p", shape: [2], values: [1, -1])
        p.gradient = [0.5, -2]
        let adam = try Adam(learningRate: 0.1)
        try adam.step([p])
        // First Adam step moves each value by lr · sign(g) (bias-corrected m/√v = g/|g|).
        #expect(abs(p.values[0] - 0.9) < 1e-7 && abs(p.values[1] + 0.9) < 1e-7)
        let q = ParameterTensor(name: "q", shape: [1], values: [0])
        let sgd = try SGD(learningRate: 0.1, momentum: 0.5)
        q.gradient = [1]
        try sgd.step([q])
        try sgd.step([q])
        #expect(abs(q.values[0] - (-0.1 - 0.15)) < 1e-15)
        let schedule = LearningRateSchedule.cosine(initial: 1, minimum: 0.1, steps: 10)
        #expect(schedule.rate(at: 0) == 1 && abs(schedule.rate(at: 5) - 0.55) < 1e-12 && schedule.rate(at: 10) == 0.1)
        let r = ParameterTensor(name: "r", shape: [2], values: [0, 0])
        r.gradient = [3, 4]
        #expect(GradientClipping.clipGlobalNorm([r], maxNorm: 1) == 5)
        #expect(abs(r.gradient[0] - 0.6) < 1e-15 && abs(r.gradient[1] - 0.8) < 1e-15)
        #expect(throws: TrainingError.self) { try Adam(learningRate: -1) }
        #expect(throws: TrainingError.self) { try SGD(learningRate: 0.1, momentum: 1) }
    }

    @Test("Adam's four-wide loop gives the bits of the textbook scalar update, tails and empty tensors included")
    func adamVectorLoopMatchesTheScalarUpdate() throws {
        var g = SeededGenerator(seed: 3)
        let sizes = [0, 1, 4, 7, 13]
        let tensors = sizes.enumerated().map { k, n in
            ParameterTensor(name: "t\(k)", shape: [n], values: (0..<n).map { _ in g.nextGaussian() })
        }
        let adam = try Adam(learningRate: 0.01, weightDecay: 0.001)
        var reference = tensors.map(\.values)
        var m = sizes.map { [Double](repeating: 0, count: $0) }, v = m
        for step in 1...5 {
            for t in tensors { t.gradient = (0..<t.values.count).map { _ in g.nextGaussian() } }
            let c1 = 1 - pow(0.9, Double(step)), c2 = 1 - pow(0.999, Double(step))
            for (k, t) in tensors.enumerated() {
                for i in 0..<t.values.count {
                    let grad = t.gradient[i] + 0.001 * reference[k][i]
                    m[k][i] = 0.9 * m[k][i] + (1 - 0.9) * grad
                    v[k][i] = 0.999 * v[k][i] + (1 - 0.999) * grad * grad
                    reference[k][i] -= 0.01 * (m[k][i] / c1) / ((v[k][i] / c2).squareRoot() + 1e-8)
                }
            }
            try adam.step(tensors)
            #expect(tensors.map(\.values) == reference)
        }
    }

    @Test("Adam and SGD refuse a non-finite gradient and leave every tensor and Adam's moments as they were")
    func adamRefusesNonFiniteGradientsAtomically() throws {
        let a = ParameterTensor(name: "a", shape: [2], values: [1, 2])
        let b = ParameterTensor(name: "b", shape: [1], values: [3])
        let adam = try Adam(learningRate: 0.1)
        a.gradient = [0.5, -0.5]
        b.gradient = [1]
        try adam.step([a, b])
        let (afterA, afterB, state) = (a.values, b.values, adam.state)
        a.gradient = [0.25, 0.25]
        b.gradient = [.nan]
        #expect(throws: TrainingError.self) { try adam.step([a, b]) }
        #expect(a.values == afterA && b.values == afterB)
        #expect(adam.state.step == state.step && adam.state.buffers == state.buffers)
        let sgd = try SGD(learningRate: 0.1, momentum: 0.5)
        #expect(throws: TrainingError.self) { try sgd.step([a, b]) }
        #expect(a.values == afterA && b.values == afterB)
        // A second step with finite gradients matches the textbook update of step 2.
        b.gradient = [1]
        try adam.step([a, b])
        let m = 0.9 * 0.1 + 0.1 * 1.0, v = 0.999 * 0.001 + 0.001 * 1.0
        let expected = afterB[0] - 0.1 * (m / (1 - 0.81)) / ((v / (1 - 0.999 * 0.999)).squareRoot() + 1e-8)
        #expect(abs(b.values[0] - expected) < 1e-12)
    }

    @Test("early stopping waits `patience` epochs without improvement")
    func earlyStopping() {
        var rule = EarlyStopping(patience: 2)
        let losses = [1.0, 0.8, 0.9, 0.85, 0.81]
        let stops = losses.enumerated().map { rule.shouldStop(afterEpoch: $0.offset, loss: $0.element) }
        #expect(stops == [false, false, false, false, true])
        #expect(rule.bestEpoch == 1 && rule.bestLoss == 0.8)
        #expect(!rule.shouldStop(afterEpoch: 5, loss: 0.7) && rule.bestEpoch == 5)
    }

    @Test("seeded mini-batches and splits cover every index once")
    func batching() throws {
        var g = SeededGenerator(seed: 2)
        let batches = try Batching.miniBatches(count: 10, batchSize: 3, shuffle: true, generator: &g)
        #expect(batches.map(\.count) == [3, 3, 3, 1])
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<10))
        let split = try Batching.split(count: 10, validationFraction: 0.3, generator: &g)
        #expect(split.validation.count == 3 && (split.train + split.validation).sorted() == Array(0..<10))
        #expect(throws: TrainingError.self) { try Batching.miniBatches(count: 3, batchSize: 0, shuffle: false, generator: &g) }
    }
}

@Suite("Checkpoints")
struct CheckpointTests {
    func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("qompress-test-\(getpid())-\(name)")
    }

    @Test("a round trip gives bit-identical predictions and optimiser state")
    func roundTrip() throws {
        let model = try hybridModel(StatevectorBackend.self, configuration: .default, spec: .statevector, seed: 40)
        let adam = try Adam(learningRate: 0.01)
        let input = try randomMatrix(5, 6, seed: 41)
        _ = try model.forward(input)
        _ = try model.backward(try randomMatrix(5, 6, seed: 42))
        try adam.step(model.parameters)
        let url = temporaryURL("roundtrip.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(models: ["model": model], optimizer: adam, seed: 40, metadata: ["epoch": "1"]).write(to: url)

        let restored = try hybridModel(StatevectorBackend.self, configuration: .default, spec: .statevector, seed: 999)
        let checkpoint = try Checkpoint.read(from: url)
        try checkpoint.load(into: restored, named: "model")
        #expect(try restored.forward(input) == model.forward(input))
        let adam2 = try Adam(learningRate: 0.01)
        try adam2.restore(try #require(checkpoint.optimizer), parameters: restored.parameters)
        #expect(adam2.state == adam.state)
        #expect(checkpoint.seed == 40 && checkpoint.metadata["epoch"] == "1")
    }

    @Test("truncated, corrupt and mismatched checkpoints are refused with clear errors")
    func corruptCheckpoints() throws {
        let model = try hybridModel(StatevectorBackend.self, configuration: .default, spec: .statevector, seed: 50)
        let url = temporaryURL("corrupt.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(models: ["model": model], seed: 50).write(to: url)
        let good = try Data(contentsOf: url)

        try good.prefix(good.count / 2).write(to: url)
        #expect(throws: CheckpointError.self) { try Checkpoint.read(from: url) }

        // Flip one base64 character inside the first tensor's data: the checksum catches it.
        var text = String(decoding: good, as: UTF8.self)
        let range = try #require(text.range(of: "\"data\":\""))
        let index = text.index(range.upperBound, offsetBy: 5)
        text.replaceSubrange(index...index, with: text[index] == "A" ? "B" : "A")
        try Data(text.utf8).write(to: url)
        #expect(throws: CheckpointError.self) { try Checkpoint.read(from: url) }

        try Data("{\"format\":\"qompress-checkpoint\",\"version\":99}".utf8).write(to: url)
        #expect(throws: CheckpointError.self) { try Checkpoint.read(from: url) }

        try good.write(to: url)
        var g = SeededGenerator(seed: 1)
        let other = try Sequential([Dense(inputSize: 6, outputSize: 6, generator: &g, name: "x")])
        #expect(throws: CheckpointError.self) { try Checkpoint.read(from: url).load(into: other, named: "model") }
        #expect(throws: CheckpointError.self) { try Checkpoint.read(from: temporaryURL("missing.json")) }
    }

    @Test("a failed write leaves the previous checkpoint intact")
    func atomicWrite() throws {
        let model = try hybridModel(StatevectorBackend.self, configuration: .default, spec: .statevector, seed: 60)
        let url = temporaryURL("atomic.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(models: ["model": model], seed: 60).write(to: url)
        let before = try Data(contentsOf: url)
        // Writing into a directory that does not exist fails before anything is renamed.
        let bad = temporaryURL("no-such-dir").appendingPathComponent("x.json")
        #expect(throws: CheckpointError.self) { try Checkpoint(models: ["model": model], seed: 1).write(to: bad) }
        #expect(try Data(contentsOf: url) == before)
        // No temporary files are left beside the target.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".\(url.lastPathComponent).tmp") })
    }
}

import Foundation
import Qompress
import QompressACQUA
import Testing

/// A tiny ACQUA model on `backend` with fixed weights.
func tinyModel(_ backend: ACQUAArchitecture.Bottleneck, dimension: Int = 12, qubits: Int = 4, seed: UInt64 = 5) throws -> ACQUAModel {
    var g = SeededGenerator(seed: seed)
    let architecture = ACQUAArchitecture(embeddingDimension: dimension, qubits: qubits, depth: 2, latentDimension: 3,
                                         bottleneck: backend)
    return try ACQUAModel(architecture: architecture, generator: &g, builder: ModelFactory.acquaBuilder(threads: 1))
}

func tinyData(count: Int = 24, dimension: Int = 12, seed: UInt64 = 3) throws -> PairedEmbeddings {
    var generator = SyntheticCLIPPairs()
    generator.dimension = dimension
    generator.conceptDimension = 4
    return try generator.generate(count: count, seed: seed)
}

/// Checks the accumulated gradients of `tensors` at `indices` against central differences of
/// `loss` on the pairs (the model's gradients must hold one backward pass of that loss).
func expectLossGradients(_ loss: ACQUALoss, _ model: ACQUAModel, images: Matrix, texts: Matrix,
                         tensors: [ParameterTensor], indices: (ParameterTensor) -> [Int], tolerance: Double) throws {
    let targets = loss.targets(images: images, texts: texts)
    let h = 1e-6
    for tensor in tensors {
        for i in indices(tensor) {
            let analytic = tensor.gradient[i]
            let saved = tensor.values[i]
            tensor.values[i] = saved + h
            let up = try loss.step(model, images: images, texts: texts, targets: targets, backPropagate: false).value
            tensor.values[i] = saved - h
            let down = try loss.step(model, images: images, texts: texts, targets: targets, backPropagate: false).value
            tensor.values[i] = saved
            #expect(abs((up - down) / (2 * h) - analytic) < tolerance, "\(tensor.name)[\(i)]")
        }
    }
}

@Suite("CLIP-ACQUA model")
struct ACQUAModelTests {
    @Test("a tiny model lowers its loss within a few steps from a fixed seed")
    func tinyModelLearns() throws {
        let data = try tinyData()
        let model = try tinyModel(.quantum(.statevector))
        var trainer = ACQUATrainer(loss: try ACQUALoss())
        trainer.epochs = 8
        trainer.batchSize = 8
        trainer.schedule = .constant(0.03)
        var g = SeededGenerator(seed: 9)
        let history = try trainer.fit(model, optimizer: try Adam(learningRate: 0.03), training: data, generator: &g)
        // The loss after 24 Adam steps must be clearly below the first epoch's.
        #expect(history.trainLoss.last! < 0.7 * history.trainLoss.first!)
    }

    @Test("statevector and exact MPS give the same loss and gradients within 1e-8")
    func backendsAgree() throws {
        let data = try tinyData(count: 6)
        let (images, texts) = data.alignedPairs
        let loss = try ACQUALoss(imageWeight: 0.2, textWeight: 0.3, distanceWeight: 0.5)
        let targets = loss.targets(images: images, texts: texts)
        var results: [(Double, [Double])] = []
        for backend in [BackendSpec.statevector, .mps(maxBondDimension: nil, cutoff: 0)] {
            let model = try tinyModel(.quantum(backend), qubits: 5)
            model.zeroGradients()
            let r = try loss.step(model, images: images, texts: texts, targets: targets, backPropagate: true)
            results.append((r.value, model.parameters.flatMap(\.gradient)))
        }
        #expect(abs(results[0].0 - results[1].0) < 1e-8)
        #expect(results[0].1.count == results[1].1.count)
        let worst = zip(results[0].1, results[1].1).map { abs($0 - $1) }.max()!
        #expect(worst < 1e-8)
        // The gradients are not trivially zero.
        #expect(results[0].1.map(abs).max()! > 1e-4)
    }

    @Test("the joint loss gradient matches central finite differences")
    func lossGradientMatchesFiniteDifferences() throws {
        let data = try tinyData(count: 5)
        let (images, texts) = data.alignedPairs
        let loss = try ACQUALoss(distance: .cosine)
        let targets = loss.targets(images: images, texts: texts)
        let model = try tinyModel(.classical)
        model.zeroGradients()
        _ = try loss.step(model, images: images, texts: texts, targets: targets, backPropagate: true)
        try expectLossGradients(loss, model, images: images, texts: texts,
                                tensors: [model.image.parameters[0], model.text.parameters[2]],
                                indices: { [0, $0.values.count / 2] }, tolerance: 1e-5)
    }

    @Test("embedding is deterministic, has shape rows × k, and survives a checkpoint round trip")
    func embedDeterministicThroughCheckpoint() throws {
        let data = try tinyData(count: 7)
        let model = try tinyModel(.quantum(.statevector))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("acqua-embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("texts.npy")
        try NPYArray(shape: [7, 12], values: data.texts.elements).write(to: input, dtype: "<f8")
        let checkpointURL = directory.appendingPathComponent("model.json")
        try model.checkpoint(optimizer: nil, seed: 5).write(to: checkpointURL)
        let restored = try ACQUAModel(checkpoint: try Checkpoint.read(from: checkpointURL),
                                      builder: ModelFactory.acquaBuilder(threads: 1))
        let first = try ACQUAEmbedding.embed(fileAt: input, modality: .text, with: model)
        let second = try ACQUAEmbedding.embed(fileAt: input, modality: .text, with: restored)
        #expect(first.shape == [7, 3])
        #expect(first.values == second.values)
        // Chunking does not change the result.
        let chunked = try ACQUAEmbedding.embed(data.texts, modality: .text, with: model, chunkSize: 2)
        #expect(chunked.elements == first.values)
        // The image encoder is a different map.
        #expect(try ACQUAEmbedding.embed(fileAt: input, modality: .image, with: model).values != first.values)
    }

    @Test("embedding a file of the wrong width fails with a clear error")
    func embedRejectsWrongWidth() throws {
        let model = try tinyModel(.classical)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("acqua-wide-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try NPYArray(shape: [2, 5], values: Array(repeating: 0.1, count: 10)).write(to: url)
        #expect(throws: NPYError.self) { try ACQUAEmbedding.embed(fileAt: url, modality: .image, with: model) }
    }

    @Test("a checkpoint without an ACQUA architecture is refused")
    func foreignCheckpointRefused() throws {
        var g = SeededGenerator(seed: 1)
        let dense = try Sequential([Dense(inputSize: 2, outputSize: 2, generator: &g)])
        let checkpoint = try Checkpoint(models: ["image": dense], seed: 1)
        #expect(throws: ACQUAError.self) { try ACQUAModel(checkpoint: checkpoint, builder: ModelFactory.acquaBuilder()) }
    }
}

import Foundation
import Qompress
import QompressACQUA
import Testing

@Suite("CLIP-ACQUA objectives")
struct ACQUAObjectiveTests {
    @Test("the distill objective's gradient through both autoencoders matches central finite differences")
    func distillGradientMatchesFiniteDifferences() throws {
        let data = try tinyData(count: 6)
        let (images, texts) = data.alignedPairs
        let loss = ACQUALoss.named(.distill)
        #expect(loss.isRelational)
        let targets = loss.targets(images: images, texts: texts)
        for bottleneck in [ACQUAArchitecture.Bottleneck.classical, .quantum(.statevector)] {
            let model = try tinyModel(bottleneck)
            model.zeroGradients()
            let result = try loss.step(model, images: images, texts: texts, targets: targets, backPropagate: true)
            #expect(Set(result.terms.keys) == Set(ACQUALoss.Term.allCases))
            try expectLossGradients(loss, model, images: images, texts: texts,
                                    tensors: [model.image.parameters[0], model.text.parameters[1], model.image.parameters.last!],
                                    indices: { [0, $0.values.count / 2, $0.values.count - 1] }, tolerance: 2e-6)
        }
    }

    @Test("the paper objective is the three-term loss, and old checkpoints' loss JSON still decodes")
    func paperObjectiveAndLegacyJSON() throws {
        let paper = ACQUALoss.named(.paper)
        #expect(paper == (try ACQUALoss()))
        #expect(!paper.isRelational)
        let third = 1.0 / 3
        let expected: [ACQUALoss.Term: Double] = [.imageReconstruction: third, .textReconstruction: third, .pairDistance: third]
        #expect(paper.weights == expected)
        let legacy = #"{"distance":"cosine","distanceWeight":0.5,"imageWeight":0.2,"textWeight":0.3}"#
        let decoded = try JSONDecoder().decode(ACQUALoss.self, from: Data(legacy.utf8))
        #expect(decoded == (try ACQUALoss(imageWeight: 0.2, textWeight: 0.3, distanceWeight: 0.5, distance: .cosine)))
        let distill = ACQUALoss.named(.distill)
        let roundTrip = try JSONDecoder().decode(ACQUALoss.self, from: try JSONEncoder().encode(distill))
        #expect(roundTrip == distill)
        #expect(throws: (any Error).self) {
            try JSONDecoder().decode(ACQUALoss.self, from: Data(#"{"distance":"euclidean","weights":{"bogus":1}}"#.utf8))
        }
        #expect(throws: ACQUAError.self) { try ACQUALoss(weights: [.distillation: -1]) }
        #expect(throws: ACQUAError.self) { try ACQUALoss(weights: [.distillation: 1], temperature: .nan) }
    }

    @Test("with the same seed, the paper objective's result equals the three-term formula evaluated by hand")
    func paperObjectiveValueIsTheFormula() throws {
        let data = try tinyData(count: 5)
        let (images, texts) = data.alignedPairs
        let loss = ACQUALoss.named(.paper)
        let model = try tinyModel(.classical)
        let r = try loss.step(model, images: images, texts: texts, targets: loss.targets(images: images, texts: texts),
                              backPropagate: false)
        let i = try model.image.forward(images), t = try model.text.forward(texts)
        let l1i = try Loss.l1(prediction: i.reconstruction, target: images).value
        let l1t = try Loss.l1(prediction: t.reconstruction, target: texts).value
        let targets = loss.targets(images: images, texts: texts)
        var dd = 0.0
        for row in 0..<images.rows {
            var s = 0.0
            for c in 0..<i.latent.columns { let d = i.latent[row, c] - t.latent[row, c]; s += d * d }
            dd += abs(targets[row] - s.squareRoot())
        }
        dd /= Double(images.rows)
        #expect(abs(r.value - (l1i + l1t + dd) / 3) < 1e-12)
        #expect(abs(r.distanceError - dd) < 1e-12)
    }

    @Test("on bundled Flickr8k pairs, the distill objective retrieves far above chance where the paper's loss does not")
    func distillBeatsPaperOnRealPairs() throws {
        let folder = try BundledData.clip().appendingPathComponent("flickr8k-vitb32")
        let data = try PairedEmbeddings(directory: folder)
        let (train, held) = try data.split(validationFraction: 0.2, seed: 1)
        var recall: [ACQUAObjectiveName: Double] = [:]
        for name in ACQUAObjectiveName.allCases {
            var trainer = ACQUATrainer(loss: .named(name))
            trainer.epochs = 15
            trainer.schedule = .cosine(initial: 0.01, minimum: 0.001, steps: 15 * ((train.pairCount + 31) / 32))
            var g = SeededGenerator(seed: 1)
            let architecture = ACQUAArchitecture(embeddingDimension: 512, qubits: 8, depth: 2, latentDimension: 8,
                                                 bottleneck: .classical)
            let model = try ACQUAModel(architecture: architecture, generator: &g, builder: ModelFactory.acquaBuilder(threads: 1))
            _ = try trainer.fit(model, optimizer: try Adam(learningRate: 0.01), training: train, generator: &g)
            recall[name] = try ACQUAEvaluation(of: model, on: held, distance: .euclidean).latentRetrieval.textToImage[5]!
        }
        // 20 held-out images: chance R@5 is 0.25.
        #expect(recall[.distill]! > 0.6, "distill R@5 \(recall[.distill]!)")
        #expect(recall[.distill]! > recall[.paper]! + 0.2, "R@5 distill \(recall[.distill]!) vs paper \(recall[.paper]!)")
    }

    @Test("compare rows carry the snake_case fields the checks read")
    func compareRecordKeys() throws {
        let data = try tinyData(count: 30)
        let (train, held) = try data.split(validationFraction: 0.3, seed: 1)
        var trainer = ACQUATrainer(loss: .named(.distill))
        trainer.epochs = 1
        let comparison = BaselineComparison(training: train, validation: held, trainer: trainer, learningRate: 0.01, seed: 1,
                                            builder: ModelFactory.acquaBuilder(threads: 1))
        let row = try comparison.fitAndMeasurePCA(latentDimension: 3)
        let record = ACQUACompareRecord(method: "pca", objective: "-", seed: 1, row: row)
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(record)) as! [String: Any]
        for key in ["method", "k", "seed", "params", "t2i_r1", "t2i_r5", "i2t_r1", "rho_match", "rho_pooled", "img_cos", "txt_cos"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(record.params == 12 * 3 + 12)
        #expect(record.rhoPooled.isFinite)
        #expect(ACQUACompareRecord.summaryTable([record, record]).contains("| pca | 3 |"))
    }
}

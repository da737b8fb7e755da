import ArgumentParser
import Foundation
import Qompress

/// Contrastive-training hyper-parameters.
struct HeadTrainingOptions: ParsableArguments {
    @Option(help: "Training epochs.")
    var epochs: Int = 20
    @Option(help: "Queries per Adam step.")
    var batchSize: Int = 16
    @Option(help: "Hard negatives per query.")
    var negatives: Int = 7
    @Option(help: "Logit scale s (scores are s · similarity).")
    var scale: Double = 20
    @Option(help: "Adam learning rate of the quantum-inspired head.")
    var qiLearningRate: Double = 0.01
    @Option(help: "Adam learning rate of the classical head.")
    var classicalLearningRate: Double = 0.001
    @Option(help: "Seed of shuffling and positive sampling.")
    var trainSeed: UInt64 = 1234
    @Option(help: "Seed of the initial weights.")
    var modelSeed: UInt64 = 7

    func contrastive(quantum: Bool) -> ContrastiveConfiguration {
        var c = ContrastiveConfiguration()
        c.epochs = epochs
        c.batchSize = batchSize
        c.negatives = negatives
        c.scale = scale
        c.learningRate = quantum ? qiLearningRate : classicalLearningRate
        c.seed = trainSeed
        return c
    }

    func experiment(data: HeadDataOptions, dimensions: [Int], fractions: [Double]) -> RetrievalExperimentConfiguration {
        var e = RetrievalExperimentConfiguration()
        e.dimensions = dimensions
        e.fractions = fractions
        e.testFraction = data.testFraction
        e.splitSeed = data.splitSeed
        e.modelSeed = modelSeed
        e.quantum = contrastive(quantum: true)
        e.classical = contrastive(quantum: false)
        e.threads = data.threads
        e.precision = data.precision
        return e
    }
}

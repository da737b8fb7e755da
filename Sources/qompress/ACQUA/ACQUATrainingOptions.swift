import ArgumentParser
import Foundation
import Qompress

/// The objective and the optimisation.
struct ACQUATrainingOptions: ParsableArguments {
    @Option(help: "Objective: distill (default: the paper's terms plus similarity distillation and distance correlations over all image–text pairs of a batch) or paper (the paper's loss alone).")
    var objective: ACQUAObjectiveName = .distill
    @Option(help: "Override the weight α_i of the image reconstruction.")
    var alphaImage: Double?
    @Option(help: "Override the weight α_t of the text reconstruction.")
    var alphaText: Double?
    @Option(help: "Override the weight α_d of the paper's distance term.")
    var alphaDistance: Double?
    @Option(help: "Override the weight of the similarity-distillation term.")
    var alphaDistill: Double?
    @Option(help: "Override the weight of 1 − Pearson over all cross pairs of a batch.")
    var alphaCrossCorrelation: Double?
    @Option(help: "Override the weight of 1 − Pearson over the matching pairs of a batch.")
    var alphaMatchCorrelation: Double?
    @Option(help: "Override τ of the distillation term.")
    var temperature: Double?
    @Option(help: "Target distance d_x: euclidean (on normalised vectors) or cosine.")
    var distance: String = "euclidean"
    @Option(help: "Epochs.")
    var epochs: Int = 60
    @Option(help: "Pairs per step.")
    var batchSize: Int = 32
    @Option(help: "Adam learning rate (start of a cosine decay).")
    var learningRate: Double = 0.01
    @Option(help: "Learning rate at the end of the cosine decay.")
    var minLearningRate: Double = 0.001
    @Option(help: "Clip the global gradient norm to this value.")
    var clipNorm: Double?
    @Option(help: "Stop after this many epochs without held-out improvement.")
    var patience: Int?
    @Option(help: "Seed of the weights and mini-batches.")
    var seed: UInt64 = 42
    /// The objective from the flags: the named one, with any weight overridden.
    func loss() throws -> ACQUALoss {
        guard let metric = PairDistance(rawValue: distance.lowercased()) else {
            throw ValidationError("--distance must be euclidean or cosine, got \(distance)")
        }
        let named = ACQUALoss.named(objective, distance: metric)
        var weights = named.weights
        let overrides: [(ACQUALoss.Term, Double?)] = [
            (.imageReconstruction, alphaImage), (.textReconstruction, alphaText), (.pairDistance, alphaDistance),
            (.distillation, alphaDistill), (.crossPairCorrelation, alphaCrossCorrelation),
            (.matchingPairCorrelation, alphaMatchCorrelation),
        ]
        for case let (term, value?) in overrides { weights[term] = value }
        return try ACQUALoss(weights: weights, distance: metric, temperature: temperature ?? named.temperature)
    }

    /// A trainer configured from the flags for `pairs` training pairs.
    func trainer(pairs: Int) throws -> ACQUATrainer {
        guard epochs >= 1, batchSize >= 1 else { throw ValidationError("--epochs and --batch-size must be ≥ 1") }
        guard learningRate > 0, minLearningRate >= 0, minLearningRate <= learningRate else {
            throw ValidationError("need 0 ≤ --min-learning-rate ≤ --learning-rate and a positive learning rate")
        }
        var trainer = ACQUATrainer(loss: try loss())
        trainer.epochs = epochs
        trainer.batchSize = batchSize
        let steps = epochs * ((pairs + batchSize - 1) / batchSize)
        trainer.schedule = .cosine(initial: learningRate, minimum: minLearningRate, steps: steps)
        trainer.clipNorm = clipNorm
        trainer.earlyStopping = patience.map { EarlyStopping(patience: $0) }
        return trainer
    }
}

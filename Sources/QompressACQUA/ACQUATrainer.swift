import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// The joint training loop of the two autoencoders: seeded mini-batches of pairs, the ACQUA
/// objective, one optimiser over both models, a learning-rate schedule, optional clipping,
/// held-out loss per epoch, progress bar, JSON Lines metrics and early stopping.
public struct ACQUATrainer {
    /// The objective.
    public var loss: ACQUALoss
    /// Pairs per optimisation step.
    public var batchSize = 32
    /// Passes over the training pairs.
    public var epochs = 40
    /// The learning rate per step.
    public var schedule: LearningRateSchedule = .constant(0.01)
    /// Clip the global gradient norm to this value, if set.
    public var clipNorm: Double?
    /// Stop when the held-out (or training) loss stalls, if set.
    public var earlyStopping: EarlyStopping?
    /// Progress output; `nil` for silence.
    public var progress: ProgressReporter?
    /// Per-epoch metrics, if set.
    public var metrics: MetricsLog?
    /// When set, every mini-batch is shared by the processes of this data-parallel group in its
    /// fixed partitions (`ACQUALoss.dataParallelStep`): every process ends each step with the
    /// same parameters, for any number of processes. `nil`: the whole batch in one pass.
    public var dataParallel: DataParallelGradients?
    /// Epochs already done when resuming from a checkpoint: `fit` draws and discards their
    /// mini-batch shuffles, continues the schedule at their step count and runs the epochs
    /// `startEpoch..<epochs`, so the data order is the uninterrupted run's.
    public var startEpoch = 0
    /// Called after every epoch (0-based) with the model, e.g. to record figure snapshots.
    public var onEpochEnd: ((_ epoch: Int, _ model: ACQUAModel) throws -> Void)?

    /// Creates a trainer for `loss`.
    public init(loss: ACQUALoss) { self.loss = loss }

    /// What one `fit` did.
    public struct History: Sendable, Codable {
        /// Mean training loss per epoch.
        public var trainLoss: [Double] = []
        /// Held-out loss per epoch (empty without held-out data).
        public var validationLoss: [Double] = []
        /// Pairs processed per second of optimisation (forward, backward and update), per epoch.
        public var pairsPerSecond: [Double] = []
    }

    /// Trains `model` on the pairs of `training`, reporting the loss on `validation` if given.
    /// - Throws: `ACQUAError.dimensionMismatch` when the data width differs from the model's,
    ///   `ACQUAError.invalidConfiguration` for bad hyper-parameters, and
    ///   `TrainingError.nonFiniteValue` when the loss diverges.
    public func fit(_ model: ACQUAModel, optimizer: Optimizer, training: PairedEmbeddings,
                    validation: PairedEmbeddings? = nil, generator: inout SeededGenerator) throws -> History {
        guard batchSize >= 1, epochs >= 0, startEpoch >= 0, startEpoch <= epochs else {
            throw ACQUAError.invalidConfiguration("batch size must be ≥ 1, epochs ≥ 0 and the start epoch in 0…epochs")
        }
        for data in [training] + (validation.map { [$0] } ?? []) where data.dimension != model.architecture.embeddingDimension {
            throw ACQUAError.dimensionMismatch(
                "\(data.name) has \(data.dimension)-d embeddings, the model takes \(model.architecture.embeddingDimension)")
        }
        let (images, texts) = training.alignedPairs
        let targets = loss.targets(images: images, texts: texts)
        let held = validation.map { v -> (Matrix, Matrix, [Double]) in
            let (i, t) = v.alignedPairs
            return (i, t, loss.targets(images: i, texts: t))
        }
        var history = History()
        var stopping = earlyStopping
        var step = 0
        for _ in 0..<startEpoch {
            step += try Batching.miniBatches(count: training.pairCount, batchSize: batchSize, shuffle: true,
                                             generator: &generator).count
        }
        for epoch in startEpoch..<epochs {
            let start = Date()
            let outcome = try TrainingEpoch(batchSize: batchSize, schedule: schedule, clipNorm: clipNorm, progress: progress)
                .run(epoch: epoch, of: epochs, count: training.pairCount, parameters: model.parameters,
                     optimizer: optimizer, step: &step, generator: &generator) { batch in
                    if let dataParallel {
                        return try loss.dataParallelStep(model, images: images.rows(batch), texts: texts.rows(batch),
                                                         targets: batch.map { targets[$0] }, parallel: dataParallel).value
                    }
                    return try loss.step(model, images: images.rows(batch), texts: texts.rows(batch),
                                         targets: batch.map { targets[$0] }, backPropagate: true).value
                }
            let seen = outcome.samples
            let seconds = Date().timeIntervalSince(start)
            let trainLoss = outcome.meanLoss
            history.trainLoss.append(trainLoss)
            history.pairsPerSecond.append(Double(seen) / max(seconds, 1e-9))
            var record: [String: Any] = ["epoch": epoch + 1, "train_loss": trainLoss, "seconds": seconds,
                                         "learning_rate": optimizer.learningRate,
                                         "pairs_per_second": Double(seen) / max(seconds, 1e-9)]
            var validationLoss: Double?
            if let (i, t, d) = held {
                let result = try loss.step(model, images: i, texts: t, targets: d, backPropagate: false)
                validationLoss = result.value
                history.validationLoss.append(result.value)
                record["validation_loss"] = result.value
                for (term, value) in result.terms { record["validation_" + term.rawValue] = value }
            }
            progress?.epoch(epoch, epochs: epochs, trainLoss: trainLoss, validationLoss: validationLoss, seconds: seconds)
            try metrics?.write(record)
            try onEpochEnd?(epoch, model)
            if stopping != nil, stopping!.shouldStop(afterEpoch: epoch, loss: validationLoss ?? trainLoss) { break }
        }
        return history
    }
}

import Foundation
import QompressCore
import QompressLinearAlgebra

/// A plain supervised training loop: seeded mini-batches, a reconstruction loss, an optimiser
/// with a learning-rate schedule, optional gradient clipping, a validation split and early
/// stopping. Models with several parts and joint losses (CLIP-ACQUA) use the same pieces in
/// their own loops.
public struct SupervisedTrainer {
    /// The loss to minimise.
    public enum Objective: String, Sendable, Codable { case l1, meanSquaredError }

    /// Loss between prediction and target.
    public var objective: Objective = .meanSquaredError
    /// Samples per optimisation step.
    public var batchSize = 32
    /// Passes over the training data.
    public var epochs = 10
    /// Learning rate per step.
    public var schedule: LearningRateSchedule = .constant(1e-3)
    /// Clip the global gradient norm to this value, if set.
    public var clipNorm: Double?
    /// Stop when validation (or training) loss stalls, if set.
    public var earlyStopping: EarlyStopping?
    /// Progress output; `nil` for silence.
    public var progress: ProgressReporter?
    /// Per-epoch metrics, if set.
    public var metrics: MetricsLog?
    /// When set, every mini-batch is shared by the processes of this data-parallel group in its
    /// fixed partitions: each partition's loss and gradients are computed separately (scaled
    /// by its share of the batch) and added in one fixed order, so every process ends each step
    /// with the same parameters for any number of processes. `nil`: the whole batch in one pass.
    public var dataParallel: DataParallelGradients?

    /// Creates a trainer with defaults.
    public init() {}

    /// The per-epoch history.
    public struct History: Sendable {
        /// Mean training loss per epoch.
        public var trainLoss: [Double] = []
        /// Validation loss per epoch (empty without validation data).
        public var validationLoss: [Double] = []
    }

    func loss(_ prediction: Matrix, _ target: Matrix) throws -> LossResult {
        switch objective {
        case .l1: return try Loss.l1(prediction: prediction, target: target)
        case .meanSquaredError: return try Loss.meanSquaredError(prediction: prediction, target: target)
        }
    }

    /// Trains `model` on `inputs` → `targets`, validating on the given pair if any.
    /// - Throws: shape errors, `TrainingError.nonFiniteValue` when the loss diverges.
    public func fit(_ model: Sequential, optimizer: Optimizer, inputs: Matrix, targets: Matrix,
                    validation: (inputs: Matrix, targets: Matrix)? = nil,
                    generator: inout SeededGenerator) throws -> History {
        guard inputs.rows == targets.rows else {
            throw TrainingError.dimensionMismatch("\(inputs.rows) inputs but \(targets.rows) targets")
        }
        var history = History()
        var stopping = earlyStopping
        var step = 0
        for epoch in 0..<epochs {
            let start = Date()
            let outcome = try TrainingEpoch(batchSize: batchSize, schedule: schedule, clipNorm: clipNorm, progress: progress)
                .run(epoch: epoch, of: epochs, count: inputs.rows, parameters: model.parameters, optimizer: optimizer,
                     step: &step, generator: &generator) { batch in
                    if let dataParallel {
                        return try dataParallel.accumulate(model.parameters, batchSize: batch.count) { _, positions in
                            let rows = Array(batch[positions])
                            var result = try loss(try model.forward(inputs.rows(rows)), targets.rows(rows))
                            // The loss is a mean over the partition; its share of the batch mean:
                            let share = Double(rows.count) / Double(batch.count)
                            for i in result.gradient.elements.indices { result.gradient.elements[i] *= share }
                            if result.value.isFinite { try model.accumulateParameterGradients(result.gradient) }
                            return result.value * share
                        }
                    }
                    let result = try loss(try model.forward(inputs.rows(batch)), targets.rows(batch))
                    if result.value.isFinite { try model.accumulateParameterGradients(result.gradient) }
                    return result.value
                }
            let trainLoss = outcome.meanLoss
            history.trainLoss.append(trainLoss)
            var validationLoss: Double?
            if let validation {
                validationLoss = try loss(try model.forward(validation.inputs), validation.targets).value
                history.validationLoss.append(validationLoss!)
            }
            let seconds = Date().timeIntervalSince(start)
            progress?.epoch(epoch, epochs: epochs, trainLoss: trainLoss, validationLoss: validationLoss, seconds: seconds)
            var record: [String: Any] = ["epoch": epoch + 1, "train_loss": trainLoss, "seconds": seconds,
                                         "learning_rate": optimizer.learningRate]
            if let validationLoss { record["validation_loss"] = validationLoss }
            try metrics?.write(record)
            if stopping != nil, stopping!.shouldStop(afterEpoch: epoch, loss: validationLoss ?? trainLoss) { break }
        }
        return history
    }
}

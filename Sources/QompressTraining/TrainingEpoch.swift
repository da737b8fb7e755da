import QompressCore

/// One pass over seeded, shuffled mini-batches: the inner loop every training loop shares
/// (zero the gradients, compute a batch's loss and gradients, check it is finite, clip,
/// schedule and step the optimiser, report progress).
public struct TrainingEpoch {
    /// The mean loss over the epoch's samples, and how many samples it saw.
    public struct Outcome: Sendable {
        /// Σ batch loss · batch size / samples.
        public var meanLoss: Double
        /// Samples processed.
        public var samples: Int
    }

    /// Samples per optimisation step.
    public var batchSize: Int
    /// The learning rate per step.
    public var schedule: LearningRateSchedule
    /// Clip the global gradient norm to this value, if set.
    public var clipNorm: Double?
    /// Progress output; `nil` for silence.
    public var progress: ProgressReporter?

    /// Creates the loop's settings.
    public init(batchSize: Int, schedule: LearningRateSchedule, clipNorm: Double? = nil, progress: ProgressReporter? = nil) {
        self.batchSize = batchSize
        self.schedule = schedule
        self.clipNorm = clipNorm
        self.progress = progress
    }

    /// Runs epoch `epoch` of `epochs` over `count` samples. `batchLoss(indices)` must compute
    /// the loss of those samples and accumulate its gradients into `parameters` (which this
    /// loop zeroes before each batch). `step` counts optimiser steps across epochs.
    /// - Throws: `TrainingError.nonFiniteValue` when a batch loss is NaN or infinite, and
    ///   whatever `batchLoss` or the optimiser throws.
    public func run(epoch: Int, of epochs: Int, count: Int, parameters: [ParameterTensor], optimizer: Optimizer,
                    step: inout Int, generator: inout SeededGenerator,
                    batchLoss: ([Int]) throws -> Double) throws -> Outcome {
        let batches = try Batching.miniBatches(count: count, batchSize: batchSize, shuffle: true, generator: &generator)
        var total = 0.0, seen = 0
        for (b, batch) in batches.enumerated() {
            parameters.forEach { $0.zeroGradient() }
            let loss = try batchLoss(batch)
            guard loss.isFinite else { throw TrainingError.nonFiniteValue("training loss at epoch \(epoch + 1)") }
            try optimizer.update(parameters, schedule: schedule, step: step, clipNorm: clipNorm)
            step += 1
            total += loss * Double(batch.count)
            seen += batch.count
            progress?.batch(epoch: epoch, epochs: epochs, batch: b + 1, batches: batches.count, runningLoss: total / Double(seen))
        }
        return Outcome(meanLoss: total / Double(max(seen, 1)), samples: seen)
    }
}

import QompressCore

/// Seeded shuffling, mini-batches and train/validation splits.
public enum Batching {
    /// Indices `0..<count` in `batchSize` chunks (the last may be smaller), shuffled with
    /// `generator` when `shuffle` is set.
    /// - Throws: `TrainingError.invalidHyperparameter` for a batch size below 1.
    public static func miniBatches(count: Int, batchSize: Int, shuffle: Bool,
                                   generator: inout SeededGenerator) throws -> [[Int]] {
        guard batchSize >= 1 else { throw TrainingError.invalidHyperparameter("batch size must be ≥ 1, got \(batchSize)") }
        var order = Array(0..<count)
        if shuffle { order.shuffle(using: &generator) }
        return stride(from: 0, to: count, by: batchSize).map { Array(order[$0..<min($0 + batchSize, count)]) }
    }

    /// A seeded split of `0..<count` into training and validation indices.
    /// - Throws: `TrainingError.invalidHyperparameter` unless the fraction is in [0, 1).
    public static func split(count: Int, validationFraction: Double,
                             generator: inout SeededGenerator) throws -> (train: [Int], validation: [Int]) {
        guard validationFraction >= 0, validationFraction < 1 else {
            throw TrainingError.invalidHyperparameter("validation fraction must lie in [0, 1), got \(validationFraction)")
        }
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        let validationCount = Int((Double(count) * validationFraction).rounded())
        return (Array(order[validationCount...]).sorted(), Array(order[..<validationCount]).sorted())
    }
}

/// Stops training when the monitored loss has not improved by `minDelta` for `patience` epochs.
public struct EarlyStopping: Sendable {
    /// Epochs without improvement tolerated.
    public let patience: Int
    /// The smallest decrease that counts as an improvement.
    public let minDelta: Double
    /// The best loss seen.
    public private(set) var bestLoss = Double.infinity
    /// The epoch of the best loss (0-based), or −1.
    public private(set) var bestEpoch = -1
    private var epochsWithoutImprovement = 0

    /// Creates the rule.
    public init(patience: Int, minDelta: Double = 0) {
        self.patience = patience
        self.minDelta = minDelta
    }

    /// Records the loss of `epoch`; returns `true` when training should stop.
    public mutating func shouldStop(afterEpoch epoch: Int, loss: Double) -> Bool {
        if loss < bestLoss - minDelta {
            bestLoss = loss
            bestEpoch = epoch
            epochsWithoutImprovement = 0
            return false
        }
        epochsWithoutImprovement += 1
        return epochsWithoutImprovement > patience
    }

    /// Whether `epoch` set the best loss so far.
    public func isBest(epoch: Int) -> Bool { bestEpoch == epoch }
}

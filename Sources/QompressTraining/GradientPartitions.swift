/// A fixed cut of every mini-batch into `count` contiguous partitions, whose gradients are
/// computed separately and added in one fixed order (`PartitionTree`).
///
/// The cut depends only on the batch size and `count`, never on how many processes share the
/// work: process r of N computes the contiguous block of partitions `owned(rank: r, of: N)`,
/// and every process adds all partitions' gradients in the same order. So a run on N processes
/// performs exactly the floating-point operations of a run on one, and gives the same bits
/// (as the fixed task partitions of `ParallelLoop` do for threads). At most `count` processes
/// have work; more processes wait for the others.
public struct GradientPartitions: Hashable, Sendable {
    /// Partitions per mini-batch.
    public let count: Int

    /// A cut into `count` partitions.
    /// - Throws: `TrainingError.invalidHyperparameter` for fewer than one partition.
    public init(count: Int) throws {
        guard count >= 1 else { throw TrainingError.invalidHyperparameter("gradient partitions must be ≥ 1, got \(count)") }
        self.count = count
    }

    /// The positions within a batch of `batchSize` of every partition: partition p holds
    /// `p·B/P ..< (p+1)·B/P` (empty when the batch is smaller than the cut).
    public func ranges(batchSize: Int) -> [Range<Int>] {
        (0..<count).map { (batchSize * $0 / count)..<(batchSize * ($0 + 1) / count) }
    }

    /// The partitions process `rank` of `size` computes: a contiguous block, the first
    /// `count % size` processes taking one more.
    public func owned(rank: Int, of size: Int) -> Range<Int> {
        (count * rank / size)..<(count * (rank + 1) / size)
    }
}

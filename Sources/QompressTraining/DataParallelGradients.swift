import QompressLinearAlgebra

/// Data-parallel gradients of one mini-batch: each process of a `DataParallelGroup` computes the
/// gradients of its `GradientPartitions`, and the partitions' gradients are added in one fixed
/// order (`PartitionTree`), so every process holds the same bits — the bits one process
/// computing every partition would hold — before the optimiser step that each applies.
///
/// The exchange gathers the processes' subtree sums (`allGather`) and finishes the sum on every
/// process, rather than reducing in the network, whose order of additions an MPI library may
/// choose freely.
public struct DataParallelGradients {
    /// The processes sharing the batch.
    public var group: DataParallelGroup
    /// The fixed cut of every batch.
    public var partitions: GradientPartitions

    /// Creates the exchange.
    public init(group: DataParallelGroup, partitions: GradientPartitions) {
        self.group = group
        self.partitions = partitions
    }

    /// The non-empty partitions process `rank` computes for a batch of `batchSize`, in order.
    public func ownedRanges(batchSize: Int, rank: Int? = nil) -> [(partition: Int, positions: Range<Int>)] {
        let all = partitions.ranges(batchSize: batchSize)
        return partitions.owned(rank: rank ?? group.rank, of: group.size).compactMap { p in
            all[p].isEmpty ? nil : (p, all[p])
        }
    }

    /// The positions of the batch this process computes (its partitions are contiguous).
    public func ownedPositions(batchSize: Int, rank: Int? = nil) -> Range<Int> {
        let all = partitions.ranges(batchSize: batchSize)
        let owned = partitions.owned(rank: rank ?? group.rank, of: group.size)
        guard let first = owned.first, let last = owned.last else {
            let start = owned.lowerBound < all.count ? all[owned.lowerBound].lowerBound : batchSize
            return start..<start
        }
        return all[first].lowerBound..<all[last].upperBound
    }

    /// Whole-batch matrices from every process's rows of them: `local[k]` holds this process's
    /// `ownedPositions` rows of matrix k (with `columns[k]` columns); the result stacks every
    /// process's rows in batch order, on every process.
    /// - Throws: `TrainingError.dimensionMismatch` when a process sent the wrong shape, and the
    ///   group's errors.
    public func allGatherRows(_ local: [Matrix], columns: [Int], batchSize: Int) throws -> [Matrix] {
        guard local.count == columns.count else {
            throw TrainingError.dimensionMismatch("\(local.count) blocks for \(columns.count) column counts")
        }
        let mine = ownedPositions(batchSize: batchSize).count
        for (block, width) in zip(local, columns) where block.rows != mine || (block.columns != width && mine > 0) {
            throw TrainingError.dimensionMismatch("a block of \(block.rows)×\(block.columns), expected \(mine)×\(width)")
        }
        let all = try group.allGather(local.flatMap(\.elements))
        var stacked = columns.map { [Double](repeating: 0, count: batchSize * $0) }
        for (rank, message) in all.enumerated() {
            let positions = ownedPositions(batchSize: batchSize, rank: rank)
            guard message.count == positions.count * columns.reduce(0, +) else {
                throw TrainingError.dimensionMismatch("process \(rank) sent \(message.count) values for \(positions.count) rows")
            }
            var offset = 0
            for (k, width) in columns.enumerated() {
                let n = positions.count * width
                stacked[k].replaceSubrange((positions.lowerBound * width)..<(positions.upperBound * width),
                                           with: message[offset..<(offset + n)])
                offset += n
            }
        }
        return try zip(stacked, columns).map { try Matrix(rows: batchSize, columns: $1, elements: $0) }
    }

    /// Computes this process's partitions with `partial(partition, positions)` — each call
    /// starting from zero gradients, accumulating into `parameters` and returning a value to
    /// add up (a loss sum, or 0) — last partition first, so that a layer's cached forward pass
    /// of the last partition can serve its backward pass. Then combines every partition's
    /// gradients and value, from every process, in one fixed order — a pairwise tree over the
    /// partitions (`PartitionTree`) — and leaves the sums in `parameters`, returning the
    /// values' sum. Each process adds up the whole subtrees inside its block of partitions
    /// itself and sends only those sums, so a process sends one vector when the process count
    /// is a power of two dividing the partition count, and a few otherwise.
    /// - Throws: what `partial` throws, the group's errors, `TrainingError.dimensionMismatch`
    ///   when a process sent a message of the wrong size.
    public func accumulate(_ parameters: [ParameterTensor], batchSize: Int,
                           _ partial: (_ partition: Int, _ positions: Range<Int>) throws -> Double) throws -> Double {
        let width = parameters.reduce(0) { $0 + $1.gradient.count } + 1
        let all = partitions.ranges(batchSize: batchSize)
        let present = all.map { !$0.isEmpty }
        let tree = PartitionTree(count: partitions.count)
        var leaves: [Int: [Double]] = [:]
        for (p, positions) in ownedRanges(batchSize: batchSize).reversed() {
            parameters.forEach { $0.zeroGradient() }
            var message = [try partial(p, positions)]
            message.reserveCapacity(width)
            for t in parameters { message += t.gradient }
            leaves[p] = message
        }
        // This process's whole subtrees, summed locally: [1, values…] when a subtree holds a
        // non-empty partition, [0] when it holds none.
        var message: [Double] = []
        for node in tree.cover(partitions.owned(rank: group.rank, of: group.size)) {
            if let sum = tree.sum(node, present: present, leaf: { leaves[$0]! }) {
                message.append(1)
                message += sum
            } else {
                message.append(0)
            }
        }
        let gathered = try group.allGather(message)
        var received: [PartitionTree.Node: [Double]] = [:]
        for (rank, message) in gathered.enumerated() {
            var offset = 0
            for node in tree.cover(partitions.owned(rank: rank, of: group.size)) {
                guard offset < message.count else {
                    throw TrainingError.dimensionMismatch("process \(rank) sent a gradient message of \(message.count) values, too short")
                }
                let flag = message[offset]
                offset += 1
                guard flag == 1 else { continue }
                guard offset + width <= message.count else {
                    throw TrainingError.dimensionMismatch("process \(rank) sent a gradient message of \(message.count) values, too short")
                }
                received[node] = Array(message[offset..<(offset + width)])
                offset += width
            }
            guard offset == message.count else {
                throw TrainingError.dimensionMismatch("process \(rank) sent a gradient message of \(message.count) values, expected \(offset)")
            }
        }
        let total = tree.sum(tree.root, known: received) ?? [Double](repeating: 0, count: width)
        var offset = 1
        for t in parameters {
            for i in t.gradient.indices { t.gradient[i] = total[offset + i] }
            offset += t.gradient.count
        }
        return total[0]
    }
}

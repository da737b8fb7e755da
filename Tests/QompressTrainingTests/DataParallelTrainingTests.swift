import QompressCore
import QompressLinearAlgebra
import QompressStatevector
import QompressTraining
import Testing

/// The partitioned training step of data-parallel runs, in one process (2 and 3 MPI ranks
/// against one process: Scripts/mpi-test.sh).
@Suite("Data-parallel SupervisedTrainer")
struct DataParallelTrainingTests {
    /// One epoch of a small hybrid model; `partitions` nil for the whole-batch path.
    static func train(partitions: Int?) throws -> (parameters: [Double], loss: Double) {
        var g = SeededGenerator(seed: 5)
        let x = try Matrix(rows: 21, columns: 3, elements: (0..<63).map { _ in g.nextGaussian() })
        let y = try Matrix(rows: 21, columns: 2, elements: (0..<42).map { _ in g.nextGaussian() })
        let model = try Sequential([
            Dense(inputSize: 3, outputSize: 3, generator: &g, name: "in"),
            try QuantumLayer<StatevectorBackend>(dressedQubits: 3, depth: 2, configuration: .init(),
                                                 generator: &g, name: "q"),
            Dense(inputSize: 3, outputSize: 2, generator: &g, name: "out"),
        ])
        var trainer = SupervisedTrainer()
        trainer.epochs = 1
        trainer.batchSize = 8
        trainer.schedule = .constant(0.02)
        if let partitions {
            trainer.dataParallel = DataParallelGradients(group: SingleProcess(), partitions: try GradientPartitions(count: partitions))
        }
        let history = try trainer.fit(model, optimizer: try Adam(learningRate: 0.02), inputs: x, targets: y, generator: &g)
        return (model.parameters.flatMap(\.values), history.trainLoss[0])
    }

    @Test func onePartitionIsTheWholeBatchPathBitForBit() throws {
        let whole = try Self.train(partitions: nil), one = try Self.train(partitions: 1)
        #expect(one.parameters == whole.parameters)
        #expect(one.loss == whole.loss)
    }

    @Test func severalPartitionsDifferFromTheWholeBatchOnlyByRounding() throws {
        let whole = try Self.train(partitions: nil)
        for count in [2, 3, 8, 11] {
            let split = try Self.train(partitions: count)
            let worst = zip(split.parameters, whole.parameters).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-12, "\(count) partitions: largest parameter difference \(worst)")
            #expect(abs(split.loss - whole.loss) <= 1e-12 * whole.loss)
        }
    }
}

@Suite("Partition tree")
struct PartitionTreeTests {
    @Test func coverSplitsABlockIntoWholeAlignedSubtrees() {
        let tree = PartitionTree(count: 8)
        #expect(tree.root == .init(start: 0, size: 8))
        #expect(tree.cover(0..<8) == [.init(start: 0, size: 8)])
        #expect(tree.cover(0..<4) == [.init(start: 0, size: 4)])
        #expect(tree.cover(2..<5) == [.init(start: 2, size: 2), .init(start: 4, size: 1)])
        #expect(tree.cover(5..<8) == [.init(start: 5, size: 1), .init(start: 6, size: 2)])
        #expect(tree.cover(3..<3).isEmpty)
        #expect(PartitionTree(count: 6).root == .init(start: 0, size: 8))
    }

    @Test func subtreeSumsFinishTheSumWithTheSameBitsAsOneProcess() {
        // Values whose sum depends on the order of additions.
        let leaves: [[Double]] = [[1e16], [1], [-1e16], [1], [0.1], [0.2], [0.3], [1e-17]]
        let present = [true, true, true, false, true, true, true, true]
        let tree = PartitionTree(count: 8)
        let whole = tree.sum(tree.root, present: present) { leaves[$0] }!
        // ((1e16 + 1) + −1e16) + ((0.1 + 0.2) + (0.3 + 1e−17)), partition 3 left out.
        #expect(whole == [((1e16 + 1) + -1e16) + ((0.1 + 0.2) + (0.3 + 1e-17))])
        for blocks in [[0..<2, 2..<5, 5..<8], [0..<4, 4..<8], [0..<1, 1..<8], [0..<3, 3..<6, 6..<8]] {
            var known: [PartitionTree.Node: [Double]] = [:]
            for block in blocks {
                for node in tree.cover(block) {
                    if let sum = tree.sum(node, present: present, leaf: { leaves[$0] }) { known[node] = sum }
                }
            }
            #expect(tree.sum(tree.root, known: known) == whole, "blocks \(blocks)")
        }
        #expect(tree.sum(.init(start: 3, size: 1), present: present) { leaves[$0] } == nil)
    }
}

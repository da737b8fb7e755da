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
                                                 backendSpec: .statevector, generator: &g, name: "q"),
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

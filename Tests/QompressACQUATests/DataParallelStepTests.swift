import Foundation
import Qompress
import QompressACQUA
import Testing

/// The partitioned step that data-parallel training runs on every MPI rank, in one process:
/// one partition is the whole-batch step bit for bit, several partitions differ from it only by
/// the order of additions. (2 and 3 ranks against one process: Scripts/mpi-test.sh.)
@Suite("ACQUA data-parallel step")
struct DataParallelStepTests {
    static func gradients(_ model: ACQUAModel) -> [Double] { model.parameters.flatMap(\.gradient) }

    @Test func onePartitionIsTheWholeBatchStepBitForBit() throws {
        let data = try tinyData(count: 10)
        let (images, texts) = data.alignedPairs
        let loss = ACQUALoss.named(.distill)
        let targets = loss.targets(images: images, texts: texts)
        let reference = try tinyModel(.quantum(.statevector))
        let whole = try loss.step(reference, images: images, texts: texts, targets: targets, backPropagate: true)
        let model = try tinyModel(.quantum(.statevector))
        let parallel = DataParallelGradients(group: SingleProcess(), partitions: try GradientPartitions(count: 1))
        let step = try loss.dataParallelStep(model, images: images, texts: texts, targets: targets, parallel: parallel)
        #expect(step.value == whole.value)
        #expect(Self.gradients(model) == Self.gradients(reference))
    }

    @Test func severalPartitionsAgreeWithTheWholeBatchToRounding() throws {
        let data = try tinyData(count: 10)
        let (images, texts) = data.alignedPairs
        let loss = ACQUALoss.named(.distill)
        let targets = loss.targets(images: images, texts: texts)
        let reference = try tinyModel(.quantum(.statevector))
        let whole = try loss.step(reference, images: images, texts: texts, targets: targets, backPropagate: true)
        let expected = Self.gradients(reference)
        let scale = expected.map(abs).max()!
        for count in [3, 4, 10, 16] {   // uneven partitions, one row each, more partitions than rows
            let model = try tinyModel(.quantum(.statevector))
            let parallel = DataParallelGradients(group: SingleProcess(), partitions: try GradientPartitions(count: count))
            let step = try loss.dataParallelStep(model, images: images, texts: texts, targets: targets, parallel: parallel)
            #expect(abs(step.value - whole.value) <= 1e-12 * abs(whole.value))
            let worst = zip(Self.gradients(model), expected).map { abs($0 - $1) }.max()!
            #expect(worst <= 1e-12 * scale, "\(count) partitions: largest difference \(worst)")
        }
    }

    @Test func partitionsCutEveryBatchTheSameWayForAnyProcessCount() throws {
        let cut = try GradientPartitions(count: 4)
        #expect(cut.ranges(batchSize: 10) == [0..<2, 2..<5, 5..<7, 7..<10])
        #expect(cut.ranges(batchSize: 2) == [0..<0, 0..<1, 1..<1, 1..<2])
        #expect((0..<3).map { cut.owned(rank: $0, of: 3) } == [0..<1, 1..<2, 2..<4])
        #expect((0..<5).map { cut.owned(rank: $0, of: 5) } == [0..<0, 0..<1, 1..<2, 2..<3, 3..<4])
        #expect(throws: TrainingError.self) { try GradientPartitions(count: 0) }
    }
}

@Suite("ACQUA trainer resumption")
struct ACQUAResumptionTests {
    @Test func resumingRunsOnlyTheRemainingEpochsInTheUninterruptedOrder() throws {
        let data = try tinyData(count: 12)
        var trainer = ACQUATrainer(loss: .named(.distill))
        trainer.epochs = 3
        trainer.batchSize = 4
        // Uninterrupted: 3 epochs.
        let whole = try tinyModel(.classical)
        var g1 = SeededGenerator(seed: 9)
        let optimizer1 = try Adam(learningRate: 0.01)
        let history = try trainer.fit(whole, optimizer: optimizer1, training: data, generator: &g1)
        // Interrupted after 2 epochs, then resumed for the third with the same optimiser state.
        var first = trainer
        first.epochs = 2
        let resumed = try tinyModel(.classical)
        var g2 = SeededGenerator(seed: 9)
        let optimizer2 = try Adam(learningRate: 0.01)
        _ = try first.fit(resumed, optimizer: optimizer2, training: data, generator: &g2)
        var rest = trainer
        rest.startEpoch = 2
        var g3 = SeededGenerator(seed: 9)
        let last = try rest.fit(resumed, optimizer: optimizer2, training: data, generator: &g3)
        #expect(last.trainLoss.count == 1)
        #expect(last.trainLoss[0] == history.trainLoss[2])
        #expect(resumed.parameters.flatMap(\.values) == whole.parameters.flatMap(\.values))
        rest.startEpoch = 4
        #expect(throws: ACQUAError.self) { _ = try rest.fit(resumed, optimizer: optimizer2, training: data, generator: &g3) }
    }
}

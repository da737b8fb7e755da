import ArgumentParser
import Foundation
import Qompress
import QompressDistributed

/// `qompress acqua train`: train both autoencoders, save a checkpoint, evaluate on the held-out split.
struct ACQUATrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the two CLIP-ACQUA autoencoders (progress bar, JSON Lines metrics, checkpoint) and evaluate them on the held-out split.")

    @OptionGroup var data: ACQUADataOptions
    @OptionGroup var model: ACQUAModelOptions
    @OptionGroup var training: ACQUATrainingOptions
    @OptionGroup var parallel: DataParallelOptions
    @Option(help: "Where to write the checkpoint.")
    var checkpoint: String = OutputFolder.path("acqua/checkpoint.json")
    @Option(help: "Where to write per-epoch metrics (JSON Lines).")
    var metrics: String = OutputFolder.path("acqua/metrics.jsonl")
    @Option(help: "Continue the training stored in this checkpoint (written by `acqua train`, on any number of ranks) up to --epochs in total; model, optimiser state, seed and data order continue where it stopped.")
    var resume: String?
    @Option(help: "Where to write the held-out evaluation (JSON).")
    var json: String = OutputFolder.path("acqua/evaluation.json")
    @Flag(help: "Plain progress lines instead of a redrawn bar.")
    var plain = false
    @Flag(help: "Skip the evaluation after training.")
    var noEvaluate = false
    @Flag(help: "Print training throughput (pairs per second, median over epochs after the first) as a JSON line.")
    var benchmark = false

    func validate() throws {
        try checkOutputFile(checkpoint, option: "--checkpoint")
        try checkOutputFile(metrics, option: "--metrics")
        try checkOutputFile(json, option: "--json")
    }

    func run() throws {
        // Under mpirun every rank trains the same model on its partitions of each batch; rank 0
        // alone writes the metrics, the checkpoint and the evaluation and prints.
        try runAsRank { world in try run(world) }
    }

    private func run(_ world: Communicator) throws {
        let (all, train, held) = try world.allSucceed { try data.loadSplit() }
        let architecture = try model.architecture(dimension: all.dimension)
        var trainer = try training.trainer(pairs: train.pairCount)
        trainer.dataParallel = try world.allSucceed { try parallel.dataParallel(world) }
        // Held until the process ends: a second run writing the same files fails now, not silently later.
        let locks = try world.allSucceed {
            try world.isRoot ? [checkpoint, metrics].map { try OutputLock(URL(fileURLWithPath: $0)) } : []
        }
        defer { withExtendedLifetime(locks) {} }
        if world.isRoot {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: metrics).deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            trainer.metrics = try MetricsLog(url: URL(fileURLWithPath: metrics))
            trainer.progress = ProgressReporter(forcePlain: plain)
        }
        print("CLIP-ACQUA on \(all.name): \(all.images.rows) images, \(all.texts.rows) texts, \(all.dimension)-d; "
              + "training on \(train.pairCount) pairs, holding out \(held.images.rows) images / \(held.pairCount) texts")
        print("each autoencoder: \(architecture)")
        var generator = SeededGenerator(seed: training.seed)
        var acqua = try ACQUAModel(architecture: architecture, generator: &generator,
                                   builder: ModelFactory.acquaBuilder(threads: model.threads))
        let optimizer = try Adam(learningRate: training.learningRate)
        if let resume {
            // The fresh model above has drawn its weights from the generator as the first run did;
            // its values are replaced by the checkpoint's.
            let stored = try world.allSucceed { try Checkpoint.read(from: URL(fileURLWithPath: resume)) }
            acqua = try ACQUAModel(checkpoint: stored, builder: ModelFactory.acquaBuilder(threads: model.threads))
            guard acqua.architecture == architecture, stored.seed == training.seed else {
                throw ValidationError("--resume: the checkpoint holds \(acqua.architecture) with seed \(stored.seed); the flags ask for \(architecture) with seed \(training.seed)")
            }
            guard let state = stored.optimizer, let done = stored.metadata["epochs"].flatMap(Int.init), done <= training.epochs else {
                throw ValidationError("--resume: the checkpoint has no optimiser state or epoch count, or more epochs than --epochs \(training.epochs)")
            }
            try optimizer.restore(state, parameters: acqua.parameters)
            trainer.startEpoch = done
            print("resuming after epoch \(done) of \(training.epochs)")
        }
        let start = Date()
        let history = try trainer.fit(acqua, optimizer: optimizer, training: train, validation: held, generator: &generator)
        let seconds = Date().timeIntervalSince(start)
        print(String(format: "trained %d epochs in %.1f s", history.trainLoss.count, seconds))

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let metadata = [
            ACQUAMetadata.loss: String(decoding: try encoder.encode(trainer.loss), as: UTF8.self),
            ACQUAMetadata.dataset: all.name, ACQUAMetadata.heldOut: String(data.heldOut),
            ACQUAMetadata.splitSeed: String(data.splitSeed), "epochs": String(trainer.startEpoch + history.trainLoss.count),
            "final_train_loss": String(history.trainLoss.last ?? .nan),
        ]
        guard world.isRoot else { return }
        let url = URL(fileURLWithPath: checkpoint)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try acqua.checkpoint(optimizer: optimizer, seed: training.seed, metadata: metadata).write(to: url)
        print("checkpoint: \(checkpoint)   metrics: \(metrics)")

        if benchmark {
            let rates = Array(history.pairsPerSecond.dropFirst(history.pairsPerSecond.count > 1 ? 1 : 0)).sorted()
            let median = rates[rates.count / 2]
            let record: [String: Any] = [
                "workload": "acqua-train", "dataset": all.name, "backend": architecture.backend?.description ?? "classical",
                "qubits": architecture.qubits, "depth": architecture.depth, "latent": architecture.latentDimension,
                "batch": trainer.batchSize, "pairs_per_second": median, "epochs": history.trainLoss.count,
                "threads": model.threads == 0 ? ProcessInfo.processInfo.activeProcessorCount : model.threads,
                "ranks": world.size, "gradient_partitions": parallel.gradientPartitions,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
        }
        guard !noEvaluate else { return }
        let evaluation = try ACQUAEvaluation(of: acqua, on: held, distance: trainer.loss.distance, seed: data.splitSeed)
        print("\n" + ACQUAReport.table(evaluation))
        try writeText(try ACQUAReport.json(evaluation), to: json)
        print("evaluation JSON: \(json)")
    }
}

import ArgumentParser
import Foundation
import Qompress
import QompressDistributed

/// `qompress head train`: trains one head on the training split and saves a checkpoint.
struct HeadTrain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train",
                                                    abstract: "Train a quantum-inspired (qi) or classical head contrastively and save a checkpoint.")

    @OptionGroup var data: HeadDataOptions
    @OptionGroup var training: HeadTrainingOptions
    @OptionGroup var parallel: DataParallelOptions
    @Option(help: "qi or classical.")
    var method: String = "qi"
    @Option(help: "Output dimension k.")
    var dimension: Int = 128
    @Option(help: "Fraction of the training queries to use.")
    var trainFraction: Double = 1
    @Option(help: "Checkpoint path.")
    var output: String = "head.checkpoint.json"

    func validate() throws {
        try checkOutputFile(output, option: "--output")
    }

    func run() throws {
        // Under mpirun every rank trains the same head on its partitions of each batch; rank 0
        // alone writes the checkpoint and prints.
        try runAsRank { world in try run(world) }
    }

    private func run(_ world: Communicator) throws {
        let lock = try world.allSucceed { try world.isRoot ? OutputLock(URL(fileURLWithPath: output)) : nil }
        defer { withExtendedLifetime(lock) {} }
        let collection = try world.allSucceed { try data.load() }
        let name = method == "qi" ? "qi-head" : method == "classical" ? "classical-head" : ""
        guard !name.isEmpty else { throw ValidationError("--method is qi or classical, got \(method)") }
        let experiment = RetrievalExperiment(collection: collection,
                                             configuration: training.experiment(data: data, dimensions: [dimension], fractions: [trainFraction]))
        let (train, _) = try experiment.split()
        let subset = Array(train.prefix(max(1, Int((Double(train.count) * trainFraction).rounded()))))
        let (model, similarity) = try experiment.makeModel(name, k: dimension)
        var trainer = try ContrastiveTrainer(configuration: training.contrastive(quantum: method == "qi"))
        trainer.dataParallel = try world.allSucceed { try parallel.dataParallel(world) }
        let baseline = try CosineSimilarityMeasure().scores(queries: collection.queries, documents: collection.documents)
        let losses = try trainer.train(model, similarity: similarity,
                                       examples: trainer.examples(collection: collection, queries: subset, baselineScores: baseline),
                                       documents: collection.documents, queries: collection.queries)
        for (e, l) in losses.enumerated() { print("epoch \(e + 1): loss \(String(format: "%.5f", l))") }
        guard world.isRoot else { return }
        var metadata = ["method": name, "inputDimension": "\(collection.dimension)", "outputDimension": "\(dimension)",
                        "collection": collection.name, "splitSeed": "\(data.splitSeed)",
                        "testFraction": "\(data.testFraction)", "trainQueries": "\(subset.count)"]
        // Provenance only (a float64 run's checkpoint stays as before); evaluate/encode take --precision.
        if data.precision != .float64 { metadata["trainingPrecision"] = data.precision.rawValue }
        try Checkpoint(models: ["head": model], seed: training.modelSeed, metadata: metadata)
            .write(to: URL(fileURLWithPath: output))
        print("saved \(output) (\(model.parameters.reduce(0) { $0 + $1.values.count }) parameters)")
    }
}

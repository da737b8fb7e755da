import ArgumentParser
import Foundation
import Qompress

/// `qompress head`: the quantum-inspired projection head on frozen sentence embeddings.
struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Quantum-inspired projection head with fidelity similarity: train, evaluate, encode, sweep, bench.",
        subcommands: [HeadTrain.self, HeadEvaluate.self, HeadEncode.self, HeadCompare.self, HeadSweep.self, HeadBench.self])
}

/// Where the collections are and which one to use.
struct HeadDataOptions: ParsableArguments {
    @Option(help: "Folder holding the collections (default: the bundled Data/ir).")
    var data: String?
    @Option(help: "Collection name (a sub-folder of --data).")
    var collection: String = "medline"
    @Option(help: "Fraction of judged queries held out for testing.")
    var testFraction: Double = 0.5
    @Option(help: "Seed of the train/test split.")
    var splitSeed: UInt64 = 42
    @Option(help: "Worker threads (0 = all cores).")
    var threads: Int = 0

    /// The data folder: --data, or Data/ir of this package.
    var dataFolder: URL {
        if let data { return URL(fileURLWithPath: data) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data/ir")
    }

    /// Throws a usage error naming the available collections unless `name` is a folder of --data.
    func requireCollection(_ name: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataFolder.appendingPathComponent(name).path, isDirectory: &isFolder),
              isFolder.boolValue else {
            let available = ((try? FileManager.default.contentsOfDirectory(atPath: dataFolder.path)) ?? [])
                .filter { entry in
                    var folder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: dataFolder.appendingPathComponent(entry).path, isDirectory: &folder)
                        && folder.boolValue && !entry.hasPrefix(".")
                }.sorted()
            throw ValidationError("no collection '\(name)' in \(dataFolder.path) (available: \(available.joined(separator: ", ")))")
        }
    }

    func load(_ name: String? = nil) throws -> IRCollection {
        try requireCollection(name ?? collection)
        return try IRCollection(folder: dataFolder.appendingPathComponent(name ?? collection))
    }
}

/// Contrastive-training hyper-parameters.
struct HeadTrainingOptions: ParsableArguments {
    @Option(help: "Training epochs.")
    var epochs: Int = 20
    @Option(help: "Queries per Adam step.")
    var batchSize: Int = 16
    @Option(help: "Hard negatives per query.")
    var negatives: Int = 7
    @Option(help: "Logit scale s (scores are s · similarity).")
    var scale: Double = 20
    @Option(help: "Adam learning rate of the quantum-inspired head.")
    var qiLearningRate: Double = 0.01
    @Option(help: "Adam learning rate of the classical head.")
    var classicalLearningRate: Double = 0.001
    @Option(help: "Seed of shuffling and positive sampling.")
    var trainSeed: UInt64 = 1234
    @Option(help: "Seed of the initial weights.")
    var modelSeed: UInt64 = 7

    func contrastive(quantum: Bool) -> ContrastiveConfiguration {
        var c = ContrastiveConfiguration()
        c.epochs = epochs
        c.batchSize = batchSize
        c.negatives = negatives
        c.scale = scale
        c.learningRate = quantum ? qiLearningRate : classicalLearningRate
        c.seed = trainSeed
        return c
    }

    func experiment(data: HeadDataOptions, dimensions: [Int], fractions: [Double]) -> RetrievalExperimentConfiguration {
        var e = RetrievalExperimentConfiguration()
        e.dimensions = dimensions
        e.fractions = fractions
        e.testFraction = data.testFraction
        e.splitSeed = data.splitSeed
        e.modelSeed = modelSeed
        e.quantum = contrastive(quantum: true)
        e.classical = contrastive(quantum: false)
        e.threads = data.threads
        return e
    }
}

/// Writes `value` as pretty JSON to `path`.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(value).write(to: URL(fileURLWithPath: path))
}

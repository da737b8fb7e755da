import ArgumentParser
import Foundation
import Qompress

/// `qompress head compare`: raw cosine, PCA (cosine and Euclidean), the classical head, the
/// paper's quantum-inspired head and its variants at one output size, over several seeds.
struct HeadCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Heads trained by label-free distillation beside PCA and raw cosine at equal k over several seeds; mean ± sd table and one JSON row per (method, k, seed).")

    @OptionGroup var data: HeadDataOptions
    @Option(help: "Output dimension k.")
    var dimension: Int = 128
    @Option(help: "Seeds 1…N: seed s splits the queries, draws the weights and orders the training.")
    var seeds: Int = 3
    @Option(help: "Comma-separated variants of the quantum-inspired head beside it (compact, mix, entangled, mix-entangled; an empty string for none).")
    var variants = CommaSeparated(HeadVariant.allCases)
    @Option(help: "Distillation epochs over the documents.")
    var epochs: Int = 20
    @Option(help: "Anchor documents per Adam step.")
    var batchSize: Int = 32
    @Option(help: "Nearest neighbours among each anchor's candidates.")
    var neighbours: Int = 16
    @Option(help: "Random documents among each anchor's candidates.")
    var randomCandidates: Int = 48
    @Option(help: "Teacher temperature τ (softmax of cos / τ).")
    var temperature: Double = 0.05
    @Option(help: "Adam learning rate of the quantum-inspired heads.")
    var qiLearningRate: Double = 0.01
    @Option(help: "Adam learning rate of the classical head.")
    var classicalLearningRate: Double = 0.003
    @Option(help: "Fraction of the training queries used to choose the best epoch (the data-efficiency sweep).")
    var queryFraction: Double = 1
    @Flag(help: "Keep the last epoch instead of the best one on the training queries.")
    var noSelection = false
    @Option(help: "Write the rows (a JSON array) here.")
    var json: String = OutputFolder.path("head/compare.json")

    func validate() throws {
        try checkOutputFile(json, option: "--json")
    }

    func run() throws {
        guard (1...100).contains(seeds) else { throw ValidationError("--seeds must lie in 1…100, got \(seeds)") }
        let chosen = variants.values
        let collection = try data.load()
        var comparison = try HeadComparison(collection: collection, dimension: dimension)
        comparison.testFraction = data.testFraction
        comparison.threads = data.threads
        comparison.precision = data.precision
        comparison.variants = chosen
        comparison.selectOnTrainingQueries = !noSelection
        comparison.queryFraction = queryFraction
        func settings(_ learningRate: Double) -> DistillationConfiguration {
            var c = DistillationConfiguration()
            c.epochs = epochs
            c.batchSize = batchSize
            c.neighbours = neighbours
            c.randomCandidates = randomCandidates
            c.temperature = temperature
            c.learningRate = learningRate
            return c
        }
        comparison.quantum = settings(qiLearningRate)
        comparison.classical = settings(classicalLearningRate)
        try comparison.quantum.validate()
        try comparison.classical.validate()
        comparison.onRecord = { r in
            let untrained = r.ndcg10Untrained.map { String(format: "  (untrained %.4f, kept epoch %d)", $0, r.keptEpoch ?? 0) } ?? ""
            print(String(format: "  seed %d  %-15@ k=%-3d params %6d  nDCG@10 %.4f  MAP %.4f  R@100 %.4f", Int(r.seed), r.method,
                         r.k, r.params, r.ndcg10, r.map, r.recall100) + untrained)
            fflush(nil)
        }
        print("\(collection.name): \(collection.documents.rows) documents, \(collection.judgedQueries.count) judged queries, "
              + "\(collection.dimension) → \(dimension)")
        var records: [HeadCompareRecord] = []
        for seed in UInt64(1)...UInt64(seeds) { records += try comparison.run(seed: seed) }
        print("\n" + HeadCompareRecord.summaryTable(records))
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: json).deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try writeJSON(records, to: json)
        print("rows: \(json)")
    }
}

import ArgumentParser
import Foundation
import Qompress

/// `qompress head evaluate`: retrieval metrics of a trained head on the test split.
struct HeadEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate",
                                                    abstract: "Evaluate a trained head (and raw cosine) on the test queries of its collection.")

    @OptionGroup var data: HeadDataOptions
    @Option(help: "Checkpoint written by `qompress head train`.")
    var checkpoint: String
    @Option(help: "Write the rows as JSON here.")
    var json: String?

    func validate() throws {
        try checkOutputFile(json, option: "--json")
    }

    func run() throws {
        let (model, similarity, stored) = try loadHead(checkpoint)
        data.precision.apply(to: model)
        let collection = try data.load(stored.metadata["collection"])
        var config = RetrievalExperimentConfiguration()
        config.testFraction = stored.metadata["testFraction"].flatMap(Double.init) ?? data.testFraction
        config.splitSeed = stored.metadata["splitSeed"].flatMap(UInt64.init) ?? data.splitSeed
        let experiment = RetrievalExperiment(collection: collection, configuration: config)
        let (_, test) = try experiment.split()
        let queries = collection.queries.rows(test)
        let raw = try CosineSimilarityMeasure().scores(queries: queries, documents: collection.documents)
        let scores = try similarity.scores(queries: RetrievalExperiment.outputs(of: model, queries), documents: RetrievalExperiment.outputs(of: model, collection.documents))
        let k = stored.metadata["outputDimension"].flatMap(Int.init) ?? 0
        let rows = [
            RetrievalResult(collection: collection.name, dimension: collection.dimension, method: "raw-cosine", trainFraction: nil,
                            trainQueries: 0, testQueries: test.count, parameters: 0,
                            metrics: try experiment.evaluate(scores: raw, test: test), trainSeconds: 0),
            RetrievalResult(collection: collection.name, dimension: k, method: stored.metadata["method"] ?? "?", trainFraction: nil,
                            trainQueries: stored.metadata["trainQueries"].flatMap(Int.init) ?? 0, testQueries: test.count,
                            parameters: model.parameters.reduce(0) { $0 + $1.values.count },
                            metrics: try experiment.evaluate(scores: scores, test: test), trainSeconds: 0),
        ]
        print(RetrievalResult.markdownTable(rows))
        if let json { try writeJSON(rows, to: json) }
    }
}

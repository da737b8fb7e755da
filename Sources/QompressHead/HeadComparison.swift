import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// The head comparison of one collection at one output size: raw cosine, PCA (cosine and
/// Euclidean), the classical head and the quantum-inspired head (and its variants), the heads
/// trained by label-free distillation over the documents with the best epoch chosen on the
/// training queries. Each seed has its own query split, initial weights and training order.
public struct HeadComparison {
    /// The collection.
    public let collection: IRCollection
    /// The output size k (the number of output qubits of the quantum-inspired heads).
    public var dimension: Int
    /// Fraction of the judged queries held out for testing.
    public var testFraction = 0.5
    /// Distillation of the quantum-inspired heads.
    public var quantum = DistillationConfiguration()
    /// Distillation of the classical head.
    public var classical: DistillationConfiguration = {
        var c = DistillationConfiguration()
        c.learningRate = 0.003
        return c
    }()
    /// Keep the epoch with the best nDCG@10 on the training queries (the untrained weights
    /// included); otherwise keep the last epoch.
    public var selectOnTrainingQueries = true
    /// The fraction of the training queries used for that choice (the data-efficiency sweep:
    /// the first ⌈f · n⌉ of the seed's shuffled training queries).
    public var queryFraction = 1.0
    /// Variants of the quantum-inspired head to run beside it.
    public var variants: [HeadVariant] = []
    /// Worker threads (0 = all cores); results do not depend on it.
    public var threads = 0
    /// The arithmetic of the quantum-inspired heads' fast path (`.float64` by default; see
    /// `HeadPrecision`). The classical head, PCA and the similarities are unaffected.
    public var precision: HeadPrecision = .float64
    /// Called with every finished record.
    public var onRecord: (HeadCompareRecord) -> Void = { _ in }

    /// Creates a comparison.
    /// - Throws: `HeadError.invalidArgument` unless 1 ≤ k < d.
    public init(collection: IRCollection, dimension: Int) throws {
        guard dimension >= 1, dimension < collection.dimension else {
            throw HeadError.invalidArgument("the output size must lie in 1…\(collection.dimension - 1), got \(dimension)")
        }
        self.collection = collection
        self.dimension = dimension
    }

    /// Every method on the split of `seed`.
    /// - Throws: split, training and evaluation errors.
    public func run(seed: UInt64) throws -> [HeadCompareRecord] {
        var settings = RetrievalExperimentConfiguration()
        settings.testFraction = testFraction
        settings.splitSeed = seed
        settings.modelSeed = seed
        settings.threads = threads
        let experiment = RetrievalExperiment(collection: collection, configuration: settings)
        let (allTrain, test) = try experiment.split()
        guard queryFraction > 0, queryFraction <= 1 else {
            throw HeadError.invalidArgument("the fraction of training queries must lie in (0, 1], got \(queryFraction)")
        }
        let train = Array(allTrain.prefix(max(1, Int((Double(allTrain.count) * queryFraction).rounded()))))
        let testQueries = collection.queries.rows(test), documents = collection.documents
        let d = collection.dimension, k = dimension
        var records: [HeadCompareRecord] = []
        func record(_ method: String, k: Int, params: Int, metrics: RetrievalMetrics, untrained: RetrievalMetrics? = nil,
                    keptEpoch: Int? = nil, seconds: Double = 0) {
            let r = HeadCompareRecord(method: method, collection: collection.name, k: k, seed: seed, params: params,
                                      metrics: metrics, untrained: untrained, keptEpoch: keptEpoch, testQueries: test.count,
                                      trainQueries: train.count, trainSeconds: seconds)
            records.append(r)
            onRecord(r)
        }
        func measure(_ q: Matrix, _ docs: Matrix, _ similarity: any PairSimilarity) throws -> RetrievalMetrics {
            try experiment.evaluate(scores: try similarity.scores(queries: q, documents: docs, threads: threads), test: test)
        }
        record("raw", k: d, params: 0, metrics: try measure(testQueries, documents, CosineSimilarityMeasure()))
        let start = Date()
        let pca = try PrincipalComponents(fitting: documents, count: k)
        let pcaSeconds = Date().timeIntervalSince(start)
        let projectedQueries = try pca.project(testQueries), projectedDocuments = try pca.project(documents)
        for (name, similarity) in [("pca", CosineSimilarityMeasure() as any PairSimilarity), ("pca-euclidean", EuclideanSimilarity())] {
            record(name, k: k, params: d * k + d, metrics: try measure(projectedQueries, projectedDocuments, similarity),
                   seconds: pcaSeconds)
        }
        let validation = { (ranking: any PairSimilarity) -> DistillationTrainer.Validation? in
            guard selectOnTrainingQueries else { return nil }
            return DistillationTrainer.Validation(queries: collection.queries.rows(train),
                                                  relevance: train.map { collection.relevance[$0] ?? [:] }, ranking: ranking)
        }
        func trainAndRecord(_ method: String, _ model: Layer, student: some PairSimilarity, ranking: any PairSimilarity,
                            configuration: DistillationConfiguration) throws {
            let untrained = try measure(RetrievalExperiment.outputs(of: model, testQueries),
                                        RetrievalExperiment.outputs(of: model, documents), ranking)
            var c = configuration
            c.seed = seed
            let start = Date()
            let history = try DistillationTrainer(configuration: c).train(model, student: student, documents: documents,
                                                                          validation: validation(ranking), threads: threads)
            let seconds = Date().timeIntervalSince(start)
            let trained = try measure(RetrievalExperiment.outputs(of: model, testQueries),
                                      RetrievalExperiment.outputs(of: model, documents), ranking)
            record(method, k: k, params: model.parameters.reduce(0) { $0 + $1.values.count }, metrics: trained,
                   untrained: untrained, keptEpoch: history.keptEpoch, seconds: seconds)
        }
        var generator = SeededGenerator(seed: seed)
        let classicalHead = try ClassicalHead.make(inputDimension: d, outputDimension: k, generator: &generator)
        try trainAndRecord("classical", classicalHead, student: CosineSimilarityMeasure(), ranking: CosineSimilarityMeasure(),
                           configuration: classical)
        generator = SeededGenerator(seed: seed)
        let head = QuantumInspiredHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &generator)
        head.threads = threads
        head.precision = precision
        try trainAndRecord("qi", head, student: LogFidelitySimilarity(), ranking: FidelitySimilarity(), configuration: quantum)
        for variant in variants {
            generator = SeededGenerator(seed: seed)
            let model = try variant.make(inputDimension: d, outputDimension: k, generator: &generator, threads: threads,
                                         precision: precision)
            let (ranking, student) = variant.similarities
            try trainAndRecord(variant.methodName, model, student: student, ranking: ranking, configuration: quantum)
        }
        return records
    }
}

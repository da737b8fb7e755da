import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// One row of the retrieval comparison.
public struct RetrievalResult: Hashable, Sendable, Codable {
    /// Collection name.
    public var collection: String
    /// Output dimension k (384 for the raw reference).
    public var dimension: Int
    /// `raw-cosine`, `pca`, `classical-head` or `qi-head`.
    public var method: String
    /// Fraction of the training queries used (nil for untrained methods).
    public var trainFraction: Double?
    /// Training queries actually used.
    public var trainQueries: Int
    /// Test queries evaluated.
    public var testQueries: Int
    /// Trainable (or fitted) parameters.
    public var parameters: Int
    /// Mean metrics over the test queries; `nil` when the method failed (see `error`).
    public var metrics: RetrievalMetrics?
    /// Wall-clock training time.
    public var trainSeconds: Double
    /// Why the method failed, when it did (the other rows of a sweep still run).
    public var error: String?

    /// Creates a row.
    public init(collection: String, dimension: Int, method: String, trainFraction: Double?, trainQueries: Int,
                testQueries: Int, parameters: Int, metrics: RetrievalMetrics?, trainSeconds: Double, error: String? = nil) {
        self.collection = collection
        self.dimension = dimension
        self.method = method
        self.trainFraction = trainFraction
        self.trainQueries = trainQueries
        self.testQueries = testQueries
        self.parameters = parameters
        self.metrics = metrics
        self.trainSeconds = trainSeconds
        self.error = error
    }
}

/// Settings of the comparison.
public struct RetrievalExperimentConfiguration: Sendable {
    /// Output dimensions k.
    public var dimensions = [128, 64]
    /// Fractions of the training queries (the data-efficiency sweep).
    public var fractions = [0.1, 0.25, 0.5, 1.0]
    /// Fraction of judged queries held out for testing.
    public var testFraction = 0.5
    /// Seed of the train/test split (and of the sub-sampling of training queries).
    public var splitSeed: UInt64 = 42
    /// Seed of the models' initial weights.
    public var modelSeed: UInt64 = 7
    /// Training of the quantum-inspired head.
    public var quantum = ContrastiveConfiguration()
    /// Training of the classical head.
    public var classical: ContrastiveConfiguration = {
        var c = ContrastiveConfiguration()
        c.learningRate = 1e-3
        return c
    }()
    /// Threads (0 = all cores).
    public var threads = 0
    /// The arithmetic of the quantum-inspired head's fast path (`.float64` by default; see
    /// `HeadPrecision`).
    public var precision: HeadPrecision = .float64
    /// The backends of the entangled variant (`EntangledProjection`), evaluated on the head
    /// trained with the last fraction (empty: skip it); `head sweep --chi` gives MPS
    /// configurations of several χ_max.
    public var entangledBackends: [any BackendConfiguration] = []
    /// λ of the entangled variant's re-uploading gates.
    public var entanglingStrength = 1.0

    /// The defaults.
    public init() {}
}

/// Runs the comparison (raw cosine, PCA, classical head, quantum-inspired head) on one collection.
public struct RetrievalExperiment {
    /// The collection.
    public let collection: IRCollection
    /// The settings.
    public let configuration: RetrievalExperimentConfiguration
    /// Called with each finished row (for progress output).
    public var onResult: (RetrievalResult) -> Void = { _ in }

    /// Creates an experiment.
    public init(collection: IRCollection, configuration: RetrievalExperimentConfiguration) {
        self.collection = collection
        self.configuration = configuration
    }

    /// The seeded split of the judged queries into (train, test).
    /// - Throws: `HeadError.invalidArgument` when either side would be empty.
    public func split() throws -> (train: [Int], test: [Int]) {
        let judged = collection.judgedQueries
        var g = SeededGenerator(seed: configuration.splitSeed)
        let order = judged.shuffled(using: &g)
        guard configuration.testFraction > 0, configuration.testFraction < 1 else {
            throw HeadError.invalidArgument("the test fraction must lie in (0, 1), got \(configuration.testFraction)")
        }
        let testCount = Int((Double(judged.count) * configuration.testFraction).rounded())
        guard testCount >= 1, testCount < judged.count else {
            throw HeadError.invalidArgument("test fraction \(configuration.testFraction) leaves no train or no test queries among \(judged.count)")
        }
        return (Array(order[testCount...]), Array(order[..<testCount]).sorted())
    }

    /// Mean metrics of `scores` (test queries × documents) over `test`.
    public func evaluate(scores: Matrix, test: [Int]) throws -> RetrievalMetrics {
        try RetrievalMetrics.mean(scores: scores, relevance: test.map { collection.relevance[$0] ?? [:] })
    }

    /// Runs every method and returns the rows.
    public func run() throws -> [RetrievalResult] {
        try jobs().flatMap { try $0() }
    }

    /// The independent units of `run`, in its order, each giving its rows (and passing each to
    /// `onResult`): the raw reference, then for each k the PCA, the two untrained heads, and
    /// each training fraction's classical and quantum-inspired heads (with the entangled
    /// variants after the last fraction's). They share only read-only data, so they may run in
    /// any order or on different processes (`head sweep` under `mpirun`) and give the same rows.
    /// - Throws: `HeadError.invalidArgument` for a split that leaves no train or test queries.
    public func jobs() throws -> [() throws -> [RetrievalResult]] {
        let (train, test) = try split()
        let testQueries = collection.queries.rows(test)
        let cosine = CosineSimilarityMeasure()
        let onResult = self.onResult
        func record(_ r: RetrievalResult) -> [RetrievalResult] { onResult(r); return [r] }
        // The baseline ranking that picks hard negatives, computed once, when a job first needs it.
        final class Baseline: @unchecked Sendable {
            var scores: Matrix?
        }
        let baseline = Baseline()
        let threads = configuration.threads
        func baselineScores() throws -> Matrix {
            if let scores = baseline.scores { return scores }
            let scores = try cosine.scores(queries: collection.queries, documents: collection.documents, threads: threads)
            baseline.scores = scores
            return scores
        }
        var jobs: [() throws -> [RetrievalResult]] = []
        /// Adds one method's job; when it fails, its rows are one row with the error, and the
        /// sweep goes on.
        func attempt(_ method: String, k: Int, fraction: Double?, _ body: @escaping () throws -> [RetrievalResult]) {
            jobs.append {
                do { return try body() } catch {
                    return record(RetrievalResult(collection: collection.name, dimension: k, method: method, trainFraction: fraction,
                                                  trainQueries: 0, testQueries: test.count, parameters: 0, metrics: nil,
                                                  trainSeconds: 0, error: "\(error)"))
                }
            }
        }
        jobs.append {
            let raw = try cosine.scores(queries: testQueries, documents: collection.documents, threads: configuration.threads)
            return record(RetrievalResult(collection: collection.name, dimension: collection.dimension, method: "raw-cosine", trainFraction: nil,
                                          trainQueries: 0, testQueries: test.count, parameters: 0,
                                          metrics: try evaluate(scores: raw, test: test), trainSeconds: 0))
        }
        for k in configuration.dimensions {
            attempt("pca", k: k, fraction: nil) {
                let pca = try PrincipalComponents(fitting: collection.documents, count: k)
                let pcaScores = try cosine.scores(queries: pca.project(testQueries), documents: pca.project(collection.documents),
                                                  threads: configuration.threads)
                return record(RetrievalResult(collection: collection.name, dimension: k, method: "pca", trainFraction: nil, trainQueries: 0,
                                              testQueries: test.count, parameters: collection.dimension * k + collection.dimension,
                                              metrics: try evaluate(scores: pcaScores, test: test), trainSeconds: 0))
            }
            // The untrained models (fraction 0): does contrastive training help at all?
            for method in ["classical-head", "qi-head"] {
                attempt(method, k: k, fraction: 0) {
                    let (model, similarity) = try makeModel(method, k: k)
                    let scores = try similarity.scores(queries: Self.outputs(of: model, testQueries),
                                                       documents: Self.outputs(of: model, collection.documents), threads: configuration.threads)
                    return record(RetrievalResult(collection: collection.name, dimension: k, method: method, trainFraction: 0, trainQueries: 0,
                                                  testQueries: test.count, parameters: model.parameters.reduce(0) { $0 + $1.values.count },
                                                  metrics: try evaluate(scores: scores, test: test), trainSeconds: 0))
                }
            }
            for fraction in configuration.fractions {
                let count = max(1, Int((Double(train.count) * fraction).rounded()))
                let subset = Array(train.prefix(count))
                for method in ["classical-head", "qi-head"] {
                    attempt(method, k: k, fraction: fraction) {
                        var rows: [RetrievalResult] = []
                        let (model, similarity): (Layer, any PairSimilarity) = try makeModel(method, k: k)
                        let config = method == "qi-head" ? configuration.quantum : configuration.classical
                        let trainer = try ContrastiveTrainer(configuration: config)
                        let examples = trainer.examples(collection: collection, queries: subset, baselineScores: try baselineScores())
                        let start = Date()
                        try trainer.train(model, similarity: similarity, examples: examples, documents: collection.documents,
                                          queries: collection.queries)
                        let seconds = Date().timeIntervalSince(start)
                        let scores = try similarity.scores(queries: Self.outputs(of: model, testQueries),
                                                           documents: Self.outputs(of: model, collection.documents), threads: configuration.threads)
                        rows += record(RetrievalResult(collection: collection.name, dimension: k, method: method, trainFraction: fraction,
                                                       trainQueries: count, testQueries: test.count,
                                                       parameters: model.parameters.reduce(0) { $0 + $1.values.count },
                                                       metrics: try evaluate(scores: scores, test: test), trainSeconds: seconds))
                        if let head = model as? QuantumInspiredHead, fraction == configuration.fractions.last {
                            for backend in configuration.entangledBackends {
                                let start = Date()
                                let entangled = try Self.entangledScores(head: head, backend: backend, strength: configuration.entanglingStrength,
                                                                         queries: testQueries, documents: collection.documents,
                                                                         threads: configuration.threads)
                                let chi = backend.spec.maxBondDimension.map { " χ=\($0)" } ?? ""
                                rows += record(RetrievalResult(collection: collection.name, dimension: k, method: "entangled-\(backend.spec.name)\(chi)",
                                                               trainFraction: fraction, trainQueries: count, testQueries: test.count,
                                                               parameters: head.parameterCount, metrics: try evaluate(scores: entangled, test: test),
                                                               trainSeconds: Date().timeIntervalSince(start)))
                            }
                        }
                        return rows
                    }
                }
            }
        }
        return jobs
    }

    private static func entangledScores<C: BackendConfiguration>(
        head: QuantumInspiredHead, backend: C, strength: Double, queries: Matrix, documents: Matrix, threads: Int
    ) throws -> Matrix {
        try EntangledProjection(head: head, configuration: backend, strength: strength)
            .scores(queries: queries, documents: documents, threads: threads)
    }

    /// A fresh model of `method` with output size k and its similarity.
    public func makeModel(_ method: String, k: Int) throws -> (Layer, any PairSimilarity) {
        var g = SeededGenerator(seed: configuration.modelSeed)
        switch method {
        case "qi-head":
            let head = QuantumInspiredHead(plan: try .automatic(inputDimension: collection.dimension, outputDimension: k), generator: &g)
            head.threads = configuration.threads
            head.precision = configuration.precision
            return (head, FidelitySimilarity())
        case "classical-head":
            return (try ClassicalHead.make(inputDimension: collection.dimension, outputDimension: k, generator: &g),
                    CosineSimilarityMeasure())
        default:
            throw HeadError.invalidArgument("unknown method \(method) (qi-head, classical-head)")
        }
    }

    /// The model's outputs for a batch, through its inference path when it has one
    /// (`InferenceEncoding`).
    public static func outputs(of model: Layer, _ x: Matrix) throws -> Matrix {
        if let encoder = model as? any InferenceEncoding { return try encoder.encode(x) }
        return try model.forward(x)
    }
}

/// The paper's classical baseline: Linear(d → k) followed by tanh, compared by cosine.
public enum ClassicalHead {
    /// A fresh `Sequential([Dense(d → k), tanh])` with Xavier weights.
    /// - Throws: `TrainingError.invalidHyperparameter` for non-positive sizes.
    public static func make(inputDimension d: Int, outputDimension k: Int, generator: inout SeededGenerator) throws -> Sequential {
        try Sequential([Dense(inputSize: d, outputSize: k, generator: &generator, name: "classical"),
                        Activation(.tanh, size: k)])
    }

    /// Parameters of the classical head: d · k + k.
    public static func parameterCount(inputDimension d: Int, outputDimension k: Int) -> Int { d * k + k }
}

extension RetrievalResult {
    /// A Markdown table of `results`.
    public static func markdownTable(_ results: [RetrievalResult]) -> String {
        var lines = ["| collection | k | method | train queries | params | nDCG@10 | Recall@100 | MAP | train s |",
                     "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
        for r in results {
            let fraction = r.trainFraction.map { String(format: " (%.0f%%)", $0 * 100) } ?? ""
            func f(_ v: Double) -> String { String(format: "%.4f", v) }
            guard let metrics = r.metrics else {
                lines.append("| \(r.collection) | \(r.dimension) | \(r.method) | \(r.trainQueries)\(fraction) | - | failed: \(r.error ?? "unknown error") | | | |")
                continue
            }
            lines.append("| \(r.collection) | \(r.dimension) | \(r.method) | \(r.trainQueries)\(fraction) | \(r.parameters) | "
                         + "\(f(metrics.ndcgAt10)) | \(f(metrics.recallAt100)) | \(f(metrics.averagePrecision)) | "
                         + String(format: "%.1f", r.trainSeconds) + " |")
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// Hyper-parameters of label-free similarity distillation.
public struct DistillationConfiguration: Hashable, Sendable, Codable {
    /// Passes over the documents.
    public var epochs = 20
    /// Anchor documents per Adam step.
    public var batchSize = 32
    /// Nearest neighbours (by raw cosine) among each anchor's candidates.
    public var neighbours = 16
    /// Random documents among each anchor's candidates.
    public var randomCandidates = 48
    /// τ of the teacher: p = softmax(cos / τ) over the candidates.
    public var temperature = 0.05
    /// Adam's learning rate for the model's weights (the scale α learns at the same rate).
    public var learningRate = 0.01
    /// Seed of the batch order and the random candidates.
    public var seed: UInt64 = 1234

    /// The defaults.
    public init() {}

    /// Throws unless every value is in range.
    /// - Throws: `HeadError.invalidArgument`.
    public func validate() throws {
        guard epochs >= 0, batchSize >= 1, neighbours >= 0, randomCandidates >= 0, neighbours + randomCandidates >= 2,
              temperature > 0, temperature.isFinite, learningRate > 0, learningRate.isFinite else {
            throw HeadError.invalidArgument(
                "distillation needs epochs ≥ 0, batch size ≥ 1, at least two candidates, and a positive temperature and learning rate")
        }
    }
}

/// Trains a head without labels so that its similarities rank documents as the raw embeddings
/// do: for each anchor document, its nearest neighbours by raw cosine and some random
/// documents are the candidates, the teacher is p = softmax(cos(x_a, x_c) / τ) and the
/// student q = softmax(α · s(h(x_a), h(x_c))) with the model's own similarity s (log-fidelity
/// for the quantum-inspired head, cosine for the classical one) and a learned scale α = e^a.
/// The loss is the mean over anchors of KL(p ‖ q); gradients: ∂L/∂s_ac = α (q_ac − p_ac)/B and
/// ∂L/∂a = Σ α (q_ac − p_ac) s_ac / B.
///
/// No query is used for the gradient. When validation queries are given, the retrieval
/// nDCG@10 on them is measured before training and after every epoch and the best weights
/// (the untrained ones included) are kept — so training never ends below the untrained head
/// on the validation queries.
public struct DistillationTrainer {
    /// The settings.
    public let configuration: DistillationConfiguration

    /// Creates a trainer.
    /// - Throws: `HeadError.invalidArgument` for bad settings.
    public init(configuration: DistillationConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// What a training run did.
    public struct History: Sendable {
        /// Mean KL per epoch.
        public var losses: [Double] = []
        /// Validation nDCG@10 before training (index 0) and after each epoch (empty without validation).
        public var validationNDCG: [Double] = []
        /// The epoch whose weights were kept (0 = untrained).
        public var keptEpoch: Int
        /// The learned scale α at the end.
        public var scale: Double
    }

    /// Queries to select the best epoch on: their rows and graded relevance per query.
    public struct Validation {
        /// Query embeddings, one row per query.
        public var queries: Matrix
        /// Relevance (document row → grade) of each query, in row order.
        public var relevance: [[Int: Int]]
        /// The similarity that ranks documents for the model.
        public var ranking: any PairSimilarity

        /// Creates validation data.
        public init(queries: Matrix, relevance: [[Int: Int]], ranking: any PairSimilarity) {
            self.queries = queries
            self.relevance = relevance
            self.ranking = ranking
        }
    }

    /// Trains `model` on `documents` with the student similarity `student`.
    /// - Throws: `HeadError.invalidArgument` for too few documents, shape errors from the
    ///   model, `TrainingError.nonFiniteValue` when the loss diverges.
    @discardableResult
    public func train(_ model: Layer, student: some PairSimilarity, documents: Matrix, validation: Validation? = nil,
                      threads: Int = 0) throws -> History {
        let c = configuration
        let n = documents.rows
        guard n >= 2, c.neighbours < n else {
            throw HeadError.invalidArgument("distillation needs more documents (\(n)) than neighbours per anchor (\(c.neighbours))")
        }
        guard documents.columns == model.inputSize else {
            throw HeadError.dimensionMismatch("the model takes \(model.inputSize) features, documents have \(documents.columns)")
        }
        let normalized = CosineSimilarity.normalizedRows(documents)
        let neighbours = try Self.nearestNeighbours(of: normalized, count: c.neighbours)
        let logScale = ParameterTensor(name: "distillation.log_alpha", shape: [1], values: [0])
        let optimizer = try Adam(learningRate: c.learningRate)
        var generator = SeededGenerator(seed: c.seed)
        var history = History(keptEpoch: 0, scale: 1)
        var best: (score: Double, epoch: Int, weights: [[Double]])?
        if let validation {
            best = (try Self.ndcg(model, validation, documents: documents, threads: threads), 0, model.parameters.map(\.values))
            history.validationNDCG.append(best!.score)
        }
        for epoch in stride(from: 1, through: c.epochs, by: 1) {
            var total = 0.0
            for batch in try Batching.miniBatches(count: n, batchSize: c.batchSize, shuffle: true, generator: &generator) {
                let candidates = batch.map { a -> [Int] in
                    neighbours[a] + (0..<c.randomCandidates).map { _ in
                        var r = Int(generator.next() % UInt64(n - 1))
                        if r >= a { r += 1 }
                        return r
                    }
                }
                total += try step(model, student: student, logScale: logScale, anchors: batch, candidates: candidates,
                                  documents: documents, normalized: normalized, optimizer: optimizer) * Double(batch.count)
            }
            let loss = total / Double(n)
            guard loss.isFinite else { throw TrainingError.nonFiniteValue("distillation loss at epoch \(epoch)") }
            history.losses.append(loss)
            if let v = validation, let current = best {
                let score = try Self.ndcg(model, v, documents: documents, threads: threads)
                history.validationNDCG.append(score)
                if score > current.score { best = (score, epoch, model.parameters.map(\.values)) }
            }
        }
        if let b = best {
            for (tensor, values) in zip(model.parameters, b.weights) { tensor.values = values }
            history.keptEpoch = b.epoch
        } else {
            history.keptEpoch = c.epochs
        }
        history.scale = Foundation.exp(logScale.values[0])
        return history
    }

    /// Rows of cosines computed at once: memory for the neighbour search is this many rows of
    /// documents, not n × n (a corpus of 10^5 documents would need 80 GB for the full matrix).
    static let neighbourBlockRows = 256

    /// Every document's `count` nearest other documents by cosine (rows of `normalized` have
    /// unit norm), from row blocks of the cosine matrix.
    static func nearestNeighbours(of normalized: Matrix, count: Int) throws -> [[Int]] {
        let n = normalized.rows
        var result: [[Int]] = []
        result.reserveCapacity(n)
        for start in stride(from: 0, to: n, by: neighbourBlockRows) {
            let rows = Array(start..<min(start + neighbourBlockRows, n))
            let block = try Matrix.product(normalized.rows(rows), normalized, transposingRight: true)
            for (r, a) in rows.enumerated() {
                result.append(Array(RetrievalMetrics.ranking(scores: block.row(r)).lazy.filter { $0 != a }.prefix(count)))
            }
        }
        return result
    }

    /// The cosine of documents `a` and `b` (rows of unit norm).
    static func cosine(_ normalized: Matrix, _ a: Int, _ b: Int) -> Double {
        let d = normalized.columns
        return normalized.elements.withUnsafeBufferPointer { e in
            var sum = 0.0
            for c in 0..<d { sum += e[a * d + c] * e[b * d + c] }
            return sum
        }
    }

    /// One Adam step on a batch of anchors; returns the batch's mean KL.
    private func step(_ model: Layer, student: some PairSimilarity, logScale: ParameterTensor, anchors: [Int],
                      candidates: [[Int]], documents: Matrix, normalized: Matrix, optimizer: Adam) throws -> Double {
        let perAnchor = candidates.first?.count ?? 0
        // Rows: the anchors, then every anchor's candidates in order.
        let rowIndices = anchors + candidates.flatMap { $0 }
        let output = try model.forward(documents.rows(rowIndices))
        var gradient = Matrix(zeros: output.rows, output.columns)
        let width = output.columns, alpha = Foundation.exp(logScale.values[0]), tau = configuration.temperature
        let scale = 1 / Double(anchors.count)
        var loss = 0.0, alphaGradient = 0.0
        output.elements.withUnsafeBufferPointer { o in
            gradient.elements.withUnsafeMutableBufferPointer { g in
                func row(_ r: Int) -> UnsafeBufferPointer<Double> { UnsafeBufferPointer(rebasing: o[(r * width)..<((r + 1) * width)]) }
                func gradientRow(_ r: Int) -> UnsafeMutableBufferPointer<Double> {
                    UnsafeMutableBufferPointer(rebasing: g[(r * width)..<((r + 1) * width)])
                }
                for (i, a) in anchors.enumerated() {
                    let first = anchors.count + i * perAnchor
                    let scores = (0..<perAnchor).map { student.value(row(i), row(first + $0)) }
                    let logP = SimilarityDistillationLoss.logSoftmax(candidates[i].map { Self.cosine(normalized, a, $0) / tau })
                    let logQ = SimilarityDistillationLoss.logSoftmax(scores.map { alpha * $0 })
                    for m in 0..<perAnchor {
                        let p = Foundation.exp(logP[m]), q = Foundation.exp(logQ[m])
                        loss += p * (logP[m] - logQ[m]) * scale
                        let dLogit = (q - p) * scale
                        alphaGradient += dLogit * scores[m]
                        student.accumulateGradient(row(i), row(first + m), scale: dLogit * alpha,
                                                   gradientA: gradientRow(i), gradientB: gradientRow(first + m))
                    }
                }
            }
        }
        try model.accumulateParameterGradients(gradient)
        logScale.gradient[0] = alphaGradient * alpha
        try optimizer.step(model.parameters + [logScale])
        model.parameters.forEach { $0.zeroGradient() }
        logScale.zeroGradient()
        return loss
    }

    /// Mean nDCG@10 of `model` on the validation queries.
    static func ndcg(_ model: Layer, _ v: Validation, documents: Matrix, threads: Int) throws -> Double {
        let scores = try v.ranking.scores(queries: RetrievalExperiment.outputs(of: model, v.queries),
                                          documents: RetrievalExperiment.outputs(of: model, documents), threads: threads)
        return try RetrievalMetrics.mean(scores: scores, relevance: v.relevance).ndcgAt10
    }
}

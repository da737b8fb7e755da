import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// Hyper-parameters of contrastive training.
public struct ContrastiveConfiguration: Hashable, Sendable, Codable {
    /// Passes over the training queries.
    public var epochs = 20
    /// Queries per Adam step.
    public var batchSize = 16
    /// Hard negatives per query (the top-ranked non-relevant documents of the baseline).
    public var negatives = 7
    /// Logit scale s: logits are s · sim.
    public var scale = 20.0
    /// Adam's learning rate.
    public var learningRate = 0.01
    /// Seed for shuffling and positive sampling.
    public var seed: UInt64 = 1234

    /// The defaults.
    public init() {}

    /// Throws unless every value is in range.
    public func validate() throws {
        guard epochs >= 1, batchSize >= 1, negatives >= 1, scale > 0, scale.isFinite, learningRate > 0 else {
            throw HeadError.invalidArgument("epochs, batch size and negatives must be ≥ 1, scale and learning rate positive")
        }
    }
}

/// One training query: its embedding row, its relevant documents and its hard negatives.
public struct ContrastiveExample: Hashable, Sendable {
    /// Query row in the collection.
    public let query: Int
    /// Relevant document rows (one is drawn per epoch as the positive).
    public let positives: [Int]
    /// Hard-negative document rows.
    public let negatives: [Int]

    /// Creates an example.
    public init(query: Int, positives: [Int], negatives: [Int]) {
        self.query = query
        self.positives = positives
        self.negatives = negatives
    }
}

/// Contrastive training as in the paper: for each query a positive and hard negatives,
/// cross-entropy over the scaled similarities s · sim(h(q), h(d)), Adam on the model's weights.
public struct ContrastiveTrainer {
    /// The settings.
    public let configuration: ContrastiveConfiguration
    /// When set, every batch of queries is shared by the processes of this data-parallel group
    /// in its fixed partitions, and every process ends each step with the same weights, for
    /// any number of processes. `nil`: the whole batch in one pass.
    public var dataParallel: DataParallelGradients?

    /// Creates a trainer.
    /// - Throws: `HeadError.invalidArgument` for bad settings.
    public init(configuration: ContrastiveConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Builds examples for `queries` of `collection`: positives are the relevant documents,
    /// negatives the best-ranked non-relevant documents under `baselineScores` (query × doc).
    public func examples(collection: IRCollection, queries: [Int], baselineScores: Matrix) -> [ContrastiveExample] {
        queries.compactMap { q in
            let rel = collection.relevance[q] ?? [:]
            let positives = rel.filter { $0.value > 0 }.keys.sorted()
            guard !positives.isEmpty else { return nil }
            let ranking = RetrievalMetrics.ranking(scores: baselineScores.row(q))
            let negatives = Array(ranking.lazy.filter { (rel[$0] ?? 0) <= 0 }.prefix(configuration.negatives))
            return ContrastiveExample(query: q, positives: positives, negatives: negatives)
        }
    }

    /// Trains `model` and returns the mean loss of every epoch.
    /// - Throws: shape errors from the model, `TrainingError.nonFiniteValue` from Adam.
    @discardableResult
    public func train(_ model: Layer, similarity: some PairSimilarity, examples: [ContrastiveExample],
                      documents: Matrix, queries: Matrix) throws -> [Double] {
        guard !examples.isEmpty else { throw HeadError.invalidArgument("no training queries with relevant documents") }
        var generator = SeededGenerator(seed: configuration.seed)
        let optimizer = try Adam(learningRate: configuration.learningRate)
        var losses: [Double] = []
        for _ in 0..<configuration.epochs {
            var total = 0.0
            for batch in try Batching.miniBatches(count: examples.count, batchSize: configuration.batchSize, shuffle: true,
                                                  generator: &generator) {
                let chosen = batch.map { examples[$0] }
                let positives = chosen.map { $0.positives[Int(generator.next() % UInt64($0.positives.count))] }
                if let dataParallel {
                    // Each partition's loss sum and gradients (scaled by the whole batch), added in
                    // the partitions' fixed order on every process.
                    let sum = try dataParallel.accumulate(model.parameters, batchSize: chosen.count) { _, positions in
                        try accumulateGradients(model, similarity: similarity, examples: Array(chosen[positions]),
                                                positives: Array(positives[positions]), documents: documents,
                                                queries: queries, batchSize: chosen.count)
                    }
                    try optimizer.step(model.parameters)
                    model.parameters.forEach { $0.zeroGradient() }
                    total += sum / Double(chosen.count) * Double(batch.count)
                    continue
                }
                total += try step(model, similarity: similarity, examples: chosen, positives: positives,
                                  documents: documents, queries: queries, optimizer: optimizer) * Double(batch.count)
            }
            losses.append(total / Double(examples.count))
        }
        return losses
    }

    /// One Adam step on a batch; returns the batch's mean loss.
    private func step(_ model: Layer, similarity: some PairSimilarity, examples: [ContrastiveExample], positives: [Int],
                      documents: Matrix, queries: Matrix, optimizer: Adam) throws -> Double {
        let loss = try accumulateGradients(model, similarity: similarity, examples: examples, positives: positives,
                                           documents: documents, queries: queries, batchSize: examples.count)
        try optimizer.step(model.parameters)
        model.parameters.forEach { $0.zeroGradient() }
        return loss / Double(examples.count)
    }

    /// Runs `examples` (part or all of a batch of `batchSize` queries) forward, accumulates the
    /// gradients of their share of the batch's mean loss into the model's tensors, and returns
    /// the sum of their losses.
    private func accumulateGradients(_ model: Layer, similarity: some PairSimilarity, examples: [ContrastiveExample],
                                     positives: [Int], documents: Matrix, queries: Matrix, batchSize: Int) throws -> Double {
        // Rows: every query, then each query's candidates (positive first, then negatives).
        var rows: [[Double]] = examples.map { queries.row($0.query) }
        var candidateRows: [[Int]] = []
        for (e, p) in zip(examples, positives) {
            var list: [Int] = []
            for d in [p] + e.negatives { list.append(rows.count); rows.append(documents.row(d)) }
            candidateRows.append(list)
        }
        let output = try model.forward(Matrix(rows: rows))
        var gradient = Matrix(zeros: output.rows, output.columns)
        let width = output.columns, s = configuration.scale
        var loss = 0.0
        output.elements.withUnsafeBufferPointer { o in
            gradient.elements.withUnsafeMutableBufferPointer { g in
                for (i, candidates) in candidateRows.enumerated() {
                    let q = UnsafeBufferPointer(rebasing: o[(i * width)..<((i + 1) * width)])
                    let logits = candidates.map { c in s * similarity.value(q, UnsafeBufferPointer(rebasing: o[(c * width)..<((c + 1) * width)])) }
                    let top = logits.max()!
                    let weights = logits.map { Foundation.exp($0 - top) }
                    let z = weights.reduce(0, +)
                    loss += -(logits[0] - top) + Foundation.log(z)
                    for (m, c) in candidates.enumerated() {
                        let dLogit = (weights[m] / z - (m == 0 ? 1 : 0)) * s / Double(batchSize)
                        similarity.accumulateGradient(q, UnsafeBufferPointer(rebasing: o[(c * width)..<((c + 1) * width)]), scale: dLogit,
                                                      gradientA: UnsafeMutableBufferPointer(rebasing: g[(i * width)..<((i + 1) * width)]),
                                                      gradientB: UnsafeMutableBufferPointer(rebasing: g[(c * width)..<((c + 1) * width)]))
                    }
                }
            }
        }
        try model.accumulateParameterGradients(gradient)   // the input needs no gradient
        return loss
    }
}

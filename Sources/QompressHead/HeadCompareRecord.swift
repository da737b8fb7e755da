import Foundation
import QompressCore

/// One row of `qompress head compare`: a method at output size k on the test queries of one
/// seed's split. Encoded with snake_case keys, one JSON object per (method, k, seed).
public struct HeadCompareRecord: Hashable, Sendable, Codable {
    /// "qi", "qi-<variant>", "classical", "pca", "pca-euclidean" or "raw".
    public var method: String
    /// The collection's name.
    public var collection: String
    /// The output size (the embedding width for `raw`).
    public var k: Int
    /// The seed of the split, the initial weights and the training order.
    public var seed: UInt64
    /// Every stored number of the method (0 for raw).
    public var params: Int
    /// Mean nDCG@10, MAP and Recall@100 over the test queries.
    public var ndcg10: Double, map: Double, recall100: Double
    /// nDCG@10 of the same model before training (trained methods only).
    public var ndcg10Untrained: Double?
    /// The epoch whose weights were kept by validation on the training queries (0 = untrained).
    public var keptEpoch: Int?
    /// Test and training queries of the split.
    public var testQueries: Int, trainQueries: Int
    /// Wall-clock seconds of training (or fitting).
    public var trainSeconds: Double

    enum CodingKeys: String, CodingKey {
        case method, collection, k, seed, params, ndcg10, map, recall100
        case ndcg10Untrained = "ndcg10_untrained"
        case keptEpoch = "kept_epoch"
        case testQueries = "test_queries", trainQueries = "train_queries"
        case trainSeconds = "train_seconds"
    }

    /// Creates a record.
    public init(method: String, collection: String, k: Int, seed: UInt64, params: Int, metrics: RetrievalMetrics,
                untrained: RetrievalMetrics? = nil, keptEpoch: Int? = nil, testQueries: Int, trainQueries: Int,
                trainSeconds: Double = 0) {
        self.method = method
        self.collection = collection
        self.k = k
        self.seed = seed
        self.params = params
        ndcg10 = metrics.ndcgAt10
        map = metrics.averagePrecision
        recall100 = metrics.recallAt100
        ndcg10Untrained = untrained?.ndcgAt10
        self.keptEpoch = keptEpoch
        self.testQueries = testQueries
        self.trainQueries = trainQueries
        self.trainSeconds = trainSeconds
    }

    /// A Markdown table of mean ± sd over seeds, one line per (collection, method, k), in
    /// first-seen order.
    public static func summaryTable(_ records: [HeadCompareRecord]) -> String {
        var lines = ["| collection | method | k | params | seeds | nDCG@10 | untrained | MAP | Recall@100 |",
                     "|---|---|---:|---:|---:|---|---|---|---|"]
        for g in records.groupedInOrder(by: { "\($0.collection)|\($0.method)|\($0.k)" }) {
            let untrained = g.compactMap(\.ndcg10Untrained)
            lines.append("| \(g[0].collection) | \(g[0].method) | \(g[0].k) | \(g[0].params) | \(g.count) | "
                         + "\(SampleSummary(g.map(\.ndcg10))) | \(untrained.isEmpty ? "" : SampleSummary(untrained).description) | "
                         + "\(SampleSummary(g.map(\.map))) | \(SampleSummary(g.map(\.recall100))) |")
        }
        return lines.joined(separator: "\n")
    }
}

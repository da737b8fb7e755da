import Foundation
import QompressLinearAlgebra

/// Per-query retrieval metrics over a full ranking of the collection.
public struct RetrievalMetrics: Hashable, Sendable, Codable {
    /// nDCG@10 with gain 2^rel − 1 and discount log2(rank + 1) (rank from 1).
    public var ndcgAt10: Double
    /// The fraction of relevant documents (rel > 0) in the top 100.
    public var recallAt100: Double
    /// Average precision over the whole ranking (MAP when averaged over queries).
    public var averagePrecision: Double

    /// Creates a record.
    public init(ndcgAt10: Double, recallAt100: Double, averagePrecision: Double) {
        self.ndcgAt10 = ndcgAt10
        self.recallAt100 = recallAt100
        self.averagePrecision = averagePrecision
    }

    /// The metrics of `ranking` (document indices, best first) against graded `relevance`
    /// (document index → grade; grades ≤ 0 count as not relevant).
    /// - Throws: `HeadError.invalidArgument` when no document is relevant.
    public static func evaluate(ranking: [Int], relevance: [Int: Int]) throws -> RetrievalMetrics {
        let relevant = relevance.filter { $0.value > 0 }
        guard !relevant.isEmpty else { throw HeadError.invalidArgument("a query without relevant documents cannot be evaluated") }
        func gain(_ grade: Int) -> Double { pow(2, Double(grade)) - 1 }
        var dcg = 0.0
        for (i, doc) in ranking.prefix(10).enumerated() { dcg += gain(relevance[doc] ?? 0) / log2(Double(i + 2)) }
        var idcg = 0.0
        for (i, grade) in relevant.values.sorted(by: >).prefix(10).enumerated() { idcg += gain(grade) / log2(Double(i + 2)) }
        let found100 = ranking.prefix(100).filter { (relevance[$0] ?? 0) > 0 }.count
        var hits = 0, precisionSum = 0.0
        for (i, doc) in ranking.enumerated() where (relevance[doc] ?? 0) > 0 {
            hits += 1
            precisionSum += Double(hits) / Double(i + 1)
        }
        return RetrievalMetrics(ndcgAt10: dcg / idcg, recallAt100: Double(found100) / Double(relevant.count),
                                averagePrecision: precisionSum / Double(relevant.count))
    }

    /// The mean of several records (each metric averaged over queries).
    /// - Throws: `HeadError.invalidArgument` for an empty list.
    public static func mean(_ records: [RetrievalMetrics]) throws -> RetrievalMetrics {
        guard !records.isEmpty else { throw HeadError.invalidArgument("no queries to average over") }
        let n = Double(records.count)
        return RetrievalMetrics(ndcgAt10: records.map(\.ndcgAt10).reduce(0, +) / n,
                                recallAt100: records.map(\.recallAt100).reduce(0, +) / n,
                                averagePrecision: records.map(\.averagePrecision).reduce(0, +) / n)
    }

    /// The mean metrics of a score matrix (one row per query, one column per document) against
    /// each query's relevance.
    /// - Throws: `HeadError.invalidArgument` for NaN or infinite scores (a NaN would rank
    ///   arbitrarily), a row count that differs from the relevance lists, or a query without
    ///   relevant documents.
    public static func mean(scores: Matrix, relevance: [[Int: Int]]) throws -> RetrievalMetrics {
        guard scores.rows == relevance.count else {
            throw HeadError.invalidArgument("\(scores.rows) score rows for \(relevance.count) queries")
        }
        guard scores.isFinite else {
            throw HeadError.invalidArgument("the model's scores hold NaN or infinite values; they cannot be ranked")
        }
        return try mean(relevance.enumerated().map { i, rel in
            try evaluate(ranking: ranking(scores: scores.row(i)), relevance: rel)
        })
    }

    /// Document indices by descending score, ties by ascending index.
    public static func ranking(scores: some Collection<Double>) -> [Int] {
        let s = Array(scores)
        return s.indices.sorted { s[$0] != s[$1] ? s[$0] > s[$1] : $0 < $1 }
    }
}

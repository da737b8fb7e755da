import QompressLinearAlgebra
import QompressTraining

/// Cross-modal retrieval by nearest neighbours.
public enum Retrieval {
    /// How queries are compared with candidates.
    public enum Score: String, Sendable, Codable {
        /// Smaller Euclidean distance ranks first.
        case euclidean
        /// Larger cosine similarity ranks first.
        case cosine
    }

    /// Recall@K for every K in `ks`: the fraction of queries with at least one relevant
    /// candidate among the K best-ranked. Ties are broken against the query (a relevant
    /// candidate tied with an irrelevant one does not count as ranked ahead of it).
    /// - Parameters:
    ///   - queries: one query per row.
    ///   - candidates: one candidate per row, the same width as the queries.
    ///   - relevant: for every query, the candidate rows that count as hits (non-empty).
    ///   - ks: the K values.
    ///   - score: how a query and a candidate are compared.
    /// - Throws: `ACQUAError.dimensionMismatch` for inconsistent shapes or indices,
    ///   `ACQUAError.nonFiniteResult` for NaN or infinite vectors.
    public static func recall(queries: Matrix, candidates: Matrix, relevant: [[Int]], ks: [Int],
                              score: Score) throws -> [Int: Double] {
        guard queries.columns == candidates.columns, relevant.count == queries.rows, candidates.rows > 0 else {
            throw ACQUAError.dimensionMismatch(
                "\(queries.rows) queries of width \(queries.columns), \(candidates.rows) candidates of width \(candidates.columns), \(relevant.count) relevance lists")
        }
        guard relevant.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (0..<candidates.rows).contains($0) } }) else {
            throw ACQUAError.dimensionMismatch("every query needs at least one relevant candidate in range")
        }
        guard queries.isFinite, candidates.isFinite else {
            throw ACQUAError.nonFiniteResult("retrieval needs finite vectors; a NaN would count as a hit")
        }
        let q = score == .cosine ? CosineSimilarity.normalizedRows(queries) : queries
        let c = score == .cosine ? CosineSimilarity.normalizedRows(candidates) : candidates
        let dots = try Matrix.product(q, c, transposingRight: true)
        let candidateNorms = (0..<c.rows).map { r in (0..<c.columns).reduce(0.0) { $0 + c[r, $1] * c[r, $1] } }
        var hits = [Int: Int]()
        for r in 0..<q.rows {
            // A badness per candidate: smaller is better.
            let badness = (0..<c.rows).map { j in score == .cosine ? -dots[r, j] : candidateNorms[j] - 2 * dots[r, j] }
            let best = relevant[r].map { badness[$0] }.min()!
            let ahead = badness.enumerated().filter { !relevant[r].contains($0.offset) && $0.element <= best }.count
            for k in ks where ahead < k { hits[k, default: 0] += 1 }
        }
        return Dictionary(uniqueKeysWithValues: ks.map { ($0, Double(hits[$0] ?? 0) / Double(q.rows)) })
    }
}

import Foundation
import Testing
import QompressHead

@Test func ndcgRecallAndAveragePrecisionMatchHandComputedValues() throws {
    // Ranking 3, 0, 1, 2, 4; relevance: doc 0 → 2, doc 2 → 1.
    let m = try RetrievalMetrics.evaluate(ranking: [3, 0, 1, 2, 4], relevance: [0: 2, 2: 1, 4: 0])
    let dcg = 3 / log2(3.0) + 1 / log2(5.0)
    let idcg = 3 / log2(2.0) + 1 / log2(3.0)
    #expect(abs(m.ndcgAt10 - dcg / idcg) < 1e-12)
    #expect(m.recallAt100 == 1)
    #expect(abs(m.averagePrecision - (1.0 / 2 + 2.0 / 4) / 2) < 1e-12)
}

@Test func recallAt100CountsOnlyTheTopHundred() throws {
    let ranking = Array(0..<150)
    let m = try RetrievalMetrics.evaluate(ranking: ranking, relevance: [5: 1, 120: 1])
    #expect(m.recallAt100 == 0.5)
    #expect(abs(m.averagePrecision - (1.0 / 6 + 2.0 / 121) / 2) < 1e-12)
}

@Test func rankingBreaksTiesByIndexAndQueriesWithoutRelevantDocumentsThrow() throws {
    #expect(RetrievalMetrics.ranking(scores: [0.5, 0.9, 0.5, 0.1]) == [1, 0, 2, 3])
    #expect(throws: HeadError.self) { try RetrievalMetrics.evaluate(ranking: [0, 1], relevance: [0: 0]) }
}

import QompressCore
@testable import QompressHead
import QompressLinearAlgebra
import QompressTraining
import Testing

@Test("the blocked neighbour search of distillation equals a ranking of the full cosine matrix, across block edges")
func blockedNeighboursMatchTheFullMatrix() throws {
    var g = SeededGenerator(seed: 8)
    let n = DistillationTrainer.neighbourBlockRows + 45, d = 10
    let documents = CosineSimilarity.normalizedRows(try Matrix(rows: n, columns: d, elements: (0..<(n * d)).map { _ in g.nextGaussian() }))
    let blocked = try DistillationTrainer.nearestNeighbours(of: documents, count: 5)
    #expect(blocked.count == n)
    for a in [0, 1, DistillationTrainer.neighbourBlockRows - 1, DistillationTrainer.neighbourBlockRows, n - 1] {
        let cosines = (0..<n).map { DistillationTrainer.cosine(documents, a, $0) }
        let expected = (0..<n).filter { $0 != a }.sorted { cosines[$0] > cosines[$1] }.prefix(5)
        #expect(blocked[a] == Array(expected), "anchor \(a)")
        #expect(!blocked[a].contains(a))
    }
}

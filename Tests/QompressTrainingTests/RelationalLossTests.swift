import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining
import Testing

private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) throws -> Matrix {
    var g = SeededGenerator(seed: seed)
    return try Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in 2 * g.nextUnit() - 1 })
}

/// Checks every entry of `analytic` against central differences of `value` in `m`.
private func expectGradient(_ m: inout Matrix, _ analytic: Matrix, tolerance: Double, _ value: (Matrix) throws -> Double) throws {
    let h = 1e-6
    for i in 0..<m.elements.count {
        let saved = m.elements[i]
        m.elements[i] = saved + h
        let up = try value(m)
        m.elements[i] = saved - h
        let down = try value(m)
        m.elements[i] = saved
        #expect(abs((up - down) / (2 * h) - analytic.elements[i]) < tolerance, "entry \(i)")
    }
}

@Suite("Relational losses")
struct RelationalLossTests {
    @Test("similarity distillation: gradients with respect to both batches match finite differences")
    func distillationGradientsMatchFiniteDifferences() throws {
        var a = try randomMatrix(5, 3, seed: 1), b = try randomMatrix(4, 3, seed: 2)
        let teacher = try randomMatrix(5, 4, seed: 3)
        let r = try SimilarityDistillationLoss.evaluate(queries: a, candidates: b, teacherSimilarities: teacher, temperature: 0.3)
        #expect(r.value > 0)
        let bFixed = b, aFixed = a
        try expectGradient(&a, r.gradientQueries, tolerance: 1e-7) {
            try SimilarityDistillationLoss.evaluate(queries: $0, candidates: bFixed, teacherSimilarities: teacher, temperature: 0.3).value
        }
        try expectGradient(&b, r.gradientCandidates, tolerance: 1e-7) {
            try SimilarityDistillationLoss.evaluate(queries: aFixed, candidates: $0, teacherSimilarities: teacher, temperature: 0.3).value
        }
    }

    @Test("similarity distillation is zero when latents are the unit-norm originals (‖x − y‖² = 2 − 2 cos)")
    func distillationVanishesOnTheTeacher() throws {
        let a = CosineSimilarity.normalizedRows(try randomMatrix(6, 4, seed: 4))
        let b = CosineSimilarity.normalizedRows(try randomMatrix(3, 4, seed: 5))
        let cosines = try Matrix.product(a, b, transposingRight: true)
        let r = try SimilarityDistillationLoss.evaluate(queries: a, candidates: b, teacherSimilarities: cosines, temperature: 0.05)
        #expect(abs(r.value) < 1e-12)
        #expect(r.gradientQueries.elements.allSatisfy { abs($0) < 1e-10 })
        #expect(throws: TrainingError.self) {
            try SimilarityDistillationLoss.evaluate(queries: a, candidates: b, teacherSimilarities: cosines, temperature: 0)
        }
        #expect(throws: TrainingError.self) {
            try SimilarityDistillationLoss.evaluate(queries: a, candidates: b, teacherSimilarities: cosines.map { _ in .nan }, temperature: 1)
        }
    }

    @Test("distance correlation: gradients match finite differences; zero for an affine map of the targets")
    func correlationGradientsAndClosedForm() throws {
        var a = try randomMatrix(4, 3, seed: 6), b = try randomMatrix(5, 3, seed: 7)
        let pairs = DistanceCorrelationLoss.allPairs(rows: 4, columns: 5)
        var g = SeededGenerator(seed: 8)
        let targets = pairs.map { _ in g.nextUnit() }
        let r = try DistanceCorrelationLoss.evaluate(a, b, pairs: pairs, targets: targets)
        #expect(r.value > 0 && r.value < 2)
        let aFixed = a, bFixed = b
        try expectGradient(&a, r.gradientA, tolerance: 1e-7) {
            try DistanceCorrelationLoss.evaluate($0, bFixed, pairs: pairs, targets: targets).value
        }
        try expectGradient(&b, r.gradientB, tolerance: 1e-7) {
            try DistanceCorrelationLoss.evaluate(aFixed, $0, pairs: pairs, targets: targets).value
        }
        // Targets that are 3 · (latent distance) + 1 correlate perfectly.
        let distances = try PairwiseDistances.squared(a, b)
        let affine = pairs.map { 3 * distances[$0.0, $0.1].squareRoot() + 1 }
        #expect(abs(try DistanceCorrelationLoss.evaluate(a, b, pairs: pairs, targets: affine).value) < 1e-12)
        #expect(throws: TrainingError.self) { try DistanceCorrelationLoss.evaluate(a, b, pairs: [(4, 0), (0, 0)], targets: [1, 2]) }
    }
}

@Suite("Sample summaries")
struct SampleSummaryTests {
    @Test("mean and sample standard deviation of seeds")
    func meanAndDeviation() {
        let s = SampleSummary([0.2, 0.4, 0.6])
        #expect(abs(s.mean - 0.4) < 1e-15 && abs(s.standardDeviation - 0.2) < 1e-15)
        #expect(s.description == "0.400 ± 0.200")
        #expect(SampleSummary([0.5]).description == "0.500")
        #expect(SampleSummary([]).description == "n/a")
    }

    @Test("grouping keeps the order in which each key first appears")
    func groupingKeepsFirstSeenOrder() {
        let groups = [3, 1, 4, 1, 5, 9, 2, 6].groupedInOrder { $0 % 3 }
        #expect(groups == [[3, 9, 6], [1, 4, 1], [5, 2]])
    }
}

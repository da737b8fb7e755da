import Foundation
import Qompress
import QompressACQUA
import Testing

@Suite("CLIP-ACQUA metrics, PCA and figure")
struct ACQUAMetricsTests {
    @Test("Pearson and Spearman match hand-computed values, with ties sharing their mean rank")
    func correlations() throws {
        #expect(abs(try Correlation.pearson([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-15)
        #expect(abs(try Correlation.pearson([1, 2, 3], [3, 1, 2]) + 0.5) < 1e-15)
        #expect(Correlation.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
        // x ranks [1, 2.5, 2.5, 4], y ranks [1, 2, 3, 4]: ρ = 4.5 / √(4.5 · 5).
        let rho = try Correlation.spearman([1, 2, 2, 3], [1, 2, 3, 4])
        #expect(abs(rho - 4.5 / (4.5 * 5).squareRoot()) < 1e-12)
        #expect(try Correlation.pearson([1, 1, 1], [1, 2, 3]) == 0)
        #expect(throws: ACQUAError.self) { try Correlation.spearman([1, 2], [1]) }
    }

    @Test("Recall@K counts a query as a hit when a relevant candidate is among its K nearest")
    func recallAtK() throws {
        let candidates = try Matrix(rows: [[0, 0], [1, 0], [0, 1], [5, 5]])
        let queries = try Matrix(rows: [[0.1, 0], [0.9, 0.1], [4, 4]])
        // Query 0 wants candidate 0 (rank 1), query 1 wants candidate 2 (rank 3), query 2 wants 3 or 0 (rank 1).
        let recall = try Retrieval.recall(queries: queries, candidates: candidates, relevant: [[0], [2], [0, 3]],
                                          ks: [1, 2, 3], score: .euclidean)
        #expect(recall[1] == 2.0 / 3 && recall[2] == 2.0 / 3 && recall[3] == 1)
        #expect(throws: ACQUAError.self) {
            try Retrieval.recall(queries: queries, candidates: candidates, relevant: [[0], [9], [1]], ks: [1], score: .cosine)
        }
    }

    @Test("PCA through dsyevd recovers data lying in a k-dimensional subspace exactly")
    func pcaRecoversLowRankData() throws {
        var g = SeededGenerator(seed: 2)
        let basis = try Matrix(rows: 2, columns: 6, elements: (0..<12).map { _ in g.nextGaussian() })
        let coefficients = try Matrix(rows: 30, columns: 2, elements: (0..<60).map { _ in g.nextGaussian() })
        var data = try Matrix.product(coefficients, basis)
        try data.addToEachRow([1, 2, 3, 4, 5, 6])
        let pca = try PrincipalComponents(fitting: data, count: 2)
        let back = try pca.reconstruct(try pca.project(data))
        #expect(zip(back.elements, data.elements).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(pca.variances[0] >= pca.variances[1])
        #expect(throws: MatrixError.self) { try PrincipalComponents(fitting: data, count: 7) }
    }

    @Test("the evaluation of PCA on the bundled-like synthetic data has sane ranges")
    func evaluationRanges() throws {
        var generator = SyntheticCLIPPairs()
        generator.dimension = 32
        let data = try generator.generate(count: 60, seed: 8)
        let (train, held) = try data.split(validationFraction: 0.25, seed: 1)
        let pca = try PCABaseline(fitting: train, latentDimension: 8)
        let e = try ACQUAEvaluation(of: pca, on: held, distance: .euclidean, randomPairCount: 100, seed: 3)
        #expect(e.images == 15 && e.texts == 15 && e.randomPairs.pairs == 100)
        #expect(e.imageReconstruction.meanCosine > 0.5 && e.imageReconstruction.meanCosine <= 1)
        #expect(e.originalRetrieval.textToImage[10]! >= e.originalRetrieval.textToImage[1]!)
        #expect(e.parameters == ParameterCounts(total: 32 * 8 + 32, quantum: 0))
        let json = try ACQUAReport.json(e)
        #expect(json.contains("\"matching_pairs\"") && !json.contains("\"matchingPairs\""))
        #expect(ACQUAReport.table(e).contains("text → image"))
    }

    @Test("the latent figure is an SVG with one panel per snapshot and a marker per point")
    func figureIsSVG() throws {
        var g = SeededGenerator(seed: 4)
        func random(_ rows: Int) throws -> Matrix {
            try Matrix(rows: rows, columns: 3, elements: (0..<(rows * 3)).map { _ in g.nextGaussian() })
        }
        let snapshots = [LatentSnapshot(label: "epoch 0", imageLatents: try random(5), textLatents: try random(4)),
                         LatentSnapshot(label: "epoch 9", imageLatents: try random(5), textLatents: try random(4))]
        let svg = try LatentFigure.svg(snapshots, title: "test <figure>")
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 10)
        #expect(svg.contains("epoch 9") && svg.contains("test &lt;figure&gt;"))
        #expect(throws: ACQUAError.self) { try LatentFigure.svg([], title: "") }
        #expect(svg.contains("PC 1") && svg.contains("PC 2"))
        // The data beside the figure: one line per drawn point, with the panel's coordinates.
        let csv = try LatentFigure.csv(snapshots).split(separator: "\n")
        #expect(csv.first == "stage,modality,row,pc1,pc2,norm")
        #expect(csv.count == 1 + 2 * 9)
        #expect(csv.filter { $0.contains(",image,") }.count == 10 && csv.filter { $0.contains(",text,") }.count == 8)
        let points = try LatentFigure.points(snapshots)
        #expect(abs(points[0].map(\.x).reduce(0, +)) < 1e-9)   // PCA coordinates are centred
    }
}

import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// A seeded generator of CLIP-like image–text pairs at any size, for scale tests and benchmarks.
///
/// Each pair shares a "concept" drawn from a low-dimensional Gaussian; each modality maps it
/// into ℝ^d through its own fixed random projection, adds a constant modality offset (CLIP's
/// modality gap) and isotropic noise, and the rows are L2-normalised — so matching pairs are
/// closer than random ones, as in real CLIP embeddings, without being identical.
public struct SyntheticCLIPPairs: Sendable {
    /// Embedding width (512 for CLIP ViT-B/32).
    public var dimension = 512
    /// Dimension of the shared concept space.
    public var conceptDimension = 32
    /// Norm of each modality's constant offset before normalisation (relative to the signal).
    public var modalityGap = 0.8
    /// Standard deviation of the per-row noise, relative to the signal.
    public var noise = 0.35

    /// Creates a generator with CLIP-like defaults.
    public init() {}

    /// `count` row-aligned pairs drawn from `seed`.
    /// - Throws: `ACQUAError.invalidConfiguration` for non-positive sizes or negative scales.
    public func generate(count: Int, seed: UInt64) throws -> PairedEmbeddings {
        guard count > 0, dimension > 0, conceptDimension > 0 else {
            throw ACQUAError.invalidConfiguration("synthetic pairs need positive count and dimensions")
        }
        guard modalityGap >= 0, noise >= 0, modalityGap.isFinite, noise.isFinite else {
            throw ACQUAError.invalidConfiguration("modality gap and noise must be non-negative")
        }
        var generator = SeededGenerator(seed: seed)
        func gaussian(_ rows: Int, _ columns: Int, scale: Double) throws -> Matrix {
            try Matrix(rows: rows, columns: columns,
                       elements: (0..<(rows * columns)).map { _ in scale * generator.nextGaussian() })
        }
        let projectionScale = 1 / Double(conceptDimension).squareRoot()
        let imageProjection = try gaussian(conceptDimension, dimension, scale: projectionScale)
        let textProjection = try gaussian(conceptDimension, dimension, scale: projectionScale)
        let rowScale = 1 / Double(dimension).squareRoot()
        let imageOffset = try gaussian(1, dimension, scale: modalityGap * rowScale).elements
        let textOffset = try gaussian(1, dimension, scale: modalityGap * rowScale).elements
        // Concept norms vary, so that embedding norms before normalisation (and hence the
        // geometry) are not uniform.
        var concepts = try gaussian(count, conceptDimension, scale: rowScale)
        for r in 0..<count {
            let strength = 0.5 + generator.nextUnit()
            for c in 0..<conceptDimension { concepts[r, c] *= strength }
        }
        func modality(_ projection: Matrix, _ offset: [Double]) throws -> Matrix {
            var x = try Matrix.product(concepts, projection)
            try x.addToEachRow(offset)
            let noiseScale = noise * rowScale
            for i in 0..<x.elements.count { x.elements[i] += noiseScale * generator.nextGaussian() }
            return CosineSimilarity.normalizedRows(x)
        }
        let images = try modality(imageProjection, imageOffset)
        let texts = try modality(textProjection, textOffset)
        return try PairedEmbeddings(name: "synthetic-\(count)-seed\(seed)", rowAlignedImages: images, texts: texts)
    }
}

import Foundation
import QompressData
import QompressLinearAlgebra

/// Deployment: reduced embeddings of stored CLIP embeddings, file to file.
public enum ACQUAEmbedding {
    /// The latents of every row of `embeddings`, encoded in chunks of `chunkSize` rows.
    /// - Throws: `ACQUAError.dimensionMismatch` when the width differs from the model's,
    ///   `ACQUAError.nonFiniteResult` when the model gives NaN or infinite latents.
    public static func embed(_ embeddings: Matrix, modality: Modality, with compressor: EmbeddingCompressor,
                             chunkSize: Int = 1024) throws -> Matrix {
        var elements: [Double] = []
        elements.reserveCapacity(embeddings.rows * compressor.latentDimension)
        for start in stride(from: 0, to: embeddings.rows, by: max(1, chunkSize)) {
            let chunk = embeddings.rows(Array(start..<min(start + max(1, chunkSize), embeddings.rows)))
            let latents = try compressor.encode(chunk, modality: modality)
            guard latents.isFinite else {
                throw ACQUAError.nonFiniteResult("the \(compressor.label) model gives NaN or infinite latents for rows \(start)…")
            }
            elements += latents.elements
        }
        return try Matrix(rows: embeddings.rows, columns: compressor.latentDimension, elements: elements)
    }

    /// Reads a 2-D `.npy` file of embeddings (validated: header, dtype, order, NaN) and returns
    /// its latents as an array ready to be written.
    /// - Throws: `NPYError` for a malformed file or one of the wrong width, or the model's errors.
    public static func embed(fileAt url: URL, modality: Modality, with model: ACQUAModel) throws -> NPYArray {
        let input = try NPYArray(contentsOf: url)
            .matrix(expectedColumns: model.architecture.embeddingDimension, path: url.path)
        let latents = try embed(input, modality: modality, with: model)
        return try NPYArray(shape: [latents.rows, latents.columns], values: latents.elements)
    }
}

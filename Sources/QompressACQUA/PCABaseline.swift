import QompressLinearAlgebra

/// The PCA baseline: one k-component PCA fitted to the training images and texts together, so
/// both modalities share a latent basis and cross-modal latent distances are comparable
/// (the difference of a pair's latents is the projection of the difference of its embeddings).
public struct PCABaseline: EmbeddingCompressor {
    /// The fitted components.
    public let components: PrincipalComponents

    /// Fits k components to the unique image and text rows of `training`.
    /// - Throws: as `PrincipalComponents.init(fitting:count:)`.
    public init(fitting training: PairedEmbeddings, latentDimension: Int) throws {
        let stacked = try Matrix(rows: training.images.rows + training.texts.rows, columns: training.dimension,
                                 elements: training.images.elements + training.texts.elements)
        components = try PrincipalComponents(fitting: stacked, count: latentDimension)
    }

    public var label: String { "PCA" }
    public var latentDimension: Int { components.basis.columns }
    public var parameterCounts: ParameterCounts {
        ParameterCounts(total: components.basis.elements.count + components.mean.count, quantum: 0)
    }

    public func encode(_ embeddings: Matrix, modality: Modality) throws -> Matrix {
        try checkWidth(embeddings)
        return try components.project(embeddings)
    }

    public func reconstruct(_ embeddings: Matrix, modality: Modality) throws -> Matrix {
        try components.reconstruct(try encode(embeddings, modality: modality))
    }

    private func checkWidth(_ m: Matrix) throws {
        guard m.columns == components.mean.count else {
            throw ACQUAError.dimensionMismatch("PCA was fitted to \(components.mean.count)-d data, got \(m.columns) columns")
        }
    }
}

import QompressLinearAlgebra

/// One of the two modalities of a CLIP pair.
public enum Modality: String, Hashable, Sendable, Codable, CaseIterable {
    /// Image embeddings.
    case image
    /// Text embeddings.
    case text
}

/// Trainable values of a compressor, as the reports list them.
public struct ParameterCounts: Hashable, Sendable, Codable {
    /// All trainable (or fitted) values.
    public var total: Int
    /// Of which circuit weights.
    public var quantum: Int

    /// Creates a count.
    public init(total: Int, quantum: Int) {
        self.total = total
        self.quantum = quantum
    }
}

/// Anything that maps CLIP embeddings of either modality to a k-dimensional latent and back:
/// the ACQUA model, the classical autoencoder and PCA. Evaluation is written once against it.
public protocol EmbeddingCompressor {
    /// A short label for tables ("quantum", "classical", "PCA").
    var label: String { get }
    /// k.
    var latentDimension: Int { get }
    /// Trainable values.
    var parameterCounts: ParameterCounts { get }
    /// The latents of a batch of embeddings of `modality`.
    func encode(_ embeddings: Matrix, modality: Modality) throws -> Matrix
    /// The reconstructions of a batch of embeddings of `modality`.
    func reconstruct(_ embeddings: Matrix, modality: Modality) throws -> Matrix
}

import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// Builds a network from layer descriptions, naming its layers with `namePrefix` — the one
/// point where a `BackendSpec` becomes a concrete simulator (the umbrella's `ModelFactory`).
public typealias ACQUALayerBuilder = (_ specifications: [LayerSpec], _ namePrefix: String,
                                      _ generator: inout SeededGenerator) throws -> Sequential

/// CLIP-ACQUA: two autoencoders, one for image and one for text embeddings, trained jointly so
/// that their latents keep the image–text distances. The same code runs on every backend (and
/// with the classical bottleneck for the baseline); only the builder knows the simulator.
public final class ACQUAModel: EmbeddingCompressor {
    /// The metadata key under which checkpoints store the architecture (JSON).
    public static let architectureKey = "acqua.architecture"

    /// The shape shared by both autoencoders.
    public let architecture: ACQUAArchitecture
    /// The image autoencoder.
    public let image: ACQUAAutoencoder
    /// The text autoencoder.
    public let text: ACQUAAutoencoder

    /// Builds both autoencoders with fresh weights drawn from `generator` (image first).
    /// - Throws: `ACQUAError.invalidConfiguration` for a bad architecture, or the builder's errors.
    public init(architecture: ACQUAArchitecture, generator: inout SeededGenerator, builder: ACQUALayerBuilder) throws {
        try architecture.validate()
        self.architecture = architecture
        let specs = architecture.encoderSpecifications + architecture.decoderSpecifications
        let encoderCount = architecture.encoderSpecifications.count
        image = try ACQUAAutoencoder(network: try builder(specs, "image.", &generator), encoderLayerCount: encoderCount)
        text = try ACQUAAutoencoder(network: try builder(specs, "text.", &generator), encoderLayerCount: encoderCount)
    }

    /// Rebuilds a model saved by `checkpoint(optimizer:seed:metadata:)` and loads its weights.
    /// - Throws: `ACQUAError.incompatibleCheckpoint` when the checkpoint holds no ACQUA model,
    ///   `CheckpointError.mismatch` when its tensors do not fit.
    public convenience init(checkpoint: Checkpoint, builder: ACQUALayerBuilder) throws {
        guard let json = checkpoint.metadata[Self.architectureKey],
              let architecture = try? JSONDecoder().decode(ACQUAArchitecture.self, from: Data(json.utf8)) else {
            throw ACQUAError.incompatibleCheckpoint("no CLIP-ACQUA architecture in its metadata; was it written by `qompress acqua train`?")
        }
        // Check the architecture against the stored tensors before building (and allocating) it:
        // hostile metadata cannot ask for more memory than the file itself holds.
        let expected = try architecture.parameterCount()
        for modality in Modality.allCases {
            let prefix = modality.rawValue + "."
            let stored = try checkpoint.storedValueCount(prefix: prefix)
            guard stored == expected else {
                throw ACQUAError.incompatibleCheckpoint(
                    "its architecture (\(architecture)) needs \(expected) values per autoencoder, the \(modality.rawValue) tensors hold \(stored)")
            }
        }
        var generator = SeededGenerator(seed: checkpoint.seed)
        try self.init(architecture: architecture, generator: &generator, builder: builder)
        try checkpoint.load(into: image.network, named: Modality.image.rawValue)
        try checkpoint.load(into: text.network, named: Modality.text.rawValue)
    }

    /// The autoencoder of `modality`.
    public func autoencoder(_ modality: Modality) -> ACQUAAutoencoder {
        modality == .image ? image : text
    }

    /// Every trainable tensor of both autoencoders.
    public var parameters: [ParameterTensor] { image.parameters + text.parameters }

    /// Resets every gradient.
    public func zeroGradients() { parameters.forEach { $0.zeroGradient() } }

    /// A checkpoint of both autoencoders (named `"image"` and `"text"`) with the architecture
    /// in its metadata.
    public func checkpoint(optimizer: Optimizer?, seed: UInt64, metadata: [String: String] = [:]) throws -> Checkpoint {
        var metadata = metadata
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        metadata[Self.architectureKey] = String(decoding: try encoder.encode(architecture), as: UTF8.self)
        return try Checkpoint(models: [Modality.image.rawValue: image.network, Modality.text.rawValue: text.network],
                              optimizer: optimizer, seed: seed, metadata: metadata)
    }

    public var label: String {
        switch architecture.bottleneck {
        case .quantum(let backend): return "quantum (\(backend))"
        case .classical: return "classical AE"
        }
    }

    public var latentDimension: Int { architecture.latentDimension }

    public var parameterCounts: ParameterCounts {
        let quantum = architecture.backend == nil ? 0 : 2 * architecture.qubits * architecture.depth
        return ParameterCounts(total: parameters.reduce(0) { $0 + $1.values.count }, quantum: quantum)
    }

    public func encode(_ embeddings: Matrix, modality: Modality) throws -> Matrix {
        try autoencoder(modality).encode(embeddings)
    }

    public func reconstruct(_ embeddings: Matrix, modality: Modality) throws -> Matrix {
        try autoencoder(modality).forward(embeddings).reconstruction
    }
}

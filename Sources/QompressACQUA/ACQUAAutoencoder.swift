import QompressLinearAlgebra
import QompressTraining

/// One autoencoder of CLIP-ACQUA: a network whose first `encoderLayerCount` layers map an
/// embedding to its latent z and whose remaining layers map z back to a reconstruction x̂.
///
/// Backend-agnostic: the quantum layer inside is any `Layer`.
public final class ACQUAAutoencoder {
    /// Encoder then decoder, as one model (what checkpoints store).
    public let network: Sequential
    /// How many of the network's layers form the encoder.
    public let encoderLayerCount: Int

    /// Wraps `network`, whose first `encoderLayerCount` layers are the encoder.
    /// - Throws: `ACQUAError.invalidConfiguration` unless both parts are non-empty.
    public init(network: Sequential, encoderLayerCount: Int) throws {
        guard encoderLayerCount >= 1, encoderLayerCount < network.layers.count else {
            throw ACQUAError.invalidConfiguration(
                "an autoencoder of \(network.layers.count) layers cannot have \(encoderLayerCount) encoder layers")
        }
        self.network = network
        self.encoderLayerCount = encoderLayerCount
    }

    private var encoder: ArraySlice<Layer> { network.layers[..<encoderLayerCount] }
    private var decoder: ArraySlice<Layer> { network.layers[encoderLayerCount...] }

    /// The embedding width.
    public var inputSize: Int { network.inputSize }
    /// The latent size k.
    public var latentSize: Int { encoder.last!.outputSize }
    /// Every trainable tensor.
    public var parameters: [ParameterTensor] { network.parameters }

    /// The latents of a batch of embeddings.
    public func encode(_ input: Matrix) throws -> Matrix {
        try checkInput(input)
        return try encoder.reduce(input) { try $1.forward($0) }
    }

    /// The reconstructions of a batch of latents.
    public func decode(_ latent: Matrix) throws -> Matrix {
        try decoder.reduce(latent) { try $1.forward($0) }
    }

    /// Latents and reconstructions of a batch, caching what `backward` needs.
    public func forward(_ input: Matrix) throws -> (latent: Matrix, reconstruction: Matrix) {
        let latent = try encode(input)
        return (latent, try decode(latent))
    }

    /// Accumulates parameter gradients for ∂loss/∂x̂ and ∂loss/∂z of the last `forward`.
    public func backward(latentGradient: Matrix, reconstructionGradient: Matrix) throws {
        var g = try decoder.reversed().reduce(reconstructionGradient) { try $1.backward($0) }
        guard g.rows == latentGradient.rows, g.columns == latentGradient.columns else {
            throw ACQUAError.dimensionMismatch("latent gradient is \(latentGradient.rows)×\(latentGradient.columns), latents are \(g.rows)×\(g.columns)")
        }
        for i in 0..<g.elements.count { g.elements[i] += latentGradient.elements[i] }
        try encoder.accumulateParameterGradients(g)
    }

    private func checkInput(_ input: Matrix) throws {
        guard input.columns == inputSize else {
            throw ACQUAError.dimensionMismatch("the model takes \(inputSize)-d embeddings, the data has \(input.columns) columns")
        }
    }
}

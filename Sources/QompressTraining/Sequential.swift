import QompressLinearAlgebra

/// Layers applied one after another.
public final class Sequential: Layer {
    /// The layers in order.
    public let layers: [Layer]

    /// Chains `layers`.
    /// - Throws: `TrainingError.dimensionMismatch` when a layer's input size differs from the
    ///   previous layer's output size.
    public init(_ layers: [Layer]) throws {
        guard !layers.isEmpty else { throw TrainingError.invalidHyperparameter("a model needs at least one layer") }
        for (a, b) in zip(layers, layers.dropFirst()) where a.outputSize != b.inputSize {
            throw TrainingError.dimensionMismatch("a layer with \(a.outputSize) outputs feeds one with \(b.inputSize) inputs")
        }
        self.layers = layers
    }

    public var inputSize: Int { layers[0].inputSize }
    public var outputSize: Int { layers[layers.count - 1].outputSize }
    public var parameters: [ParameterTensor] { layers.flatMap(\.parameters) }

    public var specifications: [LayerSpec] { layers.flatMap(\.specifications) }

    public func forward(_ input: Matrix) throws -> Matrix {
        try layers.reduce(input) { try $1.forward($0) }
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        try layers.reversed().reduce(outputGradient) { try $1.backward($0) }
    }

    public func accumulateParameterGradients(_ outputGradient: Matrix) throws {
        try layers.accumulateParameterGradients(outputGradient)
    }

    /// Resets every parameter's gradient.
    public func zeroGradients() { parameters.forEach { $0.zeroGradient() } }

    /// The total number of trainable values.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.values.count } }
}

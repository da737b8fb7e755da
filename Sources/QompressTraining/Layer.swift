import QompressLinearAlgebra

/// A differentiable map from a batch of rows to a batch of rows.
///
/// `forward` caches what `backward` needs; `backward` takes ∂loss/∂output, accumulates
/// ∂loss/∂parameters into the layer's `ParameterTensor`s and returns ∂loss/∂input.
public protocol Layer: AnyObject {
    /// Features per input row.
    var inputSize: Int { get }
    /// Features per output row.
    var outputSize: Int { get }
    /// The trainable tensors (empty for parameter-free layers).
    var parameters: [ParameterTensor] { get }
    /// Maps a batch (`rows × inputSize`) to outputs (`rows × outputSize`).
    func forward(_ input: Matrix) throws -> Matrix
    /// Back-propagates `outputGradient` through the last `forward` call.
    func backward(_ outputGradient: Matrix) throws -> Matrix
    /// `backward` for a layer whose input needs no gradient (the first layer of a model):
    /// accumulates ∂loss/∂parameters only, and may skip forming ∂loss/∂input.
    func accumulateParameterGradients(_ outputGradient: Matrix) throws
    /// The layer's description (several for a container), as checkpoints record it.
    var specifications: [LayerSpec] { get }
}

extension Layer {
    /// Default: `backward`, with the input gradient discarded.
    public func accumulateParameterGradients(_ outputGradient: Matrix) throws {
        _ = try backward(outputGradient)
    }

    /// Throws unless `input` has `inputSize` columns.
    func checkInput(_ input: Matrix) throws {
        guard input.columns == inputSize else {
            throw TrainingError.dimensionMismatch("layer expects \(inputSize) input features, got \(input.columns)")
        }
    }

    /// Throws unless `gradient` matches the cached forward pass of `rows` rows (`nil`: no
    /// forward pass yet), for layers' `backward` implementations.
    /// - Throws: `TrainingError.backwardBeforeForward` or `TrainingError.dimensionMismatch`.
    public func checkGradient(_ gradient: Matrix, rows: Int?) throws {
        guard let rows else { throw TrainingError.backwardBeforeForward }
        guard gradient.rows == rows, gradient.columns == outputSize else {
            throw TrainingError.dimensionMismatch(
                "gradient is \(gradient.rows)×\(gradient.columns), expected \(rows)×\(outputSize)")
        }
    }
}

extension Collection where Element == any Layer {
    /// Back-propagates through the layers in reverse order (the last `forward` of each) into
    /// their parameters; the first layer's input gradient is not formed.
    public func accumulateParameterGradients(_ outputGradient: Matrix) throws {
        guard let first = self.first else { return }
        let gradient = try dropFirst().reversed().reduce(outputGradient) { try $1.backward($0) }
        try first.accumulateParameterGradients(gradient)
    }
}

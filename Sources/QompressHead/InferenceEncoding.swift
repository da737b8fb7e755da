import QompressLinearAlgebra
import QompressTraining

/// A layer with an inference path: the outputs of `forward` without keeping anything for
/// `backward` (and, for the heads, with their gate coefficients cached while the weights do not
/// change). Retrieval scoring uses it when a model has one.
public protocol InferenceEncoding: Layer {
    /// The outputs of a batch, as `forward` would give them, keeping nothing for `backward`.
    func encode(_ input: Matrix) throws -> Matrix
}

extension QuantumInspiredHead: InferenceEncoding {}
extension CompactHead: InferenceEncoding {}
extension EntangledHead: InferenceEncoding {}

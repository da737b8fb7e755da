import QompressCore

/// How a quantum layer maps its inputs to rotation angles.
public enum InputScaling: String, Hashable, Sendable, Codable {
    /// θ = π/2 · tanh(x) (Mari et al.'s dressed circuit).
    case tanhHalfPi
    /// θ = x.
    case none
}

/// A serialisable description of one layer.
public enum LayerSpec: Hashable, Sendable, Codable {
    /// `Dense(input → output)`.
    case dense(input: Int, output: Int)
    /// An element-wise activation on `size` features.
    case activation(ActivationFunction, size: Int)
    /// The dressed quantum circuit on `qubits` qubits with `depth` entangling layers.
    case dressedQuantum(qubits: Int, depth: Int, scaling: InputScaling, backend: BackendSpec)
    /// A quantum layer built from a user circuit; its weights are saved, its circuit is not.
    case customQuantum(qubits: Int, inputs: Int, weights: Int, backend: BackendSpec)
}

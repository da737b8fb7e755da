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
    /// A layer that its own module builds and restores (`kind` names it, e.g.
    /// `"quantum-inspired-head"`): only its sizes are recorded here.
    case custom(kind: String, inputs: Int, outputs: Int, weights: Int)

    /// Whether a spec stored in a checkpoint describes this layer. Equal specs do; so does the
    /// form the projection head recorded before 0.4 (a custom quantum layer "on the
    /// statevector", which it never ran on).
    public func isRestorable(from stored: LayerSpec) -> Bool {
        if stored == self { return true }
        if case let .custom("quantum-inspired-head", inputs, outputs, weights) = self,
           case let .customQuantum(qubits, storedInputs, storedWeights, .statevector) = stored {
            return 2 * qubits == outputs && storedInputs == inputs && storedWeights == weights
        }
        return false
    }
}

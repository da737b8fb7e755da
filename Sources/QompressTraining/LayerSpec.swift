/// Which simulator a quantum layer runs on, with its settings: the part of an architecture
/// that a checkpoint records so the same model can be rebuilt.
public enum BackendSpec: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The exact statevector.
    case statevector
    /// The MPS with the given bond-dimension limit (`nil` = none) and relative cutoff.
    case mps(maxBondDimension: Int?, cutoff: Double)

    public var description: String {
        switch self {
        case .statevector: return "statevector"
        case let .mps(chi, cutoff): return "mps(χ=\(chi.map(String.init) ?? "∞"), cutoff=\(cutoff))"
        }
    }
}

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

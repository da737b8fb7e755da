import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// Builds layers and models from their serialisable descriptions. The backend of a quantum
/// layer comes from a `BackendRegistry` (`.standard` unless given), so a model can name any
/// registered backend by a spec and this factory has no switch over backends.
public enum ModelFactory {
    /// The dressed quantum layer on the backend `backend`.
    /// - Throws: the registry's errors for an unknown backend or bad options, and the layer's.
    public static func dressedQuantumLayer(qubits: Int, depth: Int, backend: BackendSpec,
                                           registry: BackendRegistry = .standard,
                                           generator: inout SeededGenerator, threads: Int = 0,
                                           name: String = "quantum") throws -> Layer {
        // One thread inside each register: the layer spreads a batch's samples over `threads`.
        let configuration = try registry.configuration(for: backend, threads: 1)
        return try dressedQuantumLayer(qubits: qubits, depth: depth, configuration: configuration,
                                       generator: &generator, threads: threads, name: name)
    }

    private static func dressedQuantumLayer<C: BackendConfiguration>(
        qubits: Int, depth: Int, configuration: C, generator: inout SeededGenerator, threads: Int, name: String
    ) throws -> Layer {
        try QuantumLayer<C.Register>(dressedQubits: qubits, depth: depth, configuration: configuration,
                                     generator: &generator, threads: threads, name: name)
    }

    /// A model from layer descriptions, with fresh seeded weights (load a checkpoint to restore
    /// trained ones). Layer `k` is named `"<namePrefix><kind><k>"`; give models that share one
    /// optimiser distinct prefixes, since optimisers keep their state by tensor name.
    /// - Throws: for a custom quantum layer (its circuit is not stored) or invalid sizes.
    public static func model(_ specs: [LayerSpec], registry: BackendRegistry = .standard,
                             generator: inout SeededGenerator, threads: Int = 0,
                             namePrefix: String = "") throws -> Sequential {
        var layers: [Layer] = []
        for (k, spec) in specs.enumerated() {
            switch spec {
            case let .dense(input, output):
                layers.append(try Dense(inputSize: input, outputSize: output, generator: &generator, name: "\(namePrefix)dense\(k)"))
            case let .activation(function, size):
                layers.append(Activation(function, size: size))
            case let .dressedQuantum(qubits, depth, _, backend):
                layers.append(try dressedQuantumLayer(qubits: qubits, depth: depth, backend: backend, registry: registry,
                                                      generator: &generator, threads: threads, name: "\(namePrefix)quantum\(k)"))
            case .customQuantum:
                throw TrainingError.invalidHyperparameter(
                    "a quantum layer built from a custom circuit cannot be rebuilt from its description; build it in code and load the weights")
            case let .custom(kind, _, _, _):
                throw TrainingError.invalidHyperparameter(
                    "a \(kind) layer is rebuilt by its own module (e.g. HeadCheckpoint for the projection head), not from a layer list")
            }
        }
        return try Sequential(layers)
    }
}

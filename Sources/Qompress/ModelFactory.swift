import QompressCore
import QompressLinearAlgebra
import QompressMPS
import QompressStatevector
import QompressTraining

/// Builds layers and models from their serialisable descriptions, choosing the concrete
/// backend type from a `BackendSpec` — the one place that maps "statevector" or "mps(χ)" to
/// a simulator, so that experiments pick the backend by a value.
public enum ModelFactory {
    /// The MPS configuration for a spec (`nil` χ and zero cutoff = exact mode).
    /// - Throws: `SimulationError.invalidArgument` for χ < 1 or a bad cutoff.
    public static func mpsConfiguration(maxBondDimension: Int?, cutoff: Double) throws -> MPSConfiguration {
        if maxBondDimension == nil && cutoff == 0 { return .exact }
        return try MPSConfiguration(maxBondDimension: maxBondDimension ?? Int.max, cutoff: cutoff)
    }

    /// The dressed quantum layer on the backend `backend`.
    public static func dressedQuantumLayer(qubits: Int, depth: Int, backend: BackendSpec,
                                           generator: inout SeededGenerator, threads: Int = 0,
                                           name: String = "quantum") throws -> Layer {
        switch backend {
        case .statevector:
            return try QuantumLayer<StatevectorBackend>(
                dressedQubits: qubits, depth: depth, configuration: StatevectorConfiguration(threadCount: 1),
                backendSpec: backend, generator: &generator, threads: threads, name: name)
        case let .mps(chi, cutoff):
            return try QuantumLayer<MPSBackend>(
                dressedQubits: qubits, depth: depth, configuration: try mpsConfiguration(maxBondDimension: chi, cutoff: cutoff),
                backendSpec: backend, generator: &generator, threads: threads, name: name)
        }
    }

    /// A model from layer descriptions, with fresh seeded weights (load a checkpoint to restore
    /// trained ones). Layer `k` is named `"<namePrefix><kind><k>"`; give models that share one
    /// optimiser distinct prefixes, since optimisers keep their state by tensor name.
    /// - Throws: for a custom quantum layer (its circuit is not stored) or invalid sizes.
    public static func model(_ specs: [LayerSpec], generator: inout SeededGenerator, threads: Int = 0,
                             namePrefix: String = "") throws -> Sequential {
        var layers: [Layer] = []
        for (k, spec) in specs.enumerated() {
            switch spec {
            case let .dense(input, output):
                layers.append(try Dense(inputSize: input, outputSize: output, generator: &generator, name: "\(namePrefix)dense\(k)"))
            case let .activation(function, size):
                layers.append(Activation(function, size: size))
            case let .dressedQuantum(qubits, depth, _, backend):
                layers.append(try dressedQuantumLayer(qubits: qubits, depth: depth, backend: backend,
                                                      generator: &generator, threads: threads, name: "\(namePrefix)quantum\(k)"))
            case .customQuantum:
                throw TrainingError.invalidHyperparameter(
                    "a quantum layer built from a custom circuit cannot be rebuilt from its description; build it in code and load the weights")
            }
        }
        return try Sequential(layers)
    }
}

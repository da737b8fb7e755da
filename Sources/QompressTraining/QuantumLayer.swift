import Foundation
import QompressCore
import QompressGradients
import QompressLinearAlgebra

/// A parametrised circuit as a layer: inputs feed the circuit's input slots (after
/// `InputScaling`), the weight slots are trainable, and the outputs are ⟨Z_i⟩ of every qubit.
///
/// Written against `Backend`: `B` is the simulator, chosen per experiment. The backward pass
/// is the adjoint vector–Jacobian product (one backward sweep per sample), batched across
/// cores by `BatchEvaluator`.
public final class QuantumLayer<B: Backend>: Layer {
    /// The circuit.
    public let circuit: Circuit
    /// The settings of every register the layer creates.
    public let configuration: B.Configuration
    /// The backend as recorded in checkpoints, derived from the configuration.
    public var backendSpec: BackendSpec { configuration.spec }
    /// How inputs become angles.
    public let scaling: InputScaling
    /// The trainable weights, one per weight slot of the circuit.
    public let weights: ParameterTensor
    /// The entangling depth when the circuit is the dressed circuit, else `nil`.
    public let depth: Int?
    /// Worker threads for a batch (0 = all cores).
    public var threads: Int { didSet { evaluator.threads = threads } }
    /// The batch evaluator (its backward plan is prepared once, not per batch).
    private var evaluator: BatchEvaluator<B>

    public let inputSize: Int
    public var outputSize: Int { circuit.qubitCount }
    public var parameters: [ParameterTensor] { [weights] }
    private var cachedInput: Matrix?
    /// The registers of the last forward pass, kept for `backward` when the backend says they
    /// fit in `BackendConfiguration.retainedBatchBytes`.
    private var evolved: BatchEvaluator<B>.EvolvedBatch?

    /// A layer for any parametrised circuit, with weights drawn from N(0, `weightScale`²).
    /// - Throws: `SimulationError.unsupported` when the circuit has more qubits than the
    ///   backend takes.
    public init(circuit: Circuit, configuration: B.Configuration,
                scaling: InputScaling = .tanhHalfPi, weightScale: Double = 0.01,
                generator: inout SeededGenerator, threads: Int = 0, name: String = "quantum") throws {
        try configuration.checkSupports(qubitCount: circuit.qubitCount)
        self.circuit = circuit
        self.configuration = configuration
        self.scaling = scaling
        self.threads = threads
        self.depth = nil
        inputSize = circuit.parameterCounts.inputs
        evaluator = BatchEvaluator(circuit: circuit, backend: B.self, configuration: configuration, threads: threads)
        let count = circuit.parameterCounts.weights
        weights = ParameterTensor(name: name + ".weights", shape: [count],
                                  values: (0..<count).map { _ in weightScale * generator.nextGaussian() })
    }

    /// The dressed circuit of Mari et al.: θ = π/2 · tanh(x), H and RY(θ_i) on every qubit, then
    /// `depth` layers of a CNOT ladder and trainable RY, outputs ⟨Z_i⟩. Weights start at
    /// N(0, 0.01²) as in the paper.
    /// - Throws: `TrainingError.invalidHyperparameter` for bad sizes, `SimulationError.unsupported`
    ///   for more qubits than the backend takes.
    public init(dressedQubits qubits: Int, depth: Int, configuration: B.Configuration,
                weightScale: Double = 0.01, generator: inout SeededGenerator, threads: Int = 0,
                name: String = "quantum") throws {
        guard qubits >= 1, depth >= 0 else {
            throw TrainingError.invalidHyperparameter("a dressed circuit needs ≥ 1 qubit and depth ≥ 0")
        }
        guard !qubits.multipliedReportingOverflow(by: depth).overflow else {
            throw TrainingError.invalidHyperparameter("a dressed circuit of \(qubits) qubits and depth \(depth) has too many weights to count")
        }
        try configuration.checkSupports(qubitCount: qubits)
        circuit = try Circuit.dressed(qubitCount: qubits, layers: depth)
        self.configuration = configuration
        self.scaling = .tanhHalfPi
        self.threads = threads
        self.depth = depth
        inputSize = circuit.parameterCounts.inputs
        evaluator = BatchEvaluator(circuit: circuit, backend: B.self, configuration: configuration, threads: threads)
        let count = qubits * depth
        weights = ParameterTensor(name: name + ".weights", shape: [depth, qubits],
                                  values: (0..<count).map { _ in weightScale * generator.nextGaussian() })
    }

    public var specifications: [LayerSpec] {
        if let depth { return [.dressedQuantum(qubits: circuit.qubitCount, depth: depth, scaling: scaling, backend: backendSpec)] }
        return [.customQuantum(qubits: circuit.qubitCount, inputs: inputSize, weights: weights.values.count, backend: backendSpec)]
    }

    private func angles(_ input: Matrix) -> [[Double]] {
        switch scaling {
        case .none: return input.rowArrays
        case .tanhHalfPi: return input.map { .pi / 2 * tanh($0) }.rowArrays
        }
    }

    public func forward(_ input: Matrix) throws -> Matrix {
        try checkInput(input)
        cachedInput = input
        evolved = nil
        let n = circuit.qubitCount
        let batchBytes = Double(input.rows) * configuration.estimatedRegisterBytes(qubitCount: n)
        if batchBytes <= B.Configuration.retainedBatchBytes {
            let result = try evaluator.forward(inputs: angles(input), weights: weights.values)
            evolved = result.evolved
            return try Matrix(rows: result.expectations)
        }
        return try Matrix(rows: try evaluator.expectationsZ(inputs: angles(input), weights: weights.values))
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        try checkGradient(outputGradient, rows: cachedInput?.rows)
        let input = cachedInput!
        let result: (expectations: [[Double]], inputGradients: [[Double]], weightGradient: [Double])
        if let kept = evolved {
            // The registers already hold the forward states; they are consumed here.
            evolved = nil
            result = try evaluator.vectorJacobianProducts(from: kept, upstream: outputGradient.rowArrays)
        } else {
            result = try evaluator.vectorJacobianProducts(inputs: angles(input), weights: weights.values,
                                                          upstream: outputGradient.rowArrays)
        }
        result.weightGradient.withUnsafeBufferPointer { weights.accumulateGradient($0) }
        let inputSize = self.inputSize
        var inputGradient = try Matrix(rows: result.inputGradients.map { Array($0.prefix(inputSize)) })
        if scaling == .tanhHalfPi {
            for i in 0..<inputGradient.elements.count {
                let t = tanh(input.elements[i])
                inputGradient.elements[i] *= .pi / 2 * (1 - t * t)
            }
        }
        return inputGradient
    }
}

import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// The quantum-inspired projection head: a d-dimensional embedding is encoded as d qubits in
/// a product state (`QubitEncoding`), folded to k qubits by the blocks of a `CompressionPlan`,
/// and returned as k real single-qubit states.
///
/// As a `Layer` it maps a batch `rows × d` to `rows × 2k`: columns 2j and 2j + 1 hold output
/// qubit j's amplitudes (√P(0), √P(1)). `forward`/`backward` use the batched fast path
/// (`QuantumInspiredHead+FastPath.swift`, analytic gradients); `outputs(of:on:)` runs the same
/// blocks as circuits on any `Backend` for cross-checks.
public final class QuantumInspiredHead: Layer {
    /// The folding plan.
    public let plan: CompressionPlan
    /// Raw gate parameters, shape [modules, k, 4]; module m's gate at position j starts at
    /// offset 4 · (m · k + j).
    public let weights: ParameterTensor
    /// Worker threads for batches (0 = all cores). Results do not depend on it.
    public var threads: Int = 0
    /// The arithmetic of the batched fast path (`encode`, `forward`, `backward`): `.float64` by
    /// default; `.float32` is opt-in, faster and less accurate (see `HeadPrecision`). A
    /// `backward` uses the precision of the `forward` it follows. The circuit path
    /// `outputs(of:on:)` is always double precision.
    public var precision: HeadPrecision = .float64
    var cache: FastPathCache?
    var inferenceCoefficients: InferenceCoefficients?

    /// Creates a head with raw parameters drawn from N(0, 1).
    public init(plan: CompressionPlan, generator: inout SeededGenerator, name: String = "qi") {
        self.plan = plan
        weights = ParameterTensor(name: name + ".t", shape: [plan.moduleCount, plan.outputDimension, 4],
                                  values: (0..<plan.parameterCount).map { _ in generator.nextGaussian() })
    }

    /// Creates a head with the given raw parameters.
    /// - Throws: `HeadError.dimensionMismatch` unless there are `plan.parameterCount` of them.
    public init(plan: CompressionPlan, rawParameters: [Double], name: String = "qi") throws {
        guard rawParameters.count == plan.parameterCount else {
            throw HeadError.dimensionMismatch("plan \(plan) has \(plan.parameterCount) parameters, got \(rawParameters.count)")
        }
        self.plan = plan
        weights = ParameterTensor(name: name + ".t", shape: [plan.moduleCount, plan.outputDimension, 4], values: rawParameters)
    }

    public var inputSize: Int { plan.inputDimension }
    public var outputSize: Int { 2 * plan.outputDimension }
    public var parameters: [ParameterTensor] { [weights] }
    /// The number of trainable values, `plan.parameterCount`.
    public var parameterCount: Int { plan.parameterCount }

    /// Recorded in checkpoints: d inputs, 2k output amplitudes and the head's weight count (the
    /// head runs on its own batched kernels, not on a `Backend`).
    public var specifications: [LayerSpec] {
        [.custom(kind: "quantum-inspired-head", inputs: plan.inputDimension, outputs: outputSize, weights: plan.parameterCount)]
    }

    /// The gate of module `module` at position `position`.
    public func gate(module: Int, position: Int) -> TrainableUnitary {
        let o = 4 * (module * plan.outputDimension + position)
        let v = weights.values
        return TrainableUnitary(unchecked: v[o], v[o + 1], v[o + 2], v[o + 3])
    }

    /// The block of stage `stage` at position `position`.
    public func block(stage: Int, position: Int) -> CompressionBlock {
        let m = plan.modules(ofStage: stage)
        return CompressionBlock(target: gate(module: m.target, position: position),
                                control: gate(module: m.control, position: position),
                                controlled: gate(module: m.controlled, position: position))
    }

    /// Every block, stage-major.
    public var blocks: [CompressionBlock] {
        (0..<plan.stageCount).flatMap { s in (0..<plan.outputDimension).map { block(stage: s, position: $0) } }
    }

    /// Runs the head on one embedding with every block executed as a two-qubit circuit on a
    /// register of backend `B` (the reference path; slow). Returns the 2k output amplitudes.
    /// - Throws: `HeadError.dimensionMismatch` for a row of the wrong width, or the backend's errors.
    public func outputs<B: Backend>(of row: [Double], on register: B) throws -> [Double] {
        guard row.count == plan.inputDimension else {
            throw HeadError.dimensionMismatch("the head takes \(plan.inputDimension) features, got \(row.count)")
        }
        try register.checkQubitCount(2)
        let k = plan.outputDimension
        let encoded = try row.map(QubitEncoding.qubitState)
        var current = (0..<k).map { encoded[plan.qubit(block: plan.firstControlBlock, position: $0)] }
        for s in 0..<plan.stageCount {
            let tb = plan.targetBlock(ofStage: s)
            current = try (0..<k).map { j in
                let (o0, o1) = try block(stage: s, position: j).apply(target: encoded[plan.qubit(block: tb, position: j)],
                                                                      control: current[j], on: register)
                return try QubitState(alpha: .init(o0), beta: .init(o1))
            }
        }
        return current.flatMap { [$0.alpha.real, $0.beta.real] }
    }
}

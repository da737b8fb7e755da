import Numerics

/// The states of one circuit for several samples, held side by side so that one pass of a
/// kernel evolves every sample: each sample reads its own input values, all share the weights.
///
/// A backend offers one through `BackendConfiguration.makeBatch(for:samples:)` for the circuits
/// it can run this way (the statevector: small registers of real gates); batch code
/// (`BatchEvaluator`) then runs a batch's samples in groups of `BackendConfiguration.batchWidth(for:)`
/// instead of one register per sample. Everything an adjoint sweep needs is here, sample by
/// sample: ⟨Z_q⟩, the weighted observable Σ_q g_q Z_q, matrix elements and un-applying gates.
///
/// Samples never mix: sample b of every result depends only on sample b's values, computed by
/// the same operations whatever the batch, so results do not depend on how samples are grouped —
/// bit for bit — and batch code may size its groups by the thread count.
public protocol RegisterBatch: AnyObject {
    /// The number of qubits of every sample's register.
    var qubitCount: Int { get }
    /// The number of samples the batch holds.
    var sampleCount: Int { get }

    /// Resets every sample to |0…0⟩ and runs `circuit`, sample b with `parameters[b]`.
    /// - Throws: `SimulationError.qubitCountMismatch` when `parameters.count` is not
    ///   `sampleCount`; `CircuitError` for a different qubit count, unbound or non-finite
    ///   parameters; `SimulationError.unsupported` for a gate the batch does not run.
    func run(_ circuit: Circuit, parameters: [ParameterValues]) throws

    /// ⟨Z_q⟩ of every sample: `result[b][q]`.
    func expectationsZ() -> [[Double]]

    /// Replaces each sample's ψ_b by Σ_q `coefficients[b][q]` Z_q ψ_b (not unitary).
    /// - Throws: `SimulationError.qubitCountMismatch` for the wrong number of rows or columns,
    ///   `SimulationError.invalidArgument` for a coefficient that is not finite.
    func applyWeightedZ(_ coefficients: [[Double]]) throws

    /// One step of an adjoint sweep with this batch holding ψ and `lambda` holding λ (see
    /// `Backend.adjointStep`): returns `elements[k][b]` = ⟨λ_b|O_k|ψ_b⟩, then runs `inverse`
    /// (when given) on both batches, sample b with `parameters[b]`. Every gate of `inverse`
    /// must commute with every O_k.
    /// - Throws: as `run(_:parameters:)`, `CircuitError` for observables outside the register.
    func adjointStep(matrixElementsOf observables: [PauliSum], lambda: Self, thenRun inverse: Circuit?,
                     parameters: [ParameterValues]) throws -> [[Complex<Double>]]

    /// An independent batch in the same states.
    func copy() -> Self
}

import Numerics
import QompressCore

/// Gradients by the adjoint method, written once against `Backend`.
///
/// For f = ⟨ψ|O|ψ⟩ with ψ = U_N ⋯ U_1 ψ₀ the method keeps two registers: ψ, and λ = O ψ.
/// Sweeping the circuit backwards, at each parametrised gate k it adds
/// 2 Re ⟨λ|G_k|ψ⟩ (G_k = ∂U_k/∂θ · U_k†) to the gradient of every slot the angle reads
/// (times the angle's `scale`), then un-applies U_k from both registers. Gates on disjoint
/// qubits are handled as one group (see `AdjointPlan`), so a layer costs one matrix element
/// per parameter and one un-apply pass per register, independent of the number of gates.
///
/// On the statevector the result is exact. On an MPS every step runs at the register's
/// truncation; see Docs/Gradients.md for when to trust it.
public enum AdjointDifferentiation {
    /// The value and gradient of ⟨O⟩ after running `circuit` on `state`.
    ///
    /// - Parameters:
    ///   - observable: the Pauli sum O.
    ///   - circuit: the circuit; its angles may read input and weight slots.
    ///   - parameters: values for every slot the circuit reads.
    ///   - state: a register holding the initial state ψ₀ (for example freshly created or
    ///     `prepare(productState:)`); it is used as workspace and its content afterwards is
    ///     unspecified.
    /// - Throws: `CircuitError`, `SimulationError` or `GradientError` for inconsistent input.
    public static func gradient<B: Backend>(
        of observable: PauliSum, circuit: Circuit, parameters: ParameterValues, state: B
    ) throws -> (value: Double, gradient: ParameterGradient) {
        try observable.validate(qubitCount: state.qubitCount)
        try checkParameters(circuit.parameterCounts, parameters)
        try state.run(circuit, parameters: parameters)
        let value = try state.expectation(of: observable)
        let lambda = state.copy()
        try lambda.applyPauliSum(observable)
        let gradient = try backwardSweep(try AdjointPlan(circuit), parameters, psi: state, lambda: lambda)
        return (value, gradient)
    }

    /// The vector–Jacobian product of the map (inputs, weights) → (⟨Z_0⟩, …, ⟨Z_{n−1}⟩):
    /// the gradient of Σ_i g_i ⟨Z_i⟩ in one backward sweep with the observable Σ_i g_i Z_i.
    ///
    /// - Returns: the forward values ⟨Z_i⟩ and the gradient.
    public static func vectorJacobianProduct<B: Backend>(
        circuit: Circuit, parameters: ParameterValues, upstream: [Double], state: B
    ) throws -> (expectations: [Double], gradient: ParameterGradient) {
        try vectorJacobianProduct(plan: try AdjointPlan(circuit), parameters: parameters, upstream: upstream, state: state)
    }

    /// `vectorJacobianProduct` with the circuit's generators already computed.
    static func vectorJacobianProduct<B: Backend>(
        plan: AdjointPlan, parameters: ParameterValues, upstream: [Double], state: B
    ) throws -> (expectations: [Double], gradient: ParameterGradient) {
        try checkParameters(plan.parameterCounts, parameters)
        try state.run(plan.circuit, parameters: parameters)
        return try vectorJacobianProduct(plan: plan, parameters: parameters, upstream: upstream, evolved: state)
    }

    /// The VJP when `evolved` already holds the state after the circuit (a forward pass kept
    /// it), so the circuit is not run again; `known` are its ⟨Z_i⟩ when the forward pass took them.
    static func vectorJacobianProduct<B: Backend>(
        plan: AdjointPlan, parameters: ParameterValues, upstream: [Double], evolved state: B,
        expectations known: [Double]? = nil
    ) throws -> (expectations: [Double], gradient: ParameterGradient) {
        guard upstream.count == state.qubitCount else {
            throw GradientError.upstreamCountMismatch(expected: state.qubitCount, got: upstream.count)
        }
        guard upstream.allSatisfy(\.isFinite) else {
            throw GradientError.malformedBatch("upstream gradients must be finite")
        }
        let expectations = known ?? state.expectationsZ()
        let lambda = state.copy()
        try lambda.applyPauliSum(PauliSum.allZ(qubitCount: state.qubitCount, coefficients: upstream))
        let gradient = try backwardSweep(plan, parameters, psi: state, lambda: lambda)
        return (expectations, gradient)
    }

    /// The backward sweep shared by the gradient and the VJP.
    static func backwardSweep<B: Backend>(_ plan: AdjointPlan, _ parameters: ParameterValues,
                                          psi: B, lambda: B) throws -> ParameterGradient {
        var gradient = ParameterGradient.zero(inputs: parameters.inputs.count, weights: parameters.weights.count)
        for (g, group) in plan.groups.enumerated() {
            var terms = group.terms, observables = group.observables
            for k in group.dynamicMembers {
                let extra = try plan.terms(k, parameters)
                terms += extra
                observables += extra.map(\.observable)
            }
            // The last group (the circuit's first gates) need not be un-applied.
            let elements = try psi.adjointStep(matrixElementsOf: observables, lambda: lambda,
                                               thenRun: g < plan.groups.count - 1 ? group.inverse : nil,
                                               parameters: parameters)
            for (term, element) in zip(terms, elements) { gradient.add(term, element) }
        }
        return gradient
    }

    /// Throws unless `parameters` has a value for every slot the circuit reads.
    static func checkParameters(_ counts: (inputs: Int, weights: Int), _ parameters: ParameterValues) throws {
        guard parameters.inputs.count >= counts.inputs else {
            throw GradientError.missingParameters(kind: "input", expected: counts.inputs, got: parameters.inputs.count)
        }
        guard parameters.weights.count >= counts.weights else {
            throw GradientError.missingParameters(kind: "weight", expected: counts.weights, got: parameters.weights.count)
        }
    }
}

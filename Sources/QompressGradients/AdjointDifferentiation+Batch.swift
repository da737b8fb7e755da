import Numerics
import QompressCore

extension AdjointDifferentiation {
    /// The vector–Jacobian products of every sample of a `RegisterBatch` that holds the states
    /// after `plan.circuit` (sample b run with `parameters[b]`): one backward sweep for the whole
    /// batch, with the observable Σ_i upstream[b][i] Z_i per sample. The batch is consumed.
    ///
    /// - Returns: each sample's gradient, as `vectorJacobianProduct` gives it for that sample
    ///   alone (to rounding).
    /// - Throws: `GradientError` for upstream rows of the wrong length or non-finite values, or
    ///   a circuit whose generators depend on the parameter values (U2, U3: not run by batches);
    ///   the batch's errors otherwise.
    static func vectorJacobianProducts<R: RegisterBatch>(
        plan: AdjointPlan, parameters: [ParameterValues], upstream: [[Double]], evolved psi: R
    ) throws -> [ParameterGradient] {
        if let bad = upstream.first(where: { $0.count != psi.qubitCount }) {
            throw GradientError.upstreamCountMismatch(expected: psi.qubitCount, got: bad.count)
        }
        guard upstream.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw GradientError.malformedBatch("upstream gradients must be finite")
        }
        let lambda = psi.copy()
        try lambda.applyWeightedZ(upstream)
        var gradients = parameters.map { ParameterGradient.zero(inputs: $0.inputs.count, weights: $0.weights.count) }
        for (g, group) in plan.groups.enumerated() {
            guard group.dynamicMembers.isEmpty else {
                throw GradientError.malformedBatch("a batch sweep needs generators that do not depend on the parameters")
            }
            let elements = try psi.adjointStep(matrixElementsOf: group.observables, lambda: lambda,
                                               thenRun: g < plan.groups.count - 1 ? group.inverse : nil,
                                               parameters: parameters)
            for (term, column) in zip(group.terms, elements) {
                for b in gradients.indices { gradients[b].add(term, column[b]) }
            }
        }
        return gradients
    }
}

import QompressCore

/// Forward passes and vector–Jacobian products for a batch of input vectors that share the
/// weights of one circuit, spread across cores.
///
/// Each worker owns one register of backend `B` and processes a contiguous range of samples;
/// every sample is computed on its own and the weight gradient is summed in sample order, so
/// results are bit-identical whatever the thread count.
public struct BatchEvaluator<B: Backend>: Sendable where B.Configuration: Sendable {
    /// The circuit; inputs are its input slots, weights its weight slots.
    public let circuit: Circuit
    /// How each worker's register is configured.
    public let configuration: B.Configuration
    /// Worker threads (0 = all cores).
    public var threads: Int

    /// Creates an evaluator of `circuit` on registers of type `B`.
    public init(circuit: Circuit, backend: B.Type = B.self, configuration: B.Configuration, threads: Int = 0) {
        self.circuit = circuit
        self.configuration = configuration
        self.threads = threads
    }

    /// ⟨Z_i⟩ for every sample: `result[s][i]`.
    /// - Throws: `GradientError.malformedBatch` for rows of the wrong length, or any error of
    ///   the simulation (the first one, by sample order).
    public func expectationsZ(inputs: [[Double]], weights: [Double]) throws -> [[Double]] {
        try check(inputs, weights)
        var outputs = [[Double]](repeating: [], count: inputs.count)
        try map(samples: inputs.count) { state, s in
            state.prepareZeroState()
            try state.run(circuit, parameters: ParameterValues(inputs: inputs[s], weights: weights))
            outputs[s] = state.expectationsZ()
        }
        return outputs
    }

    /// Forward values and the VJP of every sample with its own upstream vector.
    ///
    /// - Returns: `expectations[s][i]`, `inputGradients[s][j]` = ∂(Σ_i g_si ⟨Z_i⟩_s)/∂x_sj, and
    ///   the weight gradient summed over the batch.
    public func vectorJacobianProducts(inputs: [[Double]], weights: [Double], upstream: [[Double]]) throws
        -> (expectations: [[Double]], inputGradients: [[Double]], weightGradient: [Double]) {
        try check(inputs, weights)
        guard upstream.count == inputs.count else {
            throw GradientError.malformedBatch("\(inputs.count) samples but \(upstream.count) upstream vectors")
        }
        let plan = try AdjointPlan(circuit)
        var expectations = [[Double]](repeating: [], count: inputs.count)
        var gradients = [ParameterGradient](repeating: .zero(inputs: 0, weights: 0), count: inputs.count)
        try map(samples: inputs.count) { state, s in
            state.prepareZeroState()
            let result = try AdjointDifferentiation.vectorJacobianProduct(
                plan: plan, parameters: ParameterValues(inputs: inputs[s], weights: weights),
                upstream: upstream[s], state: state)
            expectations[s] = result.expectations
            gradients[s] = result.gradient
        }
        var weightGradient = [Double](repeating: 0, count: weights.count)
        for g in gradients { for j in 0..<weightGradient.count { weightGradient[j] += g.weights[j] } }
        return (expectations, gradients.map(\.inputs), weightGradient)
    }

    private func check(_ inputs: [[Double]], _ weights: [Double]) throws {
        let counts = circuit.parameterCounts
        if let bad = inputs.firstIndex(where: { $0.count < counts.inputs }) {
            throw GradientError.malformedBatch("sample \(bad) has \(inputs[bad].count) inputs, the circuit reads \(counts.inputs)")
        }
        guard weights.count >= counts.weights else {
            throw GradientError.missingParameters(kind: "weight", expected: counts.weights, got: weights.count)
        }
    }

    /// Runs `body(register, sample)` for every sample, one register per worker.
    private func map(samples: Int, _ body: (B, Int) throws -> Void) throws {
        guard samples > 0 else { return }
        let workers = min(ParallelLoop.resolve(threads: threads), samples)
        var failures = [(Int, Error)?](repeating: nil, count: workers)
        let configuration = self.configuration
        let qubits = circuit.qubitCount
        failures.withUnsafeMutableBufferPointer { failures in
            ParallelLoop.forEachRange(tasks: samples, threads: workers) { worker, range in
                do {
                    let state = try B(qubitCount: qubits, configuration: configuration)
                    for s in range {
                        do { try body(state, s) } catch { failures[worker] = (s, error); return }
                    }
                } catch {
                    failures[worker] = (range.lowerBound, error)
                }
            }
        }
        if let first = failures.compactMap({ $0 }).min(by: { $0.0 < $1.0 }) { throw first.1 }
    }
}

import QompressCore

/// Forward passes and vector–Jacobian products for a batch of input vectors that share the
/// weights of one circuit, spread across cores.
///
/// Each worker processes a contiguous range of samples; every sample is computed on its own
/// and the weight gradient is summed in sample order, so results are bit-identical whatever
/// the thread count. When the backend offers `RegisterBatch`es for the circuit
/// (`BackendConfiguration.batchWidth(for:)`), samples run in groups of at most that width, one
/// batch register per group, and small batches are cut so that every worker gets a group; a
/// sample's results do not depend on its group, so this too leaves every bit unchanged.
public struct BatchEvaluator<B: Backend>: Sendable {
    /// The circuit; inputs are its input slots, weights its weight slots.
    public let circuit: Circuit
    /// How each register is configured.
    public let configuration: B.Configuration
    /// Worker threads (0 = all cores).
    public var threads: Int
    /// The backward sweep, prepared once (`nil` when the circuit cannot be differentiated;
    /// `vectorJacobianProducts` then throws the reason).
    private let plan: AdjointPlan?

    /// The registers of a batch after the circuit, kept by `forward` so that
    /// `vectorJacobianProducts(from:upstream:)` need not run the circuit again.
    public struct EvolvedBatch {
        /// The states after the circuit: one register per sample, or one batch register per
        /// group of `width` samples.
        enum Registers {
            case samples([B])
            case groups([any RegisterBatch], width: Int)  // the samples per group
        }
        let registers: Registers
        /// The inputs and weights the states were evolved with.
        let inputs: [[Double]]
        let weights: [Double]
        /// ⟨Z_i⟩ of every state, as the forward pass returned them.
        let expectations: [[Double]]
    }

    /// Creates an evaluator of `circuit` on registers of type `B`.
    public init(circuit: Circuit, backend: B.Type = B.self, configuration: B.Configuration, threads: Int = 0) {
        self.circuit = circuit
        self.configuration = configuration
        self.threads = threads
        self.plan = try? AdjointPlan(circuit)
    }

    /// The circuit's parameter counts (kept by the plan).
    private var parameterCounts: (inputs: Int, weights: Int) { plan?.parameterCounts ?? circuit.parameterCounts }

    /// ⟨Z_i⟩ for every sample: `result[s][i]`.
    /// - Throws: `GradientError.malformedBatch` for rows of the wrong length, or any error of
    ///   the simulation (the first one, by sample order).
    public func expectationsZ(inputs: [[Double]], weights: [Double]) throws -> [[Double]] {
        try check(inputs, weights)
        var outputs = [[Double]](repeating: [], count: inputs.count)
        if let width = configuration.batchWidth(for: circuit) {
            try outputs.withUnsafeMutableBufferPointer { outputs in
                try mapGroups(samples: inputs.count, width: groupWidth(samples: inputs.count, width: width)) { _, samples in
                    let group = try runGroup(samples, inputs, weights)
                    for (b, values) in group.expectationsZ().enumerated() { outputs[samples.lowerBound + b] = values }
                }
            }
            return outputs
        }
        try outputs.withUnsafeMutableBufferPointer { outputs in
            try map(samples: inputs.count) { make, s in
                let state = try make()
                state.prepareZeroState()
                try state.run(circuit, parameters: ParameterValues(inputs: inputs[s], weights: weights))
                outputs[s] = state.expectationsZ()
            }
        }
        return outputs
    }

    /// ⟨Z_i⟩ for every sample, keeping each sample's register for a later backward pass.
    public func forward(inputs: [[Double]], weights: [Double]) throws -> (expectations: [[Double]], evolved: EvolvedBatch) {
        try check(inputs, weights)
        var outputs = [[Double]](repeating: [], count: inputs.count)
        if let width = configuration.batchWidth(for: circuit) {
            let groupWidth = groupWidth(samples: inputs.count, width: width)
            var groups = [(any RegisterBatch)?](repeating: nil, count: (inputs.count + groupWidth - 1) / groupWidth)
            try outputs.withUnsafeMutableBufferPointer { outputs in
                try groups.withUnsafeMutableBufferPointer { groups in
                    try mapGroups(samples: inputs.count, width: groupWidth) { g, samples in
                        let group = try runGroup(samples, inputs, weights)
                        for (b, values) in group.expectationsZ().enumerated() { outputs[samples.lowerBound + b] = values }
                        groups[g] = group
                    }
                }
            }
            return (outputs, EvolvedBatch(registers: .groups(groups.map { $0! }, width: groupWidth), inputs: inputs,
                                          weights: weights, expectations: outputs))
        }
        var states = [B?](repeating: nil, count: inputs.count)
        try outputs.withUnsafeMutableBufferPointer { outputs in
            try states.withUnsafeMutableBufferPointer { states in
                try map(samples: inputs.count, registerPerSample: true) { make, s in
                    let state = try make()
                    try state.run(circuit, parameters: ParameterValues(inputs: inputs[s], weights: weights))
                    outputs[s] = state.expectationsZ()
                    states[s] = state
                }
            }
        }
        return (outputs, EvolvedBatch(registers: .samples(states.map { $0! }), inputs: inputs, weights: weights,
                                      expectations: outputs))
    }

    /// Forward values and the VJP of every sample with its own upstream vector.
    ///
    /// - Returns: `expectations[s][i]`, `inputGradients[s][j]` = ∂(Σ_i g_si ⟨Z_i⟩_s)/∂x_sj, and
    ///   the weight gradient summed over the batch.
    public func vectorJacobianProducts(inputs: [[Double]], weights: [Double], upstream: [[Double]]) throws
        -> (expectations: [[Double]], inputGradients: [[Double]], weightGradient: [Double]) {
        try check(inputs, weights)
        return try backward(inputs: inputs, weights: weights, upstream: upstream, evolved: nil)
    }

    /// The VJPs of a batch that `forward` already evolved (the circuit is not run again). The
    /// registers are consumed: use an `EvolvedBatch` once.
    public func vectorJacobianProducts(from evolved: EvolvedBatch, upstream: [[Double]]) throws
        -> (expectations: [[Double]], inputGradients: [[Double]], weightGradient: [Double]) {
        try backward(inputs: evolved.inputs, weights: evolved.weights, upstream: upstream,
                     evolved: (evolved.registers, evolved.expectations))
    }

    private func backward(inputs: [[Double]], weights: [Double], upstream: [[Double]],
                          evolved: (registers: EvolvedBatch.Registers, expectations: [[Double]])?) throws
        -> (expectations: [[Double]], inputGradients: [[Double]], weightGradient: [Double]) {
        guard upstream.count == inputs.count else {
            throw GradientError.malformedBatch("\(inputs.count) samples but \(upstream.count) upstream vectors")
        }
        let plan = try self.plan ?? AdjointPlan(circuit)
        var expectations = [[Double]](repeating: [], count: inputs.count)
        var gradients = [ParameterGradient](repeating: .zero(inputs: 0, weights: 0), count: inputs.count)
        let kept: [B]?
        switch evolved?.registers {
        case .groups(let groups, let width)?:
            try backwardGroups(plan, inputs, weights, upstream, &expectations, &gradients,
                               width: width, evolved: (groups, evolved!.expectations))
            return sum(expectations, gradients, weights: weights.count)
        case .samples(let states)?:
            kept = states
        case nil:
            if let width = configuration.batchWidth(for: circuit) {
                try backwardGroups(plan, inputs, weights, upstream, &expectations, &gradients,
                                   width: groupWidth(samples: inputs.count, width: width), evolved: nil)
                return sum(expectations, gradients, weights: weights.count)
            }
            kept = nil
        }
        let evolved = kept.map { (states: $0, expectations: evolved!.expectations) }
        try expectations.withUnsafeMutableBufferPointer { expectations in
            try gradients.withUnsafeMutableBufferPointer { gradients in
                try map(samples: inputs.count, registerPerSample: evolved != nil) { make, s in
                    let parameters = ParameterValues(inputs: inputs[s], weights: weights)
                    let result: (expectations: [Double], gradient: ParameterGradient)
                    if let evolved {
                        result = try AdjointDifferentiation.vectorJacobianProduct(
                            plan: plan, parameters: parameters, upstream: upstream[s], evolved: evolved.states[s],
                            expectations: evolved.expectations[s])
                    } else {
                        let state = try make()
                        state.prepareZeroState()
                        result = try AdjointDifferentiation.vectorJacobianProduct(
                            plan: plan, parameters: parameters, upstream: upstream[s], state: state)
                    }
                    expectations[s] = result.expectations
                    gradients[s] = result.gradient
                }
            }
        }
        return sum(expectations, gradients, weights: weights.count)
    }

    /// The backward pass in groups of `width` samples (as `groupWidth` or `forward` chose), each
    /// one batch register (kept by `forward`, or run here).
    private func backwardGroups(_ plan: AdjointPlan, _ inputs: [[Double]], _ weights: [Double], _ upstream: [[Double]],
                                _ expectations: inout [[Double]], _ gradients: inout [ParameterGradient], width: Int,
                                evolved: (groups: [any RegisterBatch], expectations: [[Double]])?) throws {
        try expectations.withUnsafeMutableBufferPointer { expectations in
            try gradients.withUnsafeMutableBufferPointer { gradients in
                try mapGroups(samples: inputs.count, width: width) { g, samples in
                    let group: any RegisterBatch
                    if let evolved {
                        group = evolved.groups[g]
                        for s in samples { expectations[s] = evolved.expectations[s] }
                    } else {
                        group = try runGroup(samples, inputs, weights)
                        for (b, values) in group.expectationsZ().enumerated() { expectations[samples.lowerBound + b] = values }
                    }
                    let results = try AdjointDifferentiation.vectorJacobianProducts(
                        plan: plan, parameters: samples.map { ParameterValues(inputs: inputs[$0], weights: weights) },
                        upstream: Array(upstream[samples]), evolved: group)
                    for (b, gradient) in results.enumerated() { gradients[samples.lowerBound + b] = gradient }
                }
            }
        }
    }

    /// The batch's results: the weight gradient summed in sample order.
    private func sum(_ expectations: [[Double]], _ gradients: [ParameterGradient], weights: Int)
        -> (expectations: [[Double]], inputGradients: [[Double]], weightGradient: [Double]) {
        var weightGradient = [Double](repeating: 0, count: weights)
        for g in gradients { for j in 0..<weightGradient.count { weightGradient[j] += g.weights[j] } }
        return (expectations, gradients.map(\.inputs), weightGradient)
    }

    /// The samples per group: at most `width`, and few enough that each worker gets a group
    /// (rounded up to a multiple of 4, the lanes of a vector).
    private func groupWidth(samples: Int, width: Int) -> Int {
        let workers = max(1, ParallelLoop.resolve(threads: threads))
        let share = ((samples + workers - 1) / workers + 3) / 4 * 4
        return max(1, min(width, share))
    }

    /// A batch register holding the samples `samples` after the circuit.
    private func runGroup(_ samples: Range<Int>, _ inputs: [[Double]], _ weights: [Double]) throws -> any RegisterBatch {
        guard let group = try configuration.makeBatch(for: circuit, samples: samples.count) else {
            throw SimulationError.unsupported("the \(configuration.capabilities.name) backend offers no batch for this circuit")
        }
        try group.run(circuit, parameters: samples.map { ParameterValues(inputs: inputs[$0], weights: weights) })
        return group
    }

    /// Runs `body(group, samples)` for the groups of `width` consecutive samples (the last one
    /// shorter), spread over the workers like `map`. `width` comes from `groupWidth`.
    private func mapGroups(samples: Int, width: Int, _ body: (Int, Range<Int>) throws -> Void) throws {
        guard samples > 0 else { return }
        let groups = (samples + width - 1) / width
        let threadCount = min(ParallelLoop.resolve(threads: threads), groups)
        let ranges = threadCount == 1 ? 1 : min(groups, 4 * threadCount)
        try ParallelLoop.forEachRange(tasks: groups, threads: ranges) { _, range in
            for g in range { try body(g, (g * width)..<min(samples, (g + 1) * width)) }
        }
    }

    private func check(_ inputs: [[Double]], _ weights: [Double]) throws {
        let counts = parameterCounts
        if let bad = inputs.firstIndex(where: { $0.count < counts.inputs }) {
            throw GradientError.malformedBatch("sample \(bad) has \(inputs[bad].count) inputs, the circuit reads \(counts.inputs)")
        }
        guard weights.count >= counts.weights else {
            throw GradientError.missingParameters(kind: "weight", expected: counts.weights, got: weights.count)
        }
    }

    /// Runs `body(register, sample)` for every sample. `register()` gives the range's one
    /// register, or a fresh one per sample when `registerPerSample` is set.
    private func map(samples: Int, registerPerSample: Bool = false,
                     _ body: (() throws -> B, Int) throws -> Void) throws {
        guard samples > 0 else { return }
        // With several workers the samples go in four ranges per worker, claimed one by one,
        // so that a worker the system slows down does not hold up the batch.
        let threadCount = min(ParallelLoop.resolve(threads: threads), samples)
        let ranges = threadCount == 1 ? 1 : min(samples, 4 * threadCount)
        let configuration = self.configuration
        let qubits = circuit.qubitCount
        // Ranges are contiguous and in sample order, so the first failing range holds the
        // first failing sample.
        try ParallelLoop.forEachRange(tasks: samples, threads: ranges) { _, range in
            var shared: B?
            for s in range {
                try body({
                    if registerPerSample { return try B(qubitCount: qubits, configuration: configuration) }
                    if let shared { return shared }
                    let state = try B(qubitCount: qubits, configuration: configuration)
                    shared = state
                    return state
                }, s)
            }
        }
    }
}

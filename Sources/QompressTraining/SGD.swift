/// Stochastic gradient descent with (heavy-ball) momentum: v ← μv + g, p ← p − ηv.
public final class SGD: Optimizer {
    public var learningRate: Double
    /// μ in [0, 1).
    public let momentum: Double
    private var velocity: [String: [Double]] = [:]
    private var steps = 0

    /// Creates the optimiser.
    /// - Throws: `TrainingError.invalidHyperparameter` for η ≤ 0 or μ outside [0, 1).
    public init(learningRate: Double, momentum: Double = 0) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw TrainingError.invalidHyperparameter("learning rate must be positive, got \(learningRate)")
        }
        guard momentum >= 0, momentum < 1 else {
            throw TrainingError.invalidHyperparameter("momentum must lie in [0, 1), got \(momentum)")
        }
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public func step(_ parameters: [ParameterTensor]) throws {
        try requireDistinctNames(parameters)
        try requireFiniteGradients(parameters)
        steps += 1
        let momentum = self.momentum, learningRate = self.learningRate
        for p in parameters {
            // Taken out of the dictionary so that it is updated in place, not copied.
            var v = velocity.removeValue(forKey: p.name) ?? [Double](repeating: 0, count: p.values.count)
            p.values.withUnsafeMutableBufferPointer { w in
                p.gradient.withUnsafeBufferPointer { g in
                    v.withUnsafeMutableBufferPointer { v in
                        for i in 0..<w.count {
                            v[i] = momentum * v[i] + g[i]
                            w[i] -= learningRate * v[i]
                        }
                    }
                }
            }
            velocity[p.name] = v
        }
    }

    public var state: OptimizerState {
        OptimizerState(kind: "sgd", step: steps, hyperparameters: ["learningRate": learningRate, "momentum": momentum],
                       buffers: velocity.reduce(into: [:]) { $0[$1.key + ".velocity"] = $1.value })
    }

    public func restore(_ state: OptimizerState, parameters: [ParameterTensor]) throws {
        guard state.kind == "sgd" else { throw CheckpointError.mismatch("optimiser state is \(state.kind), not sgd") }
        steps = state.step
        velocity = [:]
        for p in parameters {
            guard let v = state.buffers[p.name + ".velocity"] else { continue }
            guard v.count == p.values.count else { throw CheckpointError.mismatch("velocity of \(p.name) has the wrong size") }
            velocity[p.name] = v
        }
    }
}

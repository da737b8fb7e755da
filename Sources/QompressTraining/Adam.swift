import Foundation

/// Adam (Kingma & Ba) with bias correction. `weightDecay` adds λ·p to the gradient before the
/// moments, as PyTorch's `Adam(weight_decay=λ)` does (L2 regularisation, not AdamW).
public final class Adam: Optimizer {
    public var learningRate: Double
    /// Decay of the first moment.
    public let beta1: Double
    /// Decay of the second moment.
    public let beta2: Double
    /// Added to √v̂ for stability.
    public let epsilon: Double
    /// L2 coefficient λ.
    public let weightDecay: Double
    private var firstMoment: [String: [Double]] = [:]
    private var secondMoment: [String: [Double]] = [:]
    private var steps = 0

    /// Creates the optimiser with PyTorch's defaults unless given.
    /// - Throws: `TrainingError.invalidHyperparameter` for values outside their ranges.
    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw TrainingError.invalidHyperparameter("learning rate must be positive, got \(learningRate)")
        }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else {
            throw TrainingError.invalidHyperparameter("β1 and β2 must lie in [0, 1), got \(beta1), \(beta2)")
        }
        guard epsilon > 0, weightDecay >= 0, weightDecay.isFinite else {
            throw TrainingError.invalidHyperparameter("ε must be positive and weight decay non-negative")
        }
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [ParameterTensor]) throws {
        try requireDistinctNames(parameters)
        // Checked first, so that a bad gradient leaves all parameters and moments as they were.
        try requireFiniteGradients(parameters, weightDecay: weightDecay)
        steps += 1
        let c1 = 1 - pow(beta1, Double(steps)), c2 = 1 - pow(beta2, Double(steps))
        let beta1 = self.beta1, beta2 = self.beta2, epsilon = self.epsilon
        let weightDecay = self.weightDecay, learningRate = self.learningRate
        for p in parameters {
            // Taken out of the dictionaries so that they are updated in place, not copied.
            var m = firstMoment.removeValue(forKey: p.name) ?? [Double](repeating: 0, count: p.values.count)
            var v = secondMoment.removeValue(forKey: p.name) ?? [Double](repeating: 0, count: p.values.count)
            p.values.withUnsafeMutableBufferPointer { w in
                p.gradient.withUnsafeBufferPointer { grad in
                    m.withUnsafeMutableBufferPointer { m in
                        v.withUnsafeMutableBufferPointer { v in
                            // Four at a time (the same operations lane by lane, so the same bits as
                            // the scalar loop that finishes the tail).
                            guard !w.isEmpty else { return }
                            typealias V = SIMD4<Double>
                            func load(_ p: UnsafePointer<Double>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
                            let (w0, g0, m0, v0) = (w.baseAddress!, grad.baseAddress!, m.baseAddress!, v.baseAddress!)
                            var i = 0
                            while i + 4 <= w.count {
                                let g = load(g0 + i) + weightDecay * load(w0 + i)
                                let mi = beta1 * load(m0 + i) + (1 - beta1) * g
                                let vi = beta2 * load(v0 + i) + (1 - beta2) * g * g
                                let step = learningRate * (mi / c1) / ((vi / c2).squareRoot() + epsilon)
                                UnsafeMutableRawPointer(m0 + i).storeBytes(of: mi, as: V.self)
                                UnsafeMutableRawPointer(v0 + i).storeBytes(of: vi, as: V.self)
                                UnsafeMutableRawPointer(w0 + i).storeBytes(of: load(w0 + i) - step, as: V.self)
                                i += 4
                            }
                            while i < w.count {
                                let g = grad[i] + weightDecay * w[i]
                                m[i] = beta1 * m[i] + (1 - beta1) * g
                                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                                w[i] -= learningRate * (m[i] / c1) / ((v[i] / c2).squareRoot() + epsilon)
                                i += 1
                            }
                        }
                    }
                }
            }
            firstMoment[p.name] = m
            secondMoment[p.name] = v
        }
    }

    public var state: OptimizerState {
        var buffers: [String: [Double]] = [:]
        for (k, m) in firstMoment { buffers[k + ".m"] = m }
        for (k, v) in secondMoment { buffers[k + ".v"] = v }
        return OptimizerState(kind: "adam", step: steps,
                              hyperparameters: ["learningRate": learningRate, "beta1": beta1, "beta2": beta2,
                                                "epsilon": epsilon, "weightDecay": weightDecay],
                              buffers: buffers)
    }

    public func restore(_ state: OptimizerState, parameters: [ParameterTensor]) throws {
        guard state.kind == "adam" else { throw CheckpointError.mismatch("optimiser state is \(state.kind), not adam") }
        steps = state.step
        firstMoment = [:]
        secondMoment = [:]
        for p in parameters {
            if let m = state.buffers[p.name + ".m"], let v = state.buffers[p.name + ".v"] {
                guard m.count == p.values.count, v.count == p.values.count else {
                    throw CheckpointError.mismatch("Adam moments of \(p.name) have the wrong size")
                }
                firstMoment[p.name] = m
                secondMoment[p.name] = v
            }
        }
    }
}

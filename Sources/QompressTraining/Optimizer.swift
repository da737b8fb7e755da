/// Updates parameters from their accumulated gradients.
public protocol Optimizer: AnyObject {
    /// The step size used by the next `step`.
    var learningRate: Double { get set }
    /// Applies one update to every tensor, then leaves the gradients untouched.
    func step(_ parameters: [ParameterTensor]) throws
    /// The optimiser's internal state, for checkpoints.
    var state: OptimizerState { get }
    /// Restores a state saved by `state`.
    /// - Throws: `CheckpointError.mismatch` when it belongs to another optimiser or model.
    func restore(_ state: OptimizerState, parameters: [ParameterTensor]) throws
}

/// An optimiser's serialisable state: its kind, step count and per-tensor buffers.
public struct OptimizerState: Hashable, Sendable, Codable {
    /// `"sgd"` or `"adam"`.
    public var kind: String
    /// Steps taken.
    public var step: Int
    /// Hyper-parameters by name.
    public var hyperparameters: [String: Double]
    /// Buffers by `"<tensor name>.<buffer>"`.
    public var buffers: [String: [Double]]

    /// Creates a state.
    public init(kind: String, step: Int, hyperparameters: [String: Double], buffers: [String: [Double]]) {
        self.kind = kind
        self.step = step
        self.hyperparameters = hyperparameters
        self.buffers = buffers
    }
}

extension Optimizer {
    /// Throws unless every tensor has its own name: optimisers keep moments and velocities by
    /// name, so two same-named tensors (two models built with the same layer names) would
    /// silently share one state.
    /// Throws `TrainingError.nonFiniteValue` when any gradient (plus `weightDecay` times its
    /// value) is not finite, so that a step can refuse before it changes anything.
    func requireFiniteGradients(_ parameters: [ParameterTensor], weightDecay: Double = 0) throws {
        for p in parameters {
            let bad = p.gradient.withUnsafeBufferPointer { g in
                p.values.withUnsafeBufferPointer { w in (0..<g.count).contains { !(g[$0] + weightDecay * w[$0]).isFinite } }
            }
            if bad { throw TrainingError.nonFiniteValue("gradient of \(p.name)") }
        }
    }

    func requireDistinctNames(_ parameters: [ParameterTensor]) throws {
        var names = Set<String>()
        for p in parameters where !names.insert(p.name).inserted {
            throw TrainingError.invalidHyperparameter(
                "two parameter tensors are named \(p.name); optimiser state is kept by name, so give the layers distinct names")
        }
    }
}

extension Optimizer {
    /// One update as training loops take it: clip the gradients' global norm to `clipNorm` when
    /// given, set the learning rate of step `step` from `schedule`, then `step(_:)`.
    public func update(_ parameters: [ParameterTensor], schedule: LearningRateSchedule, step: Int,
                       clipNorm: Double?) throws {
        if let clipNorm { GradientClipping.clipGlobalNorm(parameters, maxNorm: clipNorm) }
        learningRate = schedule.rate(at: step)
        try self.step(parameters)
    }
}

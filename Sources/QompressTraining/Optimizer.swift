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

/// A named block of trainable values with the gradient accumulated for it.
///
/// A reference type: a layer owns its tensors, and the optimiser updates them in place.
public final class ParameterTensor {
    /// A stable name used in checkpoints (`"dense0.weight"`).
    public let name: String
    /// Shape for display and checks; `values.count` is its product.
    public let shape: [Int]
    /// The values.
    public var values: [Double]
    /// ∂loss/∂values accumulated since the last `zeroGradient()`.
    public var gradient: [Double]

    /// Creates a tensor with the given values and a zero gradient.
    /// - Precondition: the product of `shape` equals `values.count` (layers build their own
    ///   tensors; checkpoints are checked before values reach one).
    public init(name: String, shape: [Int], values: [Double]) {
        precondition(shape.reduce(1, *) == values.count, "shape \(shape) does not match \(values.count) values")
        self.name = name
        self.shape = shape
        self.values = values
        self.gradient = [Double](repeating: 0, count: values.count)
    }

    /// Resets the accumulated gradient to zero.
    public func zeroGradient() {
        gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Adds `contribution` (one entry per value) to the gradient, entry by entry — in one loop
    /// over contiguous memory, not one checked access of the class's array per entry.
    /// - Precondition: `contribution.count == gradient.count` (callers pass their own tensors' sizes).
    public func accumulateGradient(_ contribution: UnsafeBufferPointer<Double>) {
        precondition(contribution.count == gradient.count, "a gradient of \(contribution.count) for \(gradient.count) values")
        gradient.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] += contribution[i] }
        }
    }
}

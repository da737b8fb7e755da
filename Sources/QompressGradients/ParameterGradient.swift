/// The gradient of a scalar with respect to a circuit's input and weight slots.
public struct ParameterGradient: Hashable, Sendable {
    /// ∂f/∂x[i] for every input slot.
    public var inputs: [Double]
    /// ∂f/∂w[j] for every weight slot.
    public var weights: [Double]

    /// Creates a gradient from its two parts.
    public init(inputs: [Double], weights: [Double]) {
        self.inputs = inputs
        self.weights = weights
    }

    /// A zero gradient with the given numbers of slots.
    public static func zero(inputs: Int, weights: Int) -> ParameterGradient {
        ParameterGradient(inputs: [Double](repeating: 0, count: inputs),
                          weights: [Double](repeating: 0, count: weights))
    }

    /// Largest absolute difference to `other` over all slots (∞ when the shapes differ).
    public func maxDifference(to other: ParameterGradient) -> Double {
        guard inputs.count == other.inputs.count, weights.count == other.weights.count else { return .infinity }
        return zip(inputs + weights, other.inputs + other.weights).map { abs($0 - $1) }.max() ?? 0
    }
}

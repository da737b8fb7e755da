/// Concrete values for a circuit's input and weight slots.
public struct ParameterValues: Hashable, Sendable {
    /// Values of the input slots, indexed by `ParameterSlot.index`.
    public var inputs: [Double]
    /// Values of the weight slots, indexed by `ParameterSlot.index`.
    public var weights: [Double]

    /// Creates a binding of input and weight values.
    public init(inputs: [Double] = [], weights: [Double] = []) {
        self.inputs = inputs
        self.weights = weights
    }

    /// No values: enough for circuits whose angles are all constants.
    public static let none = ParameterValues()

    /// The value bound to `slot`.
    /// - Throws: `CircuitError.unboundParameter` when the slot has no value, and
    ///   `CircuitError.nonFiniteParameter` when the value is NaN or infinite.
    @inlinable
    public func value(of slot: ParameterSlot) throws -> Double {
        let values = slot.kind == .input ? inputs : weights
        guard slot.index >= 0, slot.index < values.count else { throw CircuitError.unboundParameter(slot) }
        let value = values[slot.index]
        guard value.isFinite else { throw CircuitError.nonFiniteParameter(slot, value: value) }
        return value
    }
}

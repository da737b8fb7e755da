/// Errors of layers, losses and training loops.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shapes that do not fit together.
    case dimensionMismatch(String)
    /// `backward` called without a preceding `forward`.
    case backwardBeforeForward
    /// A hyper-parameter outside its valid range.
    case invalidHyperparameter(String)
    /// A loss or gradient that became NaN or infinite.
    case nonFiniteValue(String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(message): return "dimension mismatch: \(message)"
        case .backwardBeforeForward: return "backward called before forward"
        case let .invalidHyperparameter(message): return "invalid hyper-parameter: \(message)"
        case let .nonFiniteValue(message): return "non-finite value: \(message)"
        }
    }
}

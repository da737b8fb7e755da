/// Errors of the differentiation methods.
public enum GradientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The parameter-shift rule needs a generator with two eigenvalues; this gate has more.
    case parameterShiftUnsupported(gate: String)
    /// Upstream gradients must have one entry per qubit.
    case upstreamCountMismatch(expected: Int, got: Int)
    /// Parameter vectors shorter than the circuit needs.
    case missingParameters(kind: String, expected: Int, got: Int)
    /// Batch inputs of unequal or wrong length.
    case malformedBatch(String)

    public var description: String {
        switch self {
        case let .parameterShiftUnsupported(gate):
            return "the two-term parameter-shift rule does not apply to \(gate) (its generator has more than two eigenvalues); use the adjoint method"
        case let .upstreamCountMismatch(expected, got):
            return "expected \(expected) upstream gradients (one per qubit), got \(got)"
        case let .missingParameters(kind, expected, got):
            return "the circuit reads \(expected) \(kind) slots but \(got) values were given"
        case let .malformedBatch(message):
            return "malformed batch: \(message)"
        }
    }
}

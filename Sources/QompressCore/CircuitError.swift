/// Errors raised while building a circuit or binding its parameters.
///
/// Every path that user input reaches throws one of these instead of trapping.
public enum CircuitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A qubit index outside `0..<qubitCount`.
    case qubitOutOfRange(qubit: Int, qubitCount: Int)
    /// The same qubit appears twice in one operation.
    case repeatedQubit(qubit: Int, gate: String)
    /// A gate was given the wrong number of qubits.
    case wrongArity(gate: String, expected: Int, got: Int)
    /// An angle, scale or shift that is NaN or infinite.
    case nonFiniteAngle(gate: String, value: Double)
    /// A matrix that is not unitary to 1e-10 (`deviation` is max |U†U − I|).
    case nonUnitaryMatrix(deviation: Double)
    /// A matrix of the wrong dimension for the gate.
    case wrongMatrixDimension(expected: Int, got: Int)
    /// A parameter slot with no value bound to it.
    case unboundParameter(ParameterSlot)
    /// A bound parameter value that is NaN or infinite.
    case nonFiniteParameter(ParameterSlot, value: Double)
    /// A circuit must have at least one qubit.
    case invalidQubitCount(Int)
    /// Two circuits (or a circuit and an observable) disagree in size.
    case qubitCountMismatch(expected: Int, got: Int)
    /// A Pauli string or sum that could not be parsed.
    case malformedObservable(String)
    /// A size or count outside its valid range (for example a negative number of layers).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .qubitOutOfRange(qubit, count):
            return "qubit \(qubit) is out of range for a register of \(count) qubit\(count == 1 ? "" : "s") (valid: 0...\(count - 1))"
        case let .repeatedQubit(qubit, gate):
            return "gate \(gate) uses qubit \(qubit) more than once"
        case let .wrongArity(gate, expected, got):
            return "gate \(gate) acts on \(expected) qubit\(expected == 1 ? "" : "s"), got \(got)"
        case let .nonFiniteAngle(gate, value):
            return "gate \(gate) has a non-finite angle (\(value))"
        case let .nonUnitaryMatrix(deviation):
            return "matrix is not unitary: max |U†U − I| = \(deviation) exceeds 1e-10"
        case let .wrongMatrixDimension(expected, got):
            return "matrix has dimension \(got), expected \(expected)"
        case let .unboundParameter(slot):
            return "parameter \(slot) has no bound value"
        case let .nonFiniteParameter(slot, value):
            return "parameter \(slot) is bound to a non-finite value (\(value))"
        case let .invalidQubitCount(count):
            return "a register needs at least one qubit, got \(count)"
        case let .qubitCountMismatch(expected, got):
            return "qubit count mismatch: expected \(expected), got \(got)"
        case let .malformedObservable(message):
            return "malformed observable: \(message)"
        case let .invalidArgument(message):
            return "invalid argument: \(message)"
        }
    }
}

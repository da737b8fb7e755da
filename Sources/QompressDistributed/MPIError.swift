/// Errors of the MPI layer: a failed MPI call, a collective that some rank could not finish,
/// or an argument that does not fit the communicator.
public enum MPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An MPI function returned a code other than `MPI_SUCCESS`; `message` is MPI's own text.
    case callFailed(function: String, code: Int32, message: String)
    /// One or more ranks failed a step that every rank had to finish; the failures by rank.
    case ranksFailed([Int: String])
    /// An argument the communicator cannot use (a root outside the ranks, a count that
    /// overflows).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .callFailed(function, code, message):
            return "MPI error: \(function) returned \(code) (\(message))"
        case let .ranksFailed(failures):
            let lines = failures.keys.sorted().map { "rank \($0): \(failures[$0]!)" }
            return "\(failures.count) rank\(failures.count == 1 ? "" : "s") failed: " + lines.joined(separator: "; ")
        case let .invalidArgument(message):
            return "MPI: invalid argument: \(message)"
        }
    }
}

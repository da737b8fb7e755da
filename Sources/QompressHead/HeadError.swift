/// Errors of the projection head, its data and its evaluation. Every case says what was wrong.
public enum HeadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Dimensions that do not fit (input width, compression ratio, output width).
    case dimensionMismatch(String)
    /// A hyper-parameter or option outside its range.
    case invalidArgument(String)
    /// A data file that cannot be read or parsed.
    case malformedData(file: String, line: Int?, reason: String)
    /// An identifier that the collection does not contain.
    case unknownIdentifier(file: String, identifier: String)

    public var description: String {
        switch self {
        case let .dimensionMismatch(message): return "dimension mismatch: \(message)"
        case let .invalidArgument(message): return "invalid argument: \(message)"
        case let .malformedData(file, line, reason):
            return "malformed \(file)\(line.map { " line \($0)" } ?? ""): \(reason)"
        case let .unknownIdentifier(file, identifier): return "\(file) refers to unknown id \"\(identifier)\""
        }
    }
}

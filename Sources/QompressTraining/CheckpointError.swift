/// Why a checkpoint could not be written or read.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not a readable checkpoint (truncated, not JSON, bad base64, wrong checksum).
    case corrupt(String)
    /// The file has a format version this build does not read.
    case unsupportedVersion(Int)
    /// The checkpoint is valid but does not fit the model it is loaded into.
    case mismatch(String)
    /// The file system refused a read or write.
    case io(String)

    public var description: String {
        switch self {
        case let .corrupt(message): return "corrupt checkpoint: \(message)"
        case let .unsupportedVersion(v): return "checkpoint format version \(v) is not supported (this build reads versions \(Checkpoint.readableVersions.lowerBound)–\(Checkpoint.readableVersions.upperBound))"
        case let .mismatch(message): return "checkpoint does not match the model: \(message)"
        case let .io(message): return "checkpoint I/O failed: \(message)"
        }
    }
}

/// Why a CLIP-ACQUA dataset, model or command input was rejected.
public enum ACQUAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A dataset folder or its files do not form valid image–text pairs.
    case invalidDataset(String)
    /// A configuration value outside its range (sizes, loss weights, split fractions).
    case invalidConfiguration(String)
    /// Arrays whose shapes do not fit the model (wrong embedding width, mismatched rows).
    case dimensionMismatch(String)
    /// A checkpoint that was not written by `qompress acqua train`.
    case incompatibleCheckpoint(String)
    /// LAPACK reported a failure.
    case lapackFailure(routine: String, info: Int)
    /// A file could not be written.
    case io(String)
    /// A model produced NaN or infinite values (latents, reconstructions, scores).
    case nonFiniteResult(String)

    public var description: String {
        switch self {
        case let .invalidDataset(message): return "invalid dataset: \(message)"
        case let .invalidConfiguration(message): return "invalid configuration: \(message)"
        case let .dimensionMismatch(message): return "dimension mismatch: \(message)"
        case let .incompatibleCheckpoint(message): return "incompatible checkpoint: \(message)"
        case let .lapackFailure(routine, info): return "LAPACK \(routine) failed with info = \(info)"
        case let .io(message): return "I/O error: \(message)"
        case let .nonFiniteResult(message): return "non-finite result: \(message)"
        }
    }
}

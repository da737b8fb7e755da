/// Why a NumPy `.npy` file could not be read or written.
public enum NPYError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened, read or written.
    case io(path: String, message: String)
    /// The magic string, version or header is malformed.
    case malformedHeader(path: String, message: String)
    /// A dtype this reader does not support.
    case unsupportedDType(path: String, descr: String)
    /// Fortran (column-major) order is not supported.
    case fortranOrder(path: String)
    /// The file holds fewer bytes than its header promises.
    case truncated(path: String, expectedBytes: Int, actualBytes: Int)
    /// The array has the wrong number of dimensions or columns for its use.
    case shapeMismatch(path: String, message: String)
    /// The array contains NaN or infinite values where finite ones are required.
    case nonFinite(path: String, count: Int, firstIndex: Int)

    public var description: String {
        switch self {
        case let .io(path, message): return "\(path): \(message)"
        case let .malformedHeader(path, message): return "\(path): malformed .npy header: \(message)"
        case let .unsupportedDType(path, descr):
            return "\(path): unsupported dtype '\(descr)' (supported: float16/32/64 and int32/64, little-endian)"
        case let .fortranOrder(path): return "\(path): Fortran-ordered arrays are not supported; save with C order (numpy.ascontiguousarray)"
        case let .truncated(path, expected, actual):
            return "\(path): truncated: the header promises \(expected) data bytes, the file holds \(actual)"
        case let .shapeMismatch(path, message): return "\(path): \(message)"
        case let .nonFinite(path, count, first): return "\(path): \(count) NaN or infinite value\(count == 1 ? "" : "s") (first at flat index \(first))"
        }
    }
}

import Foundation

/// Errors raised by a simulation backend.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The requested state would not fit in memory.
    case stateTooLarge(qubits: Int, bytesNeeded: Double, bytesAvailable: Double)
    /// The operation exceeds what this backend supports (for example the full
    /// probability vector of 200 qubits).
    case unsupported(String)
    /// An argument that is out of its valid range (shots < 0, χ < 1, …).
    case invalidArgument(String)
    /// Two states of different sizes were combined.
    case qubitCountMismatch(expected: Int, got: Int)
    /// A LAPACK or BLAS routine reported failure through its `info` value.
    case lapackFailure(routine: String, info: Int)
    /// The state has zero norm where a normalised state is required.
    case zeroNorm

    public var description: String {
        switch self {
        case let .stateTooLarge(qubits, needed, available):
            return "a state of \(qubits) qubits needs \(SimulationError.formatBytes(needed)) of memory; "
                + "only \(SimulationError.formatBytes(available)) is available"
        case let .unsupported(message):
            return "unsupported: \(message)"
        case let .invalidArgument(message):
            return "invalid argument: \(message)"
        case let .qubitCountMismatch(expected, got):
            return "qubit count mismatch: expected \(expected), got \(got)"
        case let .lapackFailure(routine, info):
            return "LAPACK routine \(routine) failed with info = \(info)"
        case .zeroNorm:
            return "the state has zero norm"
        }
    }

    /// Formats a byte count with a binary unit (KiB, MiB, GiB, …).
    public static func formatBytes(_ bytes: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
        var value = bytes
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == units.count - 1 && value >= 1024 { return String(format: "%.3g B", bytes) }
        return unit == 0 ? "\(Int(value)) B" : String(format: "%.1f %@", value, units[unit])
    }
}

import Foundation
import Qompress

/// The codes every `qompress_*` function returns. The message of a failure is written to the
/// caller's buffer as NUL-terminated UTF-8.
enum QompressStatus: Int32 {
    /// Success.
    case ok = 0
    /// A null pointer, a negative or mismatched size, an unknown name or an out-of-range value.
    case invalidArgument = 1
    /// A malformed OpenQASM program.
    case parseError = 2
    /// The simulation refused or failed (too many qubits, unsupported read-out, LAPACK failure).
    case simulationError = 3
    /// A checkpoint or model that cannot be read or does not fit the input.
    case modelError = 4
    /// A handle that is not (or no longer) a live model.
    case invalidHandle = 5
    /// Any other error.
    case internalError = 99
}

/// An invalid argument found at the C boundary, before any library code runs.
struct BoundaryError: Error, CustomStringConvertible {
    /// The status code to return.
    var status: QompressStatus
    /// What was wrong.
    var description: String

    init(_ description: String, status: QompressStatus = .invalidArgument) {
        self.description = description
        self.status = status
    }
}

/// Runs `body`, turning every thrown error into a status code and a message written to
/// `message` (at most `capacity` bytes including the terminating NUL; nothing is written
/// when `message` is null or `capacity` is not positive).
func guarded(_ message: UnsafeMutablePointer<CChar>?, _ capacity: Int64, _ body: () throws -> Void) -> Int32 {
    if let message, capacity > 0 { message.pointee = 0 }
    do {
        try body()
        return QompressStatus.ok.rawValue
    } catch {
        let (status, text) = classify(error)
        write(text, to: message, capacity: capacity)
        return status.rawValue
    }
}

/// The status and message of an error thrown by the library.
func classify(_ error: Error) -> (QompressStatus, String) {
    switch error {
    case let error as BoundaryError: return (error.status, error.description)
    case let error as QASMError: return (.parseError, "\(error.line):\(error.column): \(error.message)")
    case let error as CircuitError: return (.invalidArgument, error.description)
    case let error as SimulationError:
        if case .invalidArgument = error { return (.invalidArgument, error.description) }
        return (.simulationError, error.description)
    case let error as GradientError: return (.simulationError, error.description)
    case let error as ACQUAError: return (.modelError, error.description)
    case let error as HeadError: return (.modelError, error.description)
    case let error as CheckpointError: return (.modelError, error.description)
    case let error as NPYError: return (.modelError, error.description)
    case let error as TrainingError: return (.modelError, error.description)
    default: return (.internalError, String(describing: error))
    }
}

/// Copies `text` into `buffer` as UTF-8, cut at a character boundary to fit `capacity - 1`
/// bytes, and terminates it with NUL.
func write(_ text: String, to buffer: UnsafeMutablePointer<CChar>?, capacity: Int64) {
    guard let buffer, capacity > 0 else { return }
    var bytes: [UInt8] = []
    let limit = Int(min(capacity - 1, Int64(Int.max)))
    for character in text {
        let utf8 = Array(String(character).utf8)
        if bytes.count + utf8.count > limit { break }
        bytes += utf8
    }
    for (i, byte) in bytes.enumerated() { buffer[i] = CChar(bitPattern: byte) }
    buffer[bytes.count] = 0
}

/// The element count `a × b`, or an error naming `what` when it is negative or overflows.
func checkedCount(_ a: Int64, _ b: Int64, _ what: String) throws -> Int {
    guard a >= 0, b >= 0 else { throw BoundaryError("\(what): sizes must be non-negative, got \(a) × \(b)") }
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    guard !overflow, product <= Int64(Int.max) else { throw BoundaryError("\(what): \(a) × \(b) elements overflow") }
    return Int(product)
}

/// A buffer of `count` doubles at `pointer` (null is allowed only for `count == 0`).
func readable(_ pointer: UnsafePointer<Double>?, count: Int, _ what: String) throws -> UnsafeBufferPointer<Double> {
    if count == 0 { return UnsafeBufferPointer(start: nil, count: 0) }
    guard let pointer else { throw BoundaryError("\(what) is a null pointer") }
    return UnsafeBufferPointer(start: pointer, count: count)
}

/// A writable buffer of `count` doubles at `pointer`, whose declared capacity must equal `count`.
func writable(_ pointer: UnsafeMutablePointer<Double>?, capacity: Int64, count: Int, _ what: String) throws
    -> UnsafeMutableBufferPointer<Double> {
    guard capacity == Int64(count) else {
        throw BoundaryError("\(what) holds \(capacity) doubles, the result has \(count)")
    }
    if count == 0 { return UnsafeMutableBufferPointer(start: nil, count: 0) }
    guard let pointer else { throw BoundaryError("\(what) is a null pointer") }
    return UnsafeMutableBufferPointer(start: pointer, count: count)
}

/// A NUL-terminated UTF-8 string argument.
func string(_ pointer: UnsafePointer<CChar>?, _ what: String) throws -> String {
    guard let pointer else { throw BoundaryError("\(what) is a null pointer") }
    guard let text = String(validatingCString: pointer) else { throw BoundaryError("\(what) is not valid UTF-8") }
    return text
}

/// A string the library allocated for the caller (free it with `qompress_free_string`).
func allocatedCString(_ text: String) throws -> UnsafeMutablePointer<CChar> {
    guard let copy = strdup(text) else { throw BoundaryError("out of memory for a result of \(text.utf8.count) bytes", status: .internalError) }
    return copy
}

/// The version of the C ABI: incremented whenever a function's signature or meaning changes.
let abiVersion: Int32 = 2

/// Returns the version of the C ABI (`QOMPRESS_ABI_VERSION` in `qompress.h`), so that a binding
/// can refuse a library it was not written for.
@_cdecl("qompress_abi_version")
public func qompressABIVersion() -> Int32 { abiVersion }

/// Frees a string that a `qompress_*` function returned through an output pointer. Null is
/// ignored.
@_cdecl("qompress_free_string")
public func qompressFreeString(_ text: UnsafeMutablePointer<CChar>?) {
    free(text)
}

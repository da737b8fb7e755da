import Foundation
import Qompress

/// What one `qompress_run_qasm` call computes: the same measurements, in the same order and
/// with the same random draws, as `qompress run` (Sources/qompress/RunCommand.swift).
struct QASMRun {
    /// The most qubits whose outcome probabilities are listed (2^24 outcomes), as the CLI.
    static let maxProbabilityQubits = ProgramRun.maxProbabilityQubits
    /// The most bytes the samples of one call may take (about 64 + n bytes per shot).
    static let maxSampleBytes = 1 << 30

    /// Whether to list outcome probabilities.
    enum ProbabilityMode: Int32 {
        /// Never.
        case no = 0
        /// Always; an error above `maxProbabilityQubits` reported qubits.
        case yes = 1
        /// When at most `maxProbabilityQubits` qubits are reported.
        case auto = 2
    }

    var program: QASMProgram
    var backend: BackendOptions
    var observables: [(String, PauliSum)]
    var shots: Int
    var seed: UInt64
    var probabilities: ProbabilityMode

    /// The qubits counts and probabilities report: the measured ones in classical-bit order, or
    /// every qubit when the program measures none.
    var reportedQubits: [Int] { ProgramRun.reportedQubits(of: program) }

    /// Validates the request before anything is simulated.
    func validate() throws {
        let reported = reportedQubits.count
        if probabilities == .yes, reported > Self.maxProbabilityQubits {
            throw BoundaryError("probabilities list 2^\(reported) outcomes; measure at most \(Self.maxProbabilityQubits) qubits (or pass probabilities=False)")
        }
        guard shots >= 0 else { throw BoundaryError("shots must be non-negative, got \(shots)") }
        let perShot = 64 + program.circuit.qubitCount
        guard shots <= Self.maxSampleBytes / perShot else {
            throw BoundaryError("\(shots) shots of \(program.circuit.qubitCount) qubits would take more than 1 GiB; draw at most \(Self.maxSampleBytes / perShot) per call")
        }
    }

    /// Runs the program and returns the result as one JSON object: `ProgramRunResult.json()`,
    /// the keys of `qompress run --json` except `file`.
    func json() throws -> String {
        try validate()
        let listed = probabilities == .yes || (probabilities == .auto && reportedQubits.count <= Self.maxProbabilityQubits)
        let run = ProgramRun(observables: observables.map { (text: $0.0, sum: $0.1) }, shots: shots, seed: seed,
                             probabilities: listed)
        let register = try makeRegister(backend, qubitCount: program.circuit.qubitCount)
        return try run.execute(program, on: register).json()
    }
}

/// Runs an OpenQASM 2.0 program on the chosen backend and returns its measurements as JSON.
///
/// - Parameters:
///   - source, sourceLength: the program's bytes (UTF-8, not necessarily NUL-terminated).
///   - backend: `"statevector"` or `"mps"` (NUL-terminated).
///   - chiMode, chi: 0 the backend's default χ_max, 1 the limit `chi` (≥ 1), 2 no limit
///     (truncating backends only, as the CLI's `--chi N|inf`).
///   - hasCutoff, cutoff: the relative discarded-weight cutoff, when the flag is non-zero.
///   - observables, observableCount: Pauli sums such as `"Z0 Z1 + 0.5 X2"` (NUL-terminated).
///   - shots, seed: samples to draw (0 for none) and the sampler's seed.
///   - probabilities: 0 no, 1 yes (an error above 24 reported qubits), 2 when at most 24.
///   - result: receives a NUL-terminated JSON object (free it with `qompress_free_string`);
///     untouched on failure.
///   - message, messageCapacity: receives the error message on failure.
/// - Returns: a `QompressStatus` code (0 on success).
@_cdecl("qompress_run_qasm")
public func qompressRunQASM(_ source: UnsafePointer<CChar>?, _ sourceLength: Int64,
                            _ backend: UnsafePointer<CChar>?, _ chiMode: Int32, _ chi: Int64,
                            _ hasCutoff: Int32, _ cutoff: Double,
                            _ observables: UnsafePointer<UnsafePointer<CChar>?>?, _ observableCount: Int64,
                            _ shots: Int64, _ seed: UInt64, _ probabilities: Int32,
                            _ result: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                            _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int64) -> Int32 {
    guarded(message, messageCapacity) {
        guard let result else { throw BoundaryError("the result pointer is null") }
        guard sourceLength >= 0, sourceLength <= Int64(Int32.max) else {
            throw BoundaryError("the program's length must be in 0…2^31−1 bytes, got \(sourceLength)")
        }
        guard sourceLength == 0 || source != nil else { throw BoundaryError("the program is a null pointer") }
        let bytes = sourceLength == 0 ? Data() : Data(bytes: source!, count: Int(sourceLength))
        let options = try BackendOptions(name: backend, chiMode: chiMode, chi: chi, hasCutoff: hasCutoff, cutoff: cutoff)
        guard let mode = QASMRun.ProbabilityMode(rawValue: probabilities) else {
            throw BoundaryError("probabilities must be 0 (no), 1 (yes) or 2 (auto), got \(probabilities)")
        }
        guard observableCount >= 0, observableCount <= 1 << 20 else {
            throw BoundaryError("the observable count must be in 0…2^20, got \(observableCount)")
        }
        guard observableCount == 0 || observables != nil else { throw BoundaryError("the observables are a null pointer") }
        guard shots >= 0, shots <= Int64(Int.max) else { throw BoundaryError("shots must be non-negative, got \(shots)") }
        let program = try QASMProgram(data: bytes)
        var sums: [(String, PauliSum)] = []
        for k in 0..<Int(observableCount) {
            let text = try string(observables![k], "observable \(k)")
            let sum = try PauliSum(text)
            try sum.validate(qubitCount: program.circuit.qubitCount)
            sums.append((text, sum))
        }
        let run = QASMRun(program: program, backend: options, observables: sums, shots: Int(shots), seed: seed, probabilities: mode)
        result.pointee = try allocatedCString(try run.json())
    }
}

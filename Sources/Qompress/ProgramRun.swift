import Foundation
import QompressCore
import QompressMPS
import QompressQASM

/// One run of an OpenQASM program and the measurements asked of it: what `qompress run` and the
/// C ABI's `qompress_run_qasm` both compute, with the same random draws and the same JSON.
public struct ProgramRun {
    /// The most qubits whose outcome probabilities are listed (2^24 outcomes).
    public static let maxProbabilityQubits = 24
    /// Outcomes of probability at most this are left out of listings.
    public static let probabilityFloor = 1e-12

    /// Each observable's text (as given) and its parsed, validated sum.
    public var observables: [(text: String, sum: PauliSum)]
    /// Samples to draw (0 for none).
    public var shots: Int
    /// The sampler's seed.
    public var seed: UInt64
    /// Whether to list every outcome's probability.
    public var probabilities: Bool

    /// A request; `execute` validates it against the program.
    public init(observables: [(text: String, sum: PauliSum)], shots: Int, seed: UInt64, probabilities: Bool) {
        self.observables = observables
        self.shots = shots
        self.seed = seed
        self.probabilities = probabilities
    }

    /// The qubits counts and probabilities report: the measured ones in classical-bit order, or
    /// every qubit when the program measures none.
    public static func reportedQubits(of program: QASMProgram) -> [Int] {
        program.measuredQubits.isEmpty ? Array(0..<program.circuit.qubitCount) : program.measuredQubits
    }

    /// Throws `SimulationError.invalidArgument` when the request cannot be met for `program`
    /// (negative shots, probabilities of more than `maxProbabilityQubits` reported qubits, an
    /// observable beyond the register) — before anything is simulated.
    public func validate(for program: QASMProgram) throws {
        guard shots >= 0 else { throw SimulationError.invalidArgument("shots must be non-negative, got \(shots)") }
        let reported = Self.reportedQubits(of: program).count
        if probabilities, reported > Self.maxProbabilityQubits {
            throw SimulationError.invalidArgument(
                "probabilities list 2^\(reported) outcomes; measure at most \(Self.maxProbabilityQubits) qubits")
        }
        for (_, sum) in observables { try sum.validate(qubitCount: program.circuit.qubitCount) }
    }

    /// Runs `program` on `state` (in |0…0⟩) and measures what was asked.
    /// - Throws: as `validate(for:)`, the backend's errors, and `SimulationError.invalidArgument`
    ///   for an expectation that is not finite.
    public func execute(_ program: QASMProgram, on state: any Backend) throws -> ProgramRunResult {
        try validate(for: program)
        let start = DispatchTime.now().uptimeNanoseconds
        try state.run(program.circuit)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let qubits = Self.reportedQubits(of: program)
        var result = ProgramRunResult(program: program, backend: state.spec, seconds: seconds, reportedQubits: qubits,
                                      shots: shots, seed: seed)
        result.expectations = try observables.map { text, sum in
            let value = try state.expectation(of: sum)
            guard value.isFinite else { throw SimulationError.invalidArgument("⟨\(text)⟩ is not finite (\(value))") }
            return (text, value)
        }
        if shots > 0 {
            var generator = SeededGenerator(seed: seed)
            result.counts = try state.sample(shots: shots, using: &generator).reduce(into: [:]) { counts, sample in
                counts[try Bitstring(bits: qubits.map { sample.bits[$0] }), default: 0] += 1
            }
        }
        if probabilities {
            let full = try state.probabilities()
            var marginal = [Double](repeating: 0, count: 1 << qubits.count)
            for (index, p) in full.enumerated() {
                var outcome = 0
                for (k, q) in qubits.enumerated() where (index >> q) & 1 == 1 { outcome |= 1 << k }
                marginal[outcome] += p
            }
            result.probabilities = marginal
        }
        result.truncation = (state as? MPSBackend)?.truncationReport
        return result
    }
}

/// The measurements of one `ProgramRun`.
public struct ProgramRunResult {
    /// The program that ran.
    public var program: QASMProgram
    /// The backend it ran on.
    public var backend: BackendSpec
    /// Seconds spent running the circuit.
    public var seconds: Double
    /// The qubits that counts and probabilities report, in printed order.
    public var reportedQubits: [Int]
    /// The samples drawn (0 for none) and the seed.
    public var shots: Int, seed: UInt64
    /// Each observable's text and expectation.
    public var expectations: [(text: String, value: Double)] = []
    /// Outcome counts over `reportedQubits`, when shots were drawn.
    public var counts: [Bitstring: Int]?
    /// Every outcome's probability over `reportedQubits`, by outcome index, when asked for.
    public var probabilities: [Double]?
    /// The MPS's truncation report, on the MPS.
    public var truncation: TruncationReport?

    /// The result as one JSON object with sorted snake_case keys (`qubits`, `instructions`,
    /// `depth`, `measured_qubits`, `backend`, `seconds`, `expectations`, and as applicable
    /// `shots`, `seed`, `counts`, `truncation`, `probabilities`), plus `file` when given.
    /// Probabilities are written in index order, linear in their number, leaving out outcomes
    /// of probability ≤ `ProgramRun.probabilityFloor`.
    public func json(file: String? = nil) throws -> String {
        var report: [String: Any] = [
            "qubits": program.circuit.qubitCount, "instructions": program.circuit.count, "depth": program.circuit.depth,
            "measured_qubits": program.measuredQubits, "seconds": seconds,
            "backend": try JSONSerialization.jsonObject(with: JSONEncoder.report().encode(backend)),
            "expectations": expectations.map { ["observable": $0.text, "value": $0.value] as [String: Any] },
        ]
        if let file { report["file"] = file }
        if let counts {
            report["shots"] = shots
            report["seed"] = seed
            report["counts"] = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.description, $0.value) })
        }
        if let truncation {
            report["truncation"] = try JSONSerialization.jsonObject(with: Data(try truncation.json().utf8))
        }
        var text = String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self)
        if let probabilities {
            // Up to 2^24 outcomes: a dictionary through JSONSerialization with sorted keys was far
            // slower than writing them directly.
            var entries: [String] = []
            for (index, p) in probabilities.enumerated() where p > ProgramRun.probabilityFloor {
                entries.append("\"\(Bitstring(index: index, qubitCount: reportedQubits.count))\":\(p)")
            }
            text.removeLast()   // the closing brace
            text += ",\"probabilities\":{" + entries.joined(separator: ",") + "}}"
        }
        return text
    }
}

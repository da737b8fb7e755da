import ArgumentParser
import Foundation
import Qompress

/// `qompress run FILE.qasm`: reads an OpenQASM 2.0 program and reports expectations, counts
/// or probabilities on the chosen backend (and, for the MPS, its truncation report).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an OpenQASM 2.0 program on the statevector or the MPS backend.",
        discussion: """
            Counts and probabilities are over the measured qubits, in the order of the classical \
            bits they are measured into: the first character is the lowest classical bit (c[0]), \
            the opposite of Qiskit's printing. A program without measure reports every qubit, \
            qubit 0 first. With no --observable, --shots or --probabilities, 1024 shots are drawn.
            """)

    @Argument(help: "The OpenQASM 2.0 file (- for standard input).")
    var file: String
    @OptionGroup var backend: BackendOptions
    @Option(name: .customLong("observable"), help: "A Pauli sum such as \"Z0 Z1 + 0.5 X2\" (repeatable).")
    var observables: [String] = []
    @Option(parsing: .unconditional, help: "Draw this many samples of the measured qubits.")
    var shots: Int?
    @Option(help: "Seed of the sampler.")
    var seed: UInt64 = 1
    @Flag(help: "Print the probabilities of the measured qubits' outcomes (at most 24 qubits).")
    var probabilities = false
    @Flag(help: "Print one JSON object instead of text.")
    var json = false
    @Option(help: "Also write the program as OpenQASM 2.0 as Qompress understood it (gates expanded, parameters bound) to this file; - for standard output, which then holds only the program.")
    var emitQasm: String?

    func validate() throws {
        _ = try backend.spec()
        if let shots, shots < 0 { throw ValidationError("--shots must be non-negative, got \(shots)") }
    }

    func run() throws {
        let bytes: Data
        do {
            bytes = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read \(file): \(FileManager.default.fileExists(atPath: file) ? "not a readable file" : "no such file")")
        }
        let program: QASMProgram
        do {
            program = try QASMProgram(data: bytes)
        } catch let error as QASMError {
            throw ValidationError("\(file):\(error.line):\(error.column): \(error.message)")
        }
        if let emitQasm {
            let text = try QASMExporter.source(of: program.circuit, measuring: program.measuredQubits)
            if emitQasm == "-" {
                print(text, terminator: "")
                return
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: emitQasm), options: .atomic)
        }
        let sums = try observables.map { text -> (String, PauliSum) in
            let sum = try PauliSum(text)
            try sum.validate(qubitCount: program.circuit.qubitCount)
            return (text, sum)
        }
        let reported = program.measuredQubits.isEmpty ? program.circuit.qubitCount : program.measuredQubits.count
        if probabilities, reported > RunRequest.maxProbabilityQubits {
            throw ValidationError("--probabilities lists 2^\(reported) outcomes; measure at most \(RunRequest.maxProbabilityQubits) qubits")
        }
        let request = RunRequest(observables: sums,
                                 shots: shots ?? (sums.isEmpty && !probabilities ? 1024 : 0),
                                 seed: seed, probabilities: probabilities)
        var report: [String: Any] = [
            "file": file, "qubits": program.circuit.qubitCount, "instructions": program.circuit.count,
            "depth": program.circuit.depth, "measured_qubits": program.measuredQubits,
        ]
        let spec = try backend.spec()
        let state = try backend.registry.register(for: spec, qubitCount: program.circuit.qubitCount,
                                                  threads: backend.threads)
        let result = try request.execute(program, on: state)
        let truncation = (state as? MPSBackend)?.truncationReport
        report["backend"] = try JSONSerialization.jsonObject(with: JSONEncoder().encode(state.spec))
        if json {
            try printJSON(report, result, truncation)
        } else {
            printText(program, backend: state.spec.description, result, truncation)
        }
    }

    private func printJSON(_ report: [String: Any], _ result: RunResult, _ truncation: TruncationReport?) throws {
        var report = report
        report["seconds"] = result.seconds
        report["expectations"] = result.expectations.map { ["observable": $0.0, "value": $0.1] as [String: Any] }
        if let counts = result.counts {
            report["shots"] = result.shots
            report["seed"] = seed
            report["counts"] = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.description, $0.value) })
        }
        if let truncation {
            report["truncation"] = try JSONSerialization.jsonObject(with: Data(try truncation.json().utf8))
        }
        var text = String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self)
        if let probabilities = result.probabilities {
            // Up to 2^24 outcomes: written directly in index order, linear in their number
            // (a dictionary through JSONSerialization with sorted keys was far slower than 2^n).
            // As in the text output, outcomes of probability ≤ 1e-12 are left out.
            var entries: [String] = []
            for (bits, p) in probabilities where p > 1e-12 { entries.append("\"\(bits)\":\(p)") }
            text.removeLast()   // the closing brace
            text += (report.isEmpty ? "" : ",") + "\"probabilities\":{" + entries.joined(separator: ",") + "}}"
        }
        print(text)
    }

    private func printText(_ program: QASMProgram, backend: String, _ result: RunResult, _ truncation: TruncationReport?) {
        let circuit = program.circuit
        print("program  \(file): \(circuit.qubitCount) qubits, \(circuit.count) instructions, depth \(circuit.depth)")
        print("backend  \(backend), \(Timing.format(result.seconds))")
        for (text, value) in result.expectations {
            print("⟨\(text)⟩ = \(String(format: "%.12g", value))")
        }
        let reported = result.reportedQubits
        let columns = program.measuredQubits.isEmpty
            ? "qubits " + reported.map { "q\($0)" }.joined(separator: " ")
            : "bits " + program.measurements.map { "\(program.bitName($0.bit))=\(program.qubitName($0.qubit))" }.joined(separator: " ")
        if let counts = result.counts {
            print("counts   \(result.shots) shots, seed \(seed); \(columns), first printed first")
            for (bits, count) in counts.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
                print("  \(bits)  \(count)")
            }
        }
        if let probabilities = result.probabilities {
            print("probabilities  \(columns), first printed first; outcomes above 1e-12")
            for (bits, p) in probabilities where p > 1e-12 {
                print("  \(bits)  \(String(format: "%.10f", p))")
            }
        }
        if let truncation {
            print("truncation report")
            print(truncation.table)
        }
    }
}

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
        try checkOutputFile(emitQasm, option: "--emit-qasm")
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
        let sums = try observables.map { (text: $0, sum: try PauliSum($0)) }
        let request = ProgramRun(observables: sums, shots: shots ?? (sums.isEmpty && !probabilities ? 1024 : 0),
                                 seed: seed, probabilities: probabilities)
        do { try request.validate(for: program) } catch let error as SimulationError {
            throw ValidationError("\(error)")
        }
        let state = try backend.registry.register(for: try backend.spec(), qubitCount: program.circuit.qubitCount,
                                                  threads: backend.threads)
        let result = try request.execute(program, on: state)
        if json {
            print(try result.json(file: file))
        } else {
            printText(result)
        }
    }

    private func printText(_ result: ProgramRunResult) {
        let program = result.program, circuit = program.circuit
        print("program  \(file): \(circuit.qubitCount) qubits, \(circuit.count) instructions, depth \(circuit.depth)")
        print("backend  \(result.backend), \(Timing.format(result.seconds))")
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
            print("probabilities  \(columns), first printed first; outcomes above \(ProgramRun.probabilityFloor)")
            for (index, p) in probabilities.enumerated() where p > ProgramRun.probabilityFloor {
                print("  \(Bitstring(index: index, qubitCount: reported.count))  \(String(format: "%.10f", p))")
            }
        }
        if let truncation = result.truncation {
            print("truncation report")
            print(truncation.table)
        }
    }
}

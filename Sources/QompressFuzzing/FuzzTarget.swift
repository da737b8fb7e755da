import Foundation
import Qompress
import QompressQASM

/// The readers of untrusted input, each a fuzz target: the input is one file's bytes, and the
/// target must return (with a typed error or a result) for every input — never trap or hang.
/// Where a read succeeds, the target also checks a property of the result, trapping when it
/// fails so that the fuzzer reports it.
///
/// `make fuzz` runs each under libFuzzer (`qompress-fuzz`, built with coverage and
/// AddressSanitizer); the test suite replays the committed corpus and every past crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `QASMProgram(data:)`; a program that reads must export and read back to the same circuit.
    case qasm
    /// `NPYArray(data:)`; an array that reads must hold as many values as its shape says.
    case npy
    /// `Checkpoint.decode` then `ACQUAModel(checkpoint:)`; a model that loads must embed a row
    /// to finite latents.
    case acquaCheckpoint = "acqua-checkpoint"
    /// `Checkpoint.decode` then `HeadCheckpoint.model(from:)`; a head that loads must encode a
    /// row to finite outputs.
    case headCheckpoint = "head-checkpoint"
    /// `PauliSum(_:)`; a sum that parses must print and parse back to the same sum.
    case pauli

    /// Runs the target on one input.
    public func run(_ data: Data) {
        switch self {
        case .qasm:
            let limits = QASMLimits(maxNestingDepth: 64, maxQubitCount: 64, maxInstructionCount: 1 << 14)
            guard let program = try? QASMProgram(data: data, limits: limits) else { return }
            guard let text = try? QASMExporter.source(of: program.circuit, measuring: program.measuredQubits),
                  let again = try? QASMProgram(source: text, limits: limits) else {
                fatalError("an imported program did not export and read back")
            }
            precondition(again.circuit.qubitCount == program.circuit.qubitCount, "the round trip changed the qubit count")
        case .npy:
            guard let array = try? NPYArray(data: data) else { return }
            precondition(array.values.count == array.shape.reduce(1, *), "an array holds a different number of values than its shape")
        case .acquaCheckpoint:
            guard let checkpoint = try? Checkpoint.decode(data),
                  let model = try? ACQUAModel(checkpoint: checkpoint, builder: ModelFactory.acquaBuilder(threads: 1)) else { return }
            let d = model.architecture.embeddingDimension
            guard d <= 4096, let row = try? Matrix(rows: 1, columns: d, elements: [Double](repeating: 0.1, count: d)) else { return }
            if let latents = try? model.encode(row, modality: .text) {
                precondition(latents.isFinite, "a loaded model gave non-finite latents")
            }
        case .headCheckpoint:
            guard let checkpoint = try? Checkpoint.decode(data),
                  let (model, _) = try? HeadCheckpoint.model(from: checkpoint) else { return }
            let d = model.inputSize
            guard d <= 4096, let row = try? Matrix(rows: 1, columns: d, elements: [Double](repeating: 0.1, count: d)) else { return }
            if let output = try? model.forward(row) {
                precondition(output.isFinite, "a loaded head gave non-finite outputs")
            }
        case .pauli:
            guard let sum = try? PauliSum(String(decoding: data, as: UTF8.self)) else { return }
            guard let again = try? PauliSum(sum.description) else { fatalError("a parsed sum did not print and parse back: \(sum)") }
            precondition(again.terms.count == sum.terms.count, "the round trip changed the terms")
        }
    }
}

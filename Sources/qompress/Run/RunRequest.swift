import ArgumentParser
import Foundation
import Qompress

/// What `qompress run` computes, independent of the backend.
struct RunRequest {
    /// The most qubits whose outcome probabilities are listed (2^24 outcomes).
    static let maxProbabilityQubits = 24
    var observables: [(String, PauliSum)]
    var shots: Int
    var seed: UInt64
    var probabilities: Bool

    /// Runs `program` on `state` and measures what was asked.
    func execute<B: Backend>(_ program: QASMProgram, on state: B) throws -> RunResult {
        let seconds = try Timing.seconds { try state.run(program.circuit) }
        let qubits = program.measuredQubits.isEmpty ? Array(0..<program.circuit.qubitCount) : program.measuredQubits
        var result = RunResult(seconds: seconds, reportedQubits: qubits, shots: shots)
        result.expectations = try observables.map { ($0.0, try state.expectation(of: $0.1)) }
        if shots > 0 {
            var generator = SeededGenerator(seed: seed)
            let samples = try state.sample(shots: shots, using: &generator)
            result.counts = try samples.reduce(into: [:]) { counts, sample in
                counts[try Bitstring(bits: qubits.map { sample.bits[$0] }), default: 0] += 1
            }
        }
        if probabilities {
            guard qubits.count <= Self.maxProbabilityQubits else {
                throw ValidationError("--probabilities lists 2^\(qubits.count) outcomes; measure at most \(Self.maxProbabilityQubits) qubits")
            }
            let full = try state.probabilities()
            var marginal = [Double](repeating: 0, count: 1 << qubits.count)
            for (index, p) in full.enumerated() {
                var outcome = 0
                for (k, q) in qubits.enumerated() where (index >> q) & 1 == 1 { outcome |= 1 << k }
                marginal[outcome] += p
            }
            result.probabilities = marginal.enumerated().map { (Bitstring(index: $0.offset, qubitCount: qubits.count), $0.element) }
        }
        return result
    }
}

import ArgumentParser
import Foundation
import Qompress

/// The measurements of one `qompress run`.
struct RunResult {
    /// Seconds spent running the circuit.
    var seconds: Double
    /// The qubits that counts and probabilities report, in printed order.
    var reportedQubits: [Int]
    /// The number of samples drawn (0 for none).
    var shots: Int
    /// Each observable's text and expectation.
    var expectations: [(String, Double)] = []
    /// Outcome counts over `reportedQubits`, when shots were drawn.
    var counts: [Bitstring: Int]?
    /// Every outcome's probability over `reportedQubits`, in index order, when asked for.
    var probabilities: [(Bitstring, Double)]?
}

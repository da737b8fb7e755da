import ArgumentParser
import Foundation
import QompressCore

/// The angles of the dressed-circuit benchmark workload: inputs x (n) and weights w (L·n).
///
/// Either drawn from a `SeededGenerator` (x uniform in [−π/2, π/2], w in [−π, π]) or read from
/// a JSON file `{"x": [...], "w": [[...], ...]}` written by the peers' `common.py`, so that
/// ⟨Z_i⟩ can be compared value for value with PennyLane, Qiskit Aer and quimb.
struct WorkloadAngles {
    var inputs: [Double]
    var weights: [Double]

    var values: ParameterValues { ParameterValues(inputs: inputs, weights: weights) }

    init(qubits n: Int, layers: Int, seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        inputs = (0..<n).map { _ in Double.random(in: -Double.pi / 2 ... Double.pi / 2, using: &g) }
        weights = (0..<(n * layers)).map { _ in Double.random(in: -Double.pi ... Double.pi, using: &g) }
    }

    init(file: String, qubits n: Int, layers: Int) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        struct Payload: Decodable { var x: [Double]; var w: [[Double]] }
        let payload = try JSONDecoder().decode(Payload.self, from: data)
        guard payload.x.count == n, payload.w.count == layers, payload.w.allSatisfy({ $0.count == n }) else {
            throw ValidationError("\(file) holds angles for another shape than n = \(n), L = \(layers)")
        }
        inputs = payload.x
        weights = payload.w.flatMap { $0 }
    }
}

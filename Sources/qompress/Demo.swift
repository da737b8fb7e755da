import ArgumentParser
import Foundation
import Qompress

/// `qompress demo`: a short tour on both backends with a cross-check.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a GHZ state and a dressed variational circuit on every backend and compare them.")

    @Option(help: "Qubits of the dressed circuit.")
    var qubits: Int = 12
    @Option(help: "Layers of the dressed circuit.")
    var layers: Int = 4
    @Option(help: "Seed for angles and shots.")
    var seed: UInt64 = 7

    func run() throws {
        print("Qompress demo — GHZ(\(qubits)) and a dressed circuit (\(qubits) qubits, \(layers) layers)\n")
        let ghz = try Circuit.ghz(qubitCount: qubits)
        let dressed = try Circuit.dressed(qubitCount: qubits, layers: layers)
        let angles = WorkloadAngles(qubits: qubits, layers: layers, seed: seed)
        let zz = try PauliSum("Z0 Z\(qubits - 1)")

        let sv = try StatevectorBackend(qubitCount: qubits)
        try sv.run(ghz)
        var generator = SeededGenerator(seed: seed)
        let counts = try sv.counts(shots: 1000, using: &generator)
        print("statevector  GHZ: ⟨Z0 Z\(qubits - 1)⟩ = \(try sv.expectation(of: zz)), 1000 shots →",
              counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
        sv.prepareZeroState()
        let start = Date()
        try sv.run(dressed, parameters: angles.values)
        let z = sv.expectationsZ()
        print(String(format: "statevector  dressed circuit (%d gates, depth %d) in %.2f ms", dressed.count,
                     dressed.depth, Date().timeIntervalSince(start) * 1e3))
        print("             ⟨Z_i⟩ =", z.map { String(format: "%+.6f", $0) }.joined(separator: " "))
        try DemoMPS.run(ghz: ghz, dressed: dressed, angles: angles, reference: z, observable: zz, seed: seed)
    }
}

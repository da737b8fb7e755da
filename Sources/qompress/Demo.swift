import ArgumentParser
import Foundation
import Qompress

/// `qompress demo`: a short tour of every registered backend with a cross-check.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a GHZ state and a dressed variational circuit on every backend and compare them.")

    @Option(help: "Qubits of the dressed circuit.")
    var qubits: Int = 12
    @Option(help: "Layers of the dressed circuit.")
    var layers: Int = 4
    @Option(help: "Seed for angles and shots.")
    var seed: UInt64 = 7

    func validate() throws {
        guard (2...20).contains(qubits), (0...50).contains(layers) else {
            throw ValidationError("--qubits must lie in 2…20 and --layers in 0…50")
        }
    }

    func run() throws {
        print("Qompress demo — GHZ(\(qubits)) and a dressed circuit (\(qubits) qubits, \(layers) layers)\n")
        let ghz = try Circuit.ghz(qubitCount: qubits)
        let dressed = try Circuit.dressed(qubitCount: qubits, layers: layers)
        let angles = WorkloadAngles(qubits: qubits, layers: layers, seed: seed)
        let zz = try PauliSum("Z0 Z\(qubits - 1)")
        // Every registered backend, the truncating ones exact and at three χ limits; the first
        // (exact) backend's ⟨Z_i⟩ is the reference of the others.
        let registry = BackendRegistry.standard
        let specs = registry.entries.flatMap { entry -> [BackendSpec] in
            guard entry.acceptsTruncation else { return [BackendSpec(name: entry.name)] }
            return [BackendSpec(name: entry.name, maxBondDimension: nil, cutoff: 0)]
                + [64, 8, 2].map { BackendSpec(name: entry.name, maxBondDimension: $0) }
        }
        var reference: [Double]?
        for spec in specs {
            let state = try registry.register(for: spec, qubitCount: qubits)
            try state.run(ghz)
            var generator = SeededGenerator(seed: seed)
            let counts = try state.counts(shots: 1000, using: &generator)
            print("\(state.spec)")
            print("  GHZ: ⟨Z0 Z\(qubits - 1)⟩ = \(try state.expectation(of: zz)), 1000 shots →",
                  counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
            state.prepareZeroState()
            let start = Date()
            try state.run(dressed, parameters: angles.values)
            let z = state.expectationsZ()
            var line = String(format: "  dressed circuit (%d gates, depth %d) in %.2f ms", dressed.count, dressed.depth,
                              Date().timeIntervalSince(start) * 1e3)
            if let report = (state as? MPSBackend)?.truncationReport {
                line += String(format: ", χ reached %d, fidelity estimate %.6f", report.maxBondDimension, report.fidelityEstimate)
            }
            if let reference {
                line += String(format: ", max |Δ⟨Z_i⟩| vs the first %.1e", zip(z, reference).map { abs($0 - $1) }.max() ?? 0)
            } else {
                reference = z
                line += "\n  ⟨Z_i⟩ = " + z.map { String(format: "%+.6f", $0) }.joined(separator: " ")
            }
            print(line)
        }
        let big = try registry.register(for: .mps(maxBondDimension: 64, cutoff: 1e-12), qubitCount: 200)
        try big.run(try Circuit.ghz(qubitCount: 200))
        print("\nmps: GHZ on 200 qubits: ⟨Z0 Z199⟩ = \(try big.expectation(of: PauliSum("Z0 Z199")))")
    }
}

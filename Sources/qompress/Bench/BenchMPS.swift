import ArgumentParser
import Foundation
import Qompress

/// `qompress bench-mps`: the dressed-circuit forward pass (W2) on the MPS backend.
///
/// For every (n, L, χ_max) point: prepare |0…0⟩, run the dressed circuit, compute all ⟨Z_i⟩;
/// one warm-up, then the median of the timed runs. Prints the fidelity estimate
/// Π(1 − ε_k) and the largest bond reached, and with `--reference` the largest
/// |Δ⟨Z_i⟩| against a peer's JSON line of the same shape and χ.
struct BenchMPS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-mps",
        abstract: "Time the dressed-circuit forward pass (H, RY(x), L × [CNOT ladder, RY(w)], all ⟨Z_i⟩) on the MPS.")

    @Option(help: "Comma-separated qubit counts.")
    var qubits = CommaSeparated([32, 64, 128])
    @Option(help: "Comma-separated layer counts L.")
    var layers = CommaSeparated([6, 20])
    @Option(help: "Comma-separated maximum bond dimensions χ_max (inf = exact mode with a zero cutoff).")
    var chi = CommaSeparated<BondDimension>([.limit(16), .limit(64)])
    @Option(help: "Relative discarded-weight cutoff per truncation.")
    var cutoff: Double = MPSConfiguration.defaultCutoff
    @Option(help: "OpenBLAS threads (1 for single-core comparisons).")
    var threads: Int = 1
    @OptionGroup var workload: WorkloadSource
    @Flag(help: "Use complex arithmetic even for real states and gates.")
    var complexOnly = false
    @OptionGroup var bench: BenchOptions

    func run() throws {
        try qubits.validate("--qubits", in: 2...MPSBackend.maxQubitCount)
        try layers.validate("--layers", atLeast: 0)
        let counts = qubits.values, layerCounts = layers.values, chis = chi.values.map(\.maxBondDimension)
        MPSBackend.setLinearAlgebraThreadCount(threads)
        let peers = try workload.peers()
        if !bench.json {
            print("    n   L    χ   median      runs   fidelity est.  max bond  truncations  swaps  max|ΔZ| vs peer")
        }
        for l in layerCounts {
            for c in chis {
                for n in counts {
                    let circuit = try Circuit.dressed(qubitCount: n, layers: l)
                    let angles = try workload.angles(qubits: n, layers: l)
                    let configuration = c == nil
                        ? MPSConfiguration.exact(prefersRealArithmetic: !complexOnly)
                        : try MPSConfiguration(maxBondDimension: c!, cutoff: cutoff, prefersRealArithmetic: !complexOnly)
                    let state = try MPSBackend(qubitCount: n, configuration: configuration)
                    var z: [Double] = []
                    let (median, runs) = try Timing.median(repeats: bench.repeats(5), budget: bench.budget(30)) {
                        state.prepareZeroState()
                        try state.run(circuit, parameters: angles.values)
                        z = state.expectationsZ()
                    }
                    let report = state.truncationReport
                    let deviation = c.flatMap { peers?.maxDeviation(z, qubits: n, layers: l, chi: $0) }
                    if bench.json {
                        var record: [String: Any] = [
                            "workload": "W2", "backend": "qompress-mps", "qubits": n, "layers": l, "chi": c ?? 0,
                            "cutoff": cutoff, "median_s": median, "runs": runs, "threads": threads,
                            "real_arithmetic": !complexOnly, "fidelity_estimate": report.fidelityEstimate,
                            "max_bond": report.maxBondDimension, "truncations": report.truncations.count,
                            "svds": report.svdCount, "swaps": report.swapCount, "z": z,
                        ]
                        if let deviation { record["max_dz_vs_peer"] = deviation }
                        let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                        print(String(decoding: data, as: UTF8.self))
                    } else {
                        var columns: [String] = []
                        columns.append(pad(String(n), 5))
                        columns.append(pad(String(l), 3))
                        columns.append(pad(c.map(String.init) ?? "∞", 4))
                        columns.append(pad(Timing.format(median), 10))
                        columns.append(pad(String(runs), 5))
                        columns.append(pad(String(format: "%.6f", report.fidelityEstimate), 14))
                        columns.append(pad(String(report.maxBondDimension), 9))
                        columns.append(pad(String(report.truncations.count), 12))
                        columns.append(pad(String(report.swapCount), 6))
                        columns.append(deviation.map { String(format: "%.2e", $0) } ?? "-")
                        print(columns.joined(separator: " "))
                    }
                }
            }
        }
    }

    private func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

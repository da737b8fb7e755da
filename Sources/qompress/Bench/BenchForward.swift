import ArgumentParser
import Foundation
import Qompress

/// `qompress bench-forward`: the dressed-circuit forward pass (W1) on the statevector.
struct BenchForward: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-forward",
        abstract: "Time the dressed-circuit forward pass (H, RY(x), L × [CNOT ladder, RY(w)], all ⟨Z_i⟩) on the statevector.")

    @Option(help: "Comma-separated qubit counts.")
    var qubits = CommaSeparated([10, 14, 18, 20, 22, 24])
    @Option(help: "Layers L.")
    var layers: Int = 6
    @Option(help: "Worker threads (0 = all cores).")
    var threads: Int = 0
    @OptionGroup var workload: WorkloadSource
    @Flag(help: "Disable cache blocking (one pass per gate), to measure its effect.")
    var noBlocking = false
    @OptionGroup var bench: BenchOptions

    func run() throws {
        try qubits.validate("--qubits", in: 2...StatevectorBackend.qubitLimit)
        let counts = qubits.values
        let bandwidth = MemoryBandwidth.measure()
        let peers = try workload.peers()
        if !bench.json {
            print(String(format: "copy bandwidth (read + write): %.1f GB/s", bandwidth / 1e9))
            print("   n  median      runs  gates  per gate    pass(32·2^n B)  gate/pass  max|ΔZ| vs peer")
        }
        let configuration = StatevectorConfiguration(threadCount: threads, cacheBlocking: !noBlocking)
        for n in counts {
            let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
            let angles = try workload.angles(qubits: n, layers: layers)
            let state = try StatevectorBackend(qubitCount: n, configuration: configuration)
            var z: [Double] = []
            let (median, runs) = try Timing.median(repeats: bench.repeats(10), budget: bench.budget(20)) {
                state.prepareZeroState()
                try state.run(circuit, parameters: angles.values)
                z = state.expectationsZ()
            }
            let perGate = median / Double(circuit.count)
            let pass = 32 * pow(2, Double(n)) / bandwidth
            let deviation = peers?.maxDeviation(z, qubits: n, layers: layers)
            if bench.json {
                var record: [String: Any] = [
                    "workload": "W1", "backend": "qompress-statevector", "qubits": n, "layers": layers,
                    "median_s": median, "runs": runs, "gates": circuit.count, "per_gate_s": perGate,
                    "pass_s": pass, "threads": threads == 0 ? ProcessInfo.processInfo.activeProcessorCount : threads,
                    "blocking": !noBlocking, "bandwidth_gbs": bandwidth / 1e9, "z": z,
                ]
                if let deviation { record["max_dz_vs_peer"] = deviation }
                let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(String(format: "%4d  %-10@ %4d  %5d  %-10@  %-14@  %6.2f     %@", n,
                             Timing.format(median), runs, circuit.count, Timing.format(perGate),
                             Timing.format(pass), perGate / pass,
                             deviation.map { String(format: "%.1e", $0) } ?? "-"))
            }
        }
    }
}

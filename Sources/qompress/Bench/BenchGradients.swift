import ArgumentParser
import Foundation
import Qompress

/// `qompress bench-gradients`: the gradient (W3) and batch (W4) workloads on the statevector.
struct BenchGradients: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-gradients",
        abstract: "Time adjoint gradients of Σ⟨Z_i⟩ (W3) and batched forward / VJP passes (W4).")

    @Option(help: "W3 qubit counts, comma-separated.")
    var qubits = CommaSeparated([8, 12, 16])
    @Option(help: "W3 layers.")
    var layers: Int = 6
    @Option(help: "W4 batch size.")
    var batch: Int = 256
    @Option(help: "W4 qubits.")
    var batchQubits: Int = 8
    @Option(help: "W4 layers.")
    var batchLayers: Int = 4
    @Option(help: "Worker threads for W4 (0 = all cores); W3 uses the statevector's own threads.")
    var threads: Int = 0
    @OptionGroup var workload: WorkloadSource
    @OptionGroup var bench: BenchOptions
    @Flag(help: "Keep real states in complex form (to measure what the real form is worth).")
    var complexOnly = false
    @Option(help: "Also measure the MPS adjoint gradient's error against the statevector at these qubit counts (e.g. 16,20).")
    var mpsAccuracy: CommaSeparated<Int>?

    func run() throws {
        try qubits.validate("--qubits", in: 2...StatevectorBackend.qubitLimit)
        try mpsAccuracy?.validate("--mps-accuracy", in: 2...24)
        let counts = qubits.values
        for n in counts {
            let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
            let angles = try workload.angles(qubits: n, layers: layers)
            let observable = PauliSum.allZ(qubitCount: n)
            let state = try StatevectorBackend(qubitCount: n, configuration: .init(threadCount: threads, realArithmetic: !complexOnly))
            var result: (value: Double, gradient: ParameterGradient)?
            let (median, runs) = try Timing.median(repeats: bench.repeats(10), budget: bench.budget(20)) {
                state.prepareZeroState()
                result = try AdjointDifferentiation.gradient(of: observable, circuit: circuit,
                                                             parameters: angles.values, state: state)
            }
            let parameters = n + n * layers
            report(["workload": "W3", "qubits": n, "layers": layers, "parameters": parameters, "median_s": median,
                    "runs": runs, "value": result!.value, "gradient_checksum": (result!.gradient.inputs + result!.gradient.weights).reduce(0, +)],
                   text: String(format: "W3  n=%-3d L=%d  %3d params  gradient %@  (C = %.10f)", n, layers, parameters,
                                Timing.format(median), result!.value))
        }
        for n in mpsAccuracy?.values ?? [] {
            try measureMPSAccuracy(qubits: n)
        }
        // W4: a batch of inputs sharing the weights.
        var g = SeededGenerator(seed: 1234)
        let n = batchQubits
        let circuit = try Circuit.dressed(qubitCount: n, layers: batchLayers)
        let inputs = (0..<batch).map { _ in (0..<n).map { _ in Double.random(in: -Double.pi / 2 ... Double.pi / 2, using: &g) } }
        let weights = (0..<(n * batchLayers)).map { _ in Double.random(in: -Double.pi ... Double.pi, using: &g) }
        let evaluator = BatchEvaluator(circuit: circuit, backend: StatevectorBackend.self,
                                       configuration: StatevectorConfiguration(threadCount: 1, realArithmetic: !complexOnly),
                                       threads: threads)
        var sum = 0.0
        let (forward, _) = try Timing.median(repeats: bench.repeats(10) * 5, budget: bench.budget(10)) {
            sum = try evaluator.expectationsZ(inputs: inputs, weights: weights).joined().reduce(0, +)
        }
        let upstream = [[Double]](repeating: [Double](repeating: 1, count: n), count: batch)
        let (vjp, _) = try Timing.median(repeats: bench.repeats(10) * 5, budget: bench.budget(10)) {
            _ = try evaluator.vectorJacobianProducts(inputs: inputs, weights: weights, upstream: upstream)
        }
        report(["workload": "W4", "qubits": n, "layers": batchLayers, "batch": batch, "forward_s": forward,
                "forward_vjp_s": vjp, "forward_samples_per_s": Double(batch) / forward,
                "vjp_samples_per_s": Double(batch) / vjp, "sum_z": sum],
               text: String(format: "W4  %d × (n=%d, L=%d)  forward %@ (%.0f samples/s)  forward+VJP %@ (%.0f samples/s)",
                            batch, n, batchLayers, Timing.format(forward), Double(batch) / forward,
                            Timing.format(vjp), Double(batch) / vjp))
    }

    /// The adjoint gradient of Σ⟨Z_i⟩ on the MPS at several χ against the exact statevector one.
    private func measureMPSAccuracy(qubits n: Int) throws {
        let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
        let angles = try workload.angles(qubits: n, layers: layers)
        let observable = PauliSum.allZ(qubitCount: n)
        let exact = try AdjointDifferentiation.gradient(of: observable, circuit: circuit, parameters: angles.values,
                                                        state: StatevectorBackend(qubitCount: n))
        let exactVector = exact.gradient.inputs + exact.gradient.weights
        let exactNorm = exactVector.map { $0 * $0 }.reduce(0, +).squareRoot()
        for chi in [4, 8, 16, 32, 64, 128, 256] {
            let state = try MPSBackend(qubitCount: n, configuration: try MPSConfiguration(maxBondDimension: chi))
            var result: (value: Double, gradient: ParameterGradient)?
            let seconds = try Timing.seconds {
                result = try AdjointDifferentiation.gradient(of: observable, circuit: circuit, parameters: angles.values, state: state)
            }
            let vector = result!.gradient.inputs + result!.gradient.weights
            let maxError = zip(vector, exactVector).map { abs($0 - $1) }.max() ?? 0
            let relative = zip(vector, exactVector).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() / exactNorm
            let cosine = zip(vector, exactVector).map { $0 * $1 }.reduce(0, +)
                / (vector.map { $0 * $0 }.reduce(0, +).squareRoot() * exactNorm)
            report(["workload": "mps-gradient-accuracy", "qubits": n, "layers": layers, "chi": chi, "seconds": seconds,
                    "max_abs_error": maxError, "relative_error": relative, "cosine": cosine,
                    "value_error": abs(result!.value - exact.value),
                    "forward_fidelity_estimate": state.truncationReport.fidelityEstimate],
                   text: String(format: "MPS adjoint n=%d L=%d χ=%-3d  %@  max|Δg| %.1e  ‖Δg‖/‖g‖ %.1e  cos %.6f  |ΔC| %.1e  final-sweep fidelity est. %.4f",
                                n, layers, chi, Timing.format(seconds), maxError, relative, cosine,
                                abs(result!.value - exact.value), state.truncationReport.fidelityEstimate))
        }
    }

    private func report(_ record: [String: Any], text: String) {
        if bench.json {
            if let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) {
                print(String(decoding: data, as: UTF8.self))
            }
        } else {
            print(text)
        }
    }
}

import ArgumentParser
import Foundation
import Qompress

/// `qompress head bench`: throughput of the head (the W6 workload of bench/peers).
struct HeadBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Embeddings per second of the d → d/3 head: forward, and forward + backward of a pairwise fidelity loss.")

    @Option(help: "Comma-separated input dimensions (divisible by 3).")
    var dims = CommaSeparated([384, 768])
    @Option(help: "Embeddings per call (even; the second half are the first half's positives).")
    var batch: Int = 1024
    @Option(help: "Comma-separated thread counts (0 = all cores).")
    var threads = CommaSeparated([1, 0])
    @Option(help: "Arithmetic of the head's kernels: f64 (default) or f32 (opt-in, faster, outputs within about 1e-6).")
    var precision: HeadPrecision = .float64
    @Option(help: "Seed of inputs and weights.")
    var seed: UInt64 = 1234
    @OptionGroup var bench: BenchOptions

    func run() throws {
        guard batch >= 2, batch % 2 == 0 else { throw ValidationError("--batch must be even and ≥ 2") }
        try dims.validate("--dims", atLeast: 3)
        try threads.validate("--threads", atLeast: 0)
        for d in dims.values {
            var g = SeededGenerator(seed: seed)
            let head = QuantumInspiredHead(plan: try .thirds(inputDimension: d), generator: &g)
            let x = inputs(d: d, generator: &g)
            for t in threads.values {
                head.threads = t
                head.precision = precision
                var output = Matrix(zeros: batch, head.outputSize), gradient = output
                let loss = PairedFidelityLoss(threads: t)
                let forward = try time { try head.encode(x, into: &output) }
                let both = try time { _ = try fidelityStep(head, x, loss: loss, output: &output, gradient: &gradient) }
                let resolved = ParallelLoop.resolve(threads: t)
                let fps = Double(batch) / forward, bps = Double(batch) / both
                if bench.json {
                    print("{\"workload\":\"W6\",\"backend\":\"qompress\",\"dim\":\(d),\"batch\":\(batch),\"threads\":\(resolved),"
                          + "\"dtype\":\"\(precision == .float32 ? "float32" : "float64")\",\"n_params\":\(head.parameterCount),\"forward_eps\":\(fps),\"fwd_bwd_eps\":\(bps)}")
                } else {
                    print("d=\(d) threads=\(resolved)\(precision == .float32 ? " precision=f32" : ""): forward \(Int(fps)) emb/s, forward+backward \(Int(bps)) emb/s")
                }
            }
        }
    }

    /// Standard-normal rows, L2-normalised; rows B/2… are noisy copies of rows 0…B/2 (the positives).
    private func inputs(d: Int, generator g: inout SeededGenerator) -> Matrix {
        var x = Matrix(zeros: batch, d)
        let h = batch / 2
        for r in 0..<batch {
            for c in 0..<d { x[r, c] = r < h ? g.nextGaussian() : x[r - h, c] + 0.1 * g.nextGaussian() / Double(d).squareRoot() }
        }
        return CosineSimilarity.normalizedRows(x)
    }

    /// mean(1 − F(h(q_i), h(p_i))) forward and backward of every parameter (the input needs no
    /// gradient, as in the peer); returns the loss. Output and gradient buffers are reused.
    private func fidelityStep(_ head: QuantumInspiredHead, _ x: Matrix, loss: PairedFidelityLoss,
                              output: inout Matrix, gradient: inout Matrix) throws -> Double {
        head.weights.zeroGradient()
        try head.forward(x, into: &output)
        let value = try loss.evaluate(output, gradient: &gradient)
        try head.accumulateParameterGradients(gradient)
        return value
    }

    /// The median of `repeats` runs after two warm-ups (as the peer script times).
    private func time(_ body: () throws -> Void) rethrows -> Double {
        try body()
        return try Timing.median(repeats: max(3, bench.repeats(10)), budget: bench.budget(.infinity), body).median
    }
}

import ArgumentParser
import Foundation
import Qompress

/// `qompress bench-train`: one epoch of the hybrid autoencoder (W5) on either backend.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-train",
        abstract: "Samples per second for one epoch of Dense(512→q) → dressed circuit → Dense(q→512), L1 loss, Adam (the first batch a warm-up, as in the peer script).")

    @Option(help: "Training samples.")
    var samples: Int = 10_000
    @Option(help: "Batch size.")
    var batchSize: Int = 32
    @Option(help: "Qubits q.")
    var qubits: Int = 8
    @Option(help: "Circuit depth.")
    var depth: Int = 6
    @OptionGroup var backend: BackendOptions
    @Flag(help: "Also time the statevector with its real form off (to measure what the real form is worth).")
    var complexStatevector = false
    @Option(help: "Stop the epoch after this many seconds and report the rate so far.")
    var maxSeconds: Double = 60

    func run() throws {
        var g = SeededGenerator(seed: 1234)
        var elements = [Double](repeating: 0, count: samples * 512)
        for r in 0..<samples {
            var norm = 0.0
            for c in 0..<512 { let v = g.nextGaussian(); elements[r * 512 + c] = v; norm += v * v }
            norm = norm.squareRoot()
            for c in 0..<512 { elements[r * 512 + c] /= norm }
        }
        let data = try Matrix(rows: samples, columns: 512, elements: elements)
        let threads = backend.threads
        let runs = try backend.specs().map { ($0, false) } + (complexStatevector ? [(BackendSpec.statevector, true)] : [])
        for (spec, complexForm) in runs {
            var mg = SeededGenerator(seed: 7)
            let encoder = try Dense(inputSize: 512, outputSize: qubits, generator: &mg, name: "encoder")
            let circuit: Layer = complexForm
                ? try QuantumLayer<StatevectorBackend>(
                    dressedQubits: qubits, depth: depth,
                    configuration: StatevectorConfiguration(threadCount: 1, realArithmetic: false),
                    generator: &mg, threads: threads, name: "circuit")
                : try ModelFactory.dressedQuantumLayer(qubits: qubits, depth: depth, backend: spec, generator: &mg,
                                                       threads: threads, name: "circuit")
            let model = try Sequential([
                encoder, circuit,
                try Dense(inputSize: qubits, outputSize: 512, generator: &mg, name: "decoder"),
            ])
            let adam = try Adam(learningRate: 1e-3)
            let batches = try Batching.miniBatches(count: samples, batchSize: batchSize, shuffle: true, generator: &g)
            var done = 0
            var lossSum = 0.0
            // The first batch is a warm-up, as in the peer's script: the clock starts after it.
            var start = Date()
            for (k, batch) in batches.enumerated() {
                model.zeroGradients()
                let x = data.rows(batch)
                let loss = try Loss.l1(prediction: try model.forward(x), target: x)
                try model.accumulateParameterGradients(loss.gradient)
                try adam.step(model.parameters)
                if k == 0 && batches.count > 1 {
                    start = Date()
                    continue
                }
                done += batch.count
                lossSum += loss.value * Double(batch.count)
                if Date().timeIntervalSince(start) > maxSeconds { break }
            }
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "W5  %@%@  %d samples in %.2f s: %.0f samples/s (mean L1 %.4f)", spec.description, complexForm ? " (complex form)" : "", done,
                         seconds, Double(done) / seconds, lossSum / Double(done)))
        }
    }
}

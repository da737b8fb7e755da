import ArgumentParser
import Foundation
import Qompress

/// `qompress bench-train`: one epoch of the hybrid autoencoder (W5) on either backend.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-train",
        abstract: "Samples per second for one epoch of Dense(512→q) → dressed circuit → Dense(q→512), L1 loss, Adam.")

    @Option(help: "Training samples.")
    var samples: Int = 10_000
    @Option(help: "Batch size.")
    var batchSize: Int = 32
    @Option(help: "Qubits q.")
    var qubits: Int = 8
    @Option(help: "Circuit depth.")
    var depth: Int = 6
    @Option(help: "Backends to time: statevector, mps, and statevector-complex (the statevector with its real form off, to measure what it is worth).")
    var backends: String = "statevector,mps"
    @Option(help: "χ_max of the MPS (0 = exact).")
    var chi: Int = 0
    @Option(help: "Worker threads (0 = all cores).")
    var threads: Int = 0
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
        for name in backends.split(separator: ",") {
            let spec: BackendSpec
            switch name {
            case "statevector", "statevector-complex": spec = .statevector
            case "mps": spec = .mps(maxBondDimension: chi == 0 ? nil : chi, cutoff: 0)
            default: throw ValidationError("--backends takes statevector, statevector-complex and/or mps, got \(name)")
            }
            var mg = SeededGenerator(seed: 7)
            let encoder = try Dense(inputSize: 512, outputSize: qubits, generator: &mg, name: "encoder")
            let circuit: Layer = name == "statevector-complex"
                ? try QuantumLayer<StatevectorBackend>(
                    dressedQubits: qubits, depth: depth,
                    configuration: StatevectorConfiguration(threadCount: 1, realArithmetic: false),
                    backendSpec: spec, generator: &mg, threads: threads, name: "circuit")
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
            let start = Date()
            for batch in batches {
                model.zeroGradients()
                let x = data.rows(batch)
                let loss = try Loss.l1(prediction: try model.forward(x), target: x)
                try model.accumulateParameterGradients(loss.gradient)
                try adam.step(model.parameters)
                done += batch.count
                lossSum += loss.value * Double(batch.count)
                if Date().timeIntervalSince(start) > maxSeconds { break }
            }
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "W5  %@  %d samples in %.2f s: %.0f samples/s (mean L1 %.4f)", spec.description, done,
                         seconds, Double(done) / seconds, lossSum / Double(done)))
        }
    }
}

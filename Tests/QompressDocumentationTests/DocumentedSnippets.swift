import Foundation
import Qompress

// Every ```swift block of README.md, Docs/*.md and the DocC articles, verbatim, inside a
// function that supplies the names the block uses but does not define (the inputs `x`, a
// `url`, …). `SnippetTests` checks that each block of the documents stands here letter for
// letter (so the documents cannot drift from code that compiles) and runs the functions.

/// README.md: a circuit, a backend, expectations and counts.
func readmeQuickStart() throws -> [Bitstring: Int] {
    // A circuit is a value; the builder validates every qubit and angle.
    var circuit = try Circuit(qubitCount: 3)
    try circuit.h(0)
    try circuit.cnot(0, 1)
    try circuit.ry(.input(0, scale: .pi / 2), 2)      // RY(π/2 · x[0])

    // A backend is a register. Pick one per experiment; the rest of the code is the same.
    let state = try StatevectorBackend(qubitCount: 3)
    try state.run(circuit, parameters: ParameterValues(inputs: [0.4]))
    let z = state.expectationsZ()                     // ⟨Z_i⟩ for every qubit, one pass
    let e = try state.expectation(of: PauliSum("Z0 Z1 + 0.5 X2"))
    var rng = SeededGenerator(seed: 7)
    let counts = try state.counts(shots: 1000, using: &rng)
    _ = (z, e)
    return counts
}

/// Docs/Gradients.md: adjoint, VJP, parameter shift and batches.
func gradientsGuide(x: [Double], w: [Double], g: [Double], o: PauliSum,
                    batchX: [[Double]], batchG: [[Double]]) throws -> (ParameterGradient, ParameterGradient, [Double]) {
    let circuit = try Circuit.dressed(qubitCount: 8, layers: 6)
    let values = ParameterValues(inputs: x, weights: w)

    // ∂⟨O⟩/∂x and ∂⟨O⟩/∂w by the adjoint method.
    let (value, gradient) = try AdjointDifferentiation.gradient(
        of: PauliSum("Z0 Z1 + 0.5 X2"), circuit: circuit, parameters: values,
        state: StatevectorBackend(qubitCount: 8))

    // Vector–Jacobian product of (x, w) ↦ (⟨Z_0⟩ … ⟨Z_7⟩): one backward sweep for all outputs.
    let (z, vjp) = try AdjointDifferentiation.vectorJacobianProduct(
        circuit: circuit, parameters: values, upstream: g, state: MPSBackend(qubitCount: 8, configuration: .exact))

    // The same gradient by the parameter-shift rule (two runs per angle), as an independent check.
    let shift = try ParameterShift.gradient(of: o, circuit: circuit, parameters: values,
                                            initial: StatevectorBackend(qubitCount: 8))

    // A batch of inputs sharing the weights, on all cores; bit-identical on any thread count.
    let evaluator = BatchEvaluator(circuit: circuit, backend: StatevectorBackend.self, configuration: .default)
    let (outputs, inputGradients, weightGradient) = try evaluator.vectorJacobianProducts(
        inputs: batchX, weights: w, upstream: batchG)
    _ = (value, z, vjp, outputs, inputGradients)
    return (gradient, shift.gradient, weightGradient)
}

/// Docs/MPS.md: configurations, a run and the truncation report.
func mpsGuide(values: ParameterValues) throws -> TruncationReport {
    let mps = try MPSBackend(qubitCount: 128)                       // χ_max = 64, cutoff = 1e-12
    let exact = try MPSBackend(qubitCount: 20, configuration: .exact) // never truncates
    let small = try MPSBackend(qubitCount: 64,
                               configuration: MPSConfiguration(maxBondDimension: 16, cutoff: 1e-10))

    try mps.run(try Circuit.dressed(qubitCount: 128, layers: 6), parameters: values)
    let z = mps.expectationsZ()                 // all ⟨Z_i⟩ in one sweep
    let report = mps.truncationReport           // what truncation did (a value)
    print(report.table)                         // … or try report.json()
    _ = (exact, small, z)
    return report
}

/// Docs/QASM.md: reading a program.
func qasmImportGuide(path: String) throws -> [Int] {
    let program = try QASMProgram(source: String(contentsOfFile: path, encoding: .utf8))   // path: "bell.qasm"
    let state = try StatevectorBackend(qubitCount: program.circuit.qubitCount)
    try state.run(program.circuit)
    program.measuredQubits        // the qubits behind c[0], c[1], … (what sampling reports)
    return program.measuredQubits
}

/// Docs/QASM.md: writing a program.
func qasmExportGuide(circuit: Circuit, x: [Double], w: [Double]) throws -> String {
    let text = try QASMExporter.source(of: circuit, parameters: ParameterValues(inputs: x, weights: w),
                                       measuring: [0, 1])
    return text
}

/// Docs/Training.md: a hybrid model, the trainer and a checkpoint.
func trainingGuide(x: Matrix, xv: Matrix, folder: URL) throws -> [Double] {
    var rng = SeededGenerator(seed: 7)
    let model = try Sequential([
        Dense(inputSize: 512, outputSize: 8, generator: &rng, name: "encoder"),
        ModelFactory.dressedQuantumLayer(qubits: 8, depth: 6, backend: .statevector,   // or .mps(maxBondDimension: 32, cutoff: 1e-12)
                                         generator: &rng, name: "circuit"),
        Dense(inputSize: 8, outputSize: 512, generator: &rng, name: "decoder"),
    ])
    var trainer = SupervisedTrainer()
    trainer.objective = .l1
    trainer.epochs = 20
    trainer.schedule = .cosine(initial: 1e-2, minimum: 1e-4, steps: 20 * 313)
    trainer.progress = ProgressReporter()                       // a bar on a terminal, plain lines otherwise
    trainer.metrics = try MetricsLog(url: folder.appendingPathComponent("metrics.jsonl"))
    let adam = try Adam(learningRate: 1e-2)
    let history = try trainer.fit(model, optimizer: adam, inputs: x, targets: x,
                                  validation: (xv, xv), generator: &rng)
    try Checkpoint(models: ["autoencoder": model], optimizer: adam, seed: 7)
        .write(to: folder.appendingPathComponent("checkpoint.json"))
    return history.trainLoss
}

/// Docs/ProjectionHead.md: the opt-in float32 fast path, inference and one training step.
func projectionHeadFloat32(x: Matrix) throws -> (outputs: Matrix, loss: Double) {
    var rng = SeededGenerator(seed: 7)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 384), generator: &rng)
    head.precision = .float32                          // opt-in; .float64 is the default
    var outputs = Matrix(zeros: 0, head.outputSize)
    try head.encode(x, into: &outputs)                 // n × 256 amplitudes, within ~1e-6 of float64
    var gradient = Matrix(zeros: 0, head.outputSize)
    head.weights.zeroGradient()
    try head.forward(x, into: &outputs)                // one step of the W6 loss: forward, loss, backward
    let loss = try PairedFidelityLoss().evaluate(outputs, gradient: &gradient)
    try head.accumulateParameterGradients(gradient)    // bit-identical on any thread count
    return (outputs, loss)
}

/// Qompress.docc, "From a circuit to a trained model": circuit and observable.
func gettingStartedCircuit() throws -> (Circuit, PauliSum, ParameterValues, Double) {
    var circuit = try Circuit(qubitCount: 4)
    for q in 0..<4 { try circuit.ry(.input(q), q) }           // encode four features
    for q in 0..<3 { try circuit.cnot(q, q + 1) }
    for q in 0..<4 { try circuit.ry(.weight(q), q) }          // four trainable angles
    let observable = try PauliSum("Z0 Z3 + 0.5 X1")
    let values = ParameterValues(inputs: [0.1, 0.5, -0.3, 0.8], weights: [0.2, -0.1, 0.4, 0.0])

    let state = try BackendRegistry.standard.register(for: .statevector, qubitCount: 4)
    try state.run(circuit, parameters: values)
    let energy = try state.expectation(of: observable)
    return (circuit, observable, values, energy)
}

/// Qompress.docc: its gradient.
func gettingStartedGradient(circuit: Circuit, observable: PauliSum, values: ParameterValues) throws -> (Double, Double) {
    let (value, gradient) = try AdjointDifferentiation.gradient(
        of: observable, circuit: circuit, parameters: values, state: StatevectorBackend(qubitCount: 4))
    let check = try ParameterShift.gradient(of: observable, circuit: circuit, parameters: values,
                                            initial: StatevectorBackend(qubitCount: 4))
    let agreement = gradient.maxDifference(to: check.gradient)   // ~1e-15
    return (value, agreement)
}

/// Qompress.docc: a training loop.
func gettingStartedTraining(batch: Matrix) throws -> [Double] {
    var rng = SeededGenerator(seed: 1)
    let model = try Sequential([
        Dense(inputSize: 16, outputSize: 4, generator: &rng, name: "in"),
        ModelFactory.dressedQuantumLayer(qubits: 4, depth: 2, backend: .statevector, generator: &rng, name: "q"),
        Dense(inputSize: 4, outputSize: 16, generator: &rng, name: "out"),
    ])
    let adam = try Adam(learningRate: 0.01)
    var losses: [Double] = []
    for _ in 0..<50 {
        model.zeroGradients()
        let loss = try Loss.l1(prediction: try model.forward(batch), target: batch)
        try model.accumulateParameterGradients(loss.gradient)
        try adam.step(model.parameters)
        losses.append(loss.value)
    }
    return losses
}

import Foundation
import Testing
import QompressCore
import QompressHead
import QompressLinearAlgebra
import QompressMPS
import QompressStatevector
import QompressTraining

private func randomMatrix(rows: Int, columns: Int, seed: UInt64, scale: Double = 1) throws -> Matrix {
    var g = SeededGenerator(seed: seed)
    return try Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in scale * (2 * g.nextUnit() - 1) })
}

@Test func rawEncodingFidelityEqualsProductOfSquaredCosines() throws {
    let x = try randomMatrix(rows: 2, columns: 9, seed: 1, scale: 2)
    let a = x.row(0), b = x.row(1)
    let sv = try StatevectorBackend(qubitCount: 9), sw = try StatevectorBackend(qubitCount: 9)
    try sv.prepare(productState: a.map(QubitEncoding.qubitState))
    try sw.prepare(productState: b.map(QubitEncoding.qubitState))
    let viaBackend = try sv.innerProduct(with: sw).lengthSquared
    var expected = 1.0
    for j in 0..<9 { let c = cos((QubitEncoding.angle(a[j]) - QubitEncoding.angle(b[j])) / 2); expected *= c * c }
    #expect(abs(try QubitEncoding.rawFidelity(a, b) - expected) < 1e-14)
    #expect(abs(viaBackend - expected) < 1e-12)
    let amplitudes = { (row: [Double]) in row.flatMap { let (c, s) = QubitEncoding.amplitudes($0); return [c, s] } }
    #expect(abs(try FidelitySimilarity().value(amplitudes(a), amplitudes(b)) - expected) < 1e-14)
}

@Test func trainableUnitaryIsUnitaryAndMatchesZYZProduct() throws {
    let u = try TrainableUnitary(raw: [0.3, -0.7, 1.1, 0.2])
    #expect(try u.unitaryMatrix().matrix.unitarityDeviation < 1e-12)
    let angles = [0.3, -0.7, 1.1, 0.2].map(TrainableUnitary.angle)
    let rz = { (t: Double) in SquareMatrix.diagonal([.init(length: 1, phase: -t / 2), .init(length: 1, phase: t / 2)]) }
    let ry = try SquareMatrix(rows: [[.init(cos(angles[2] / 2)), .init(-sin(angles[2] / 2))],
                                     [.init(sin(angles[2] / 2)), .init(cos(angles[2] / 2))]])
    var expected = rz(angles[1]) * ry * rz(angles[3])
    expected.elements = expected.elements.map { $0 * .init(length: 1, phase: angles[0]) }
    #expect(try u.unitaryMatrix().matrix.distance(to: expected) < 1e-12)
}

/// Heads of up to one lane group of eight output positions, and wider ones (19, 12, 17 positions)
/// on larger inputs that reach the encoding's range limits.
@Test(arguments: [(9, 3, 1.5), (12, 2, 1.5), (12, 4, 1.5), (15, 5, 1.5), (40, 8, 1.5), (57, 19, 3), (48, 12, 3), (51, 17, 3)])
func headOutputsAgreeBetweenStatevectorMPSAndFastPath(d: Int, k: Int, scale: Double) throws {
    var g = SeededGenerator(seed: 7)
    let head = QuantumInspiredHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &g)
    let x = try randomMatrix(rows: 3, columns: d, seed: 11, scale: scale)
    let fast = try head.encode(x)
    let sv = try StatevectorBackend(qubitCount: 2)
    let mps = try MPSBackend(qubitCount: 2, configuration: .exact)
    for r in 0..<3 {
        let a = try head.outputs(of: x.row(r), on: sv), b = try head.outputs(of: x.row(r), on: mps)
        for i in 0..<(2 * k) {
            #expect(abs(a[i] - fast[r, i]) < 1e-10)
            #expect(abs(b[i] - fast[r, i]) < 1e-10)
        }
    }
    // The training path (forward with cache) is the same function.
    #expect(try head.forward(x) == fast)
}

@Test func parameterCountsMatchTheirFormula() throws {
    #expect(try CompressionPlan.thirds(inputDimension: 768).parameterCount == 8 * 768)
    #expect(try CompressionPlan.thirds(inputDimension: 384).parameterCount == 8 * 384)
    #expect(try CompressionPlan.staircase(inputDimension: 384, outputDimension: 64).parameterCount == 12 * 5 * 64)
    var g = SeededGenerator(seed: 1)
    let head = QuantumInspiredHead(plan: try .automatic(inputDimension: 384, outputDimension: 64), generator: &g)
    #expect(head.parameters.reduce(0) { $0 + $1.values.count } == 12 * 5 * 64)
    #expect(throws: HeadError.self) { try CompressionPlan.thirds(inputDimension: 100) }
    #expect(throws: HeadError.self) { try CompressionPlan.staircase(inputDimension: 384, outputDimension: 100) }
}

@Test func fastPathGradientsMatchFiniteDifferences() throws {
    var g = SeededGenerator(seed: 3)
    let head = QuantumInspiredHead(plan: try .staircase(inputDimension: 15, outputDimension: 5), generator: &g)
    let x = try randomMatrix(rows: 4, columns: 15, seed: 5, scale: 1.2)
    let similarity = FidelitySimilarity()
    // L = Σ_i c_i · F(h(x_2i), h(x_2i+1)) with fixed weights: exercises every path.
    func loss() throws -> Double {
        let o = try head.encode(x)
        return try 0.7 * similarity.value(o.row(0), o.row(1)) - 1.3 * similarity.value(o.row(2), o.row(3))
    }
    head.weights.zeroGradient()
    let o = try head.forward(x)
    var go = Matrix(zeros: 4, 10)
    for (pair, c) in [(0, 0.7), (1, -1.3)] {
        var ga = [Double](repeating: 0, count: 10), gb = ga
        let a = o.row(2 * pair), b = o.row(2 * pair + 1)
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
            ga.withUnsafeMutableBufferPointer { qa in gb.withUnsafeMutableBufferPointer { qb in
                similarity.accumulateGradient(pa, pb, scale: c, gradientA: qa, gradientB: qb)
            }}
        }}
        for i in 0..<10 { go[2 * pair, i] = ga[i]; go[2 * pair + 1, i] = gb[i] }
    }
    let inputGradient = try head.backward(go)
    let h = 1e-6
    for i in 0..<head.weights.values.count {
        let saved = head.weights.values[i]
        head.weights.values[i] = saved + h; let up = try loss()
        head.weights.values[i] = saved - h; let down = try loss()
        head.weights.values[i] = saved
        #expect(abs((up - down) / (2 * h) - head.weights.gradient[i]) < 1e-7)
    }
    let base = x
    for (r, c) in [(0, 0), (1, 5), (2, 11), (3, 7)] {
        var xp = base, xm = base
        xp[r, c] += h; xm[r, c] -= h
        let op = try head.encode(xp), om = try head.encode(xm)
        func l(_ o: Matrix) throws -> Double { try 0.7 * similarity.value(o.row(0), o.row(1)) - 1.3 * similarity.value(o.row(2), o.row(3)) }
        #expect(abs((try l(op) - l(om)) / (2 * h) - inputGradient[r, c]) < 1e-7)
    }
}

@Test func fastPathResultsDoNotDependOnThreadCount() throws {
    var g = SeededGenerator(seed: 9)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 12), generator: &g)
    let x = try randomMatrix(rows: 5, columns: 12, seed: 2)
    head.threads = 1
    let one = try head.encode(x)
    head.threads = 3
    #expect(try head.encode(x) == one)
}

@Test func headRejectsMismatchedInputWidth() throws {
    var g = SeededGenerator(seed: 1)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 9), generator: &g)
    #expect(throws: HeadError.self) { try head.encode(Matrix(zeros: 2, 8)) }
    #expect(throws: HeadError.self) { try head.outputs(of: [1, 2], on: StatevectorBackend(qubitCount: 2)) }
}

@Test func headBackwardRefusesAMissingForwardAndAMisshapenGradient() throws {
    var g = SeededGenerator(seed: 1)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 9), generator: &g)
    let gradient = Matrix(zeros: 2, head.outputSize)
    #expect(throws: TrainingError.backwardBeforeForward) { try head.backward(gradient) }
    #expect(throws: TrainingError.backwardBeforeForward) { try head.accumulateParameterGradients(gradient) }
    _ = try head.forward(try randomMatrix(rows: 2, columns: 9, seed: 3))
    #expect(throws: TrainingError.self) { try head.backward(Matrix(zeros: 3, head.outputSize)) }
    #expect(throws: TrainingError.self) { try head.accumulateParameterGradients(Matrix(zeros: 2, head.outputSize + 2)) }
    #expect(try head.backward(gradient).columns == 9)
}

@Test func entangledVariantWithZeroStrengthReproducesTheProductFidelity() throws {
    var g = SeededGenerator(seed: 4)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 12), generator: &g)
    let x = try randomMatrix(rows: 3, columns: 12, seed: 8)
    let outputs = try head.encode(x)
    let product = try FidelitySimilarity().scores(queries: outputs.rows([0]), documents: outputs, threads: 1)
    let mps = try MPSConfiguration(maxBondDimension: 4, cutoff: 1e-12)
    let entangled = try EntangledProjection(head: head, configuration: mps, strength: 0).scores(queries: x.rows([0]), documents: x, threads: 1)
    for j in 0..<3 {
        #expect(abs(entangled[0, j] - (try FidelitySimilarity().value(outputs.row(0), outputs.row(j)))) < 1e-10)
        #expect(abs(log(entangled[0, j]) - product[0, j]) < 1e-8)
    }
    // With λ ≠ 0 the register is entangled and the scores change.
    let on = try EntangledProjection(head: head, configuration: mps, strength: 1).scores(queries: x.rows([0]), documents: x, threads: 1)
    #expect(abs(on[0, 0] - 1) < 1e-10)
    #expect(abs(on[0, 1] - entangled[0, 1]) > 1e-6)
}

@Test func entangledVariantIsTheSameOnEveryBackendAndThreadCount() throws {
    var g = SeededGenerator(seed: 5)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 12), generator: &g)
    let x = try randomMatrix(rows: 7, columns: 12, seed: 9)
    // k = 4 output qubits: χ = 4 truncates nothing, so the MPS equals the statevector.
    let mps = try EntangledProjection(head: head, configuration: try MPSConfiguration(maxBondDimension: 4, cutoff: 0), strength: 0.8)
    let statevector = try EntangledProjection(head: head, configuration: StatevectorConfiguration(threadCount: 1), strength: 0.8)
    let reference = try statevector.scores(queries: x, documents: x, threads: 1)
    for threads in [1, 2, 3] {
        let scores = try mps.scores(queries: x, documents: x, threads: threads)
        #expect(scores.elements == (try mps.scores(queries: x, documents: x, threads: 1)).elements)
        #expect(zip(scores.elements, reference.elements).allSatisfy { abs($0 - $1) < 1e-12 })
    }
    // A bad row fails the same way on any thread count (the first failing row's error).
    let wide = try randomMatrix(rows: 2, columns: 13, seed: 1)
    #expect(throws: HeadError.self) { try mps.scores(queries: wide, documents: x, threads: 2) }
}

@Test func batchedEncodingAgreesWithTheReferenceFormula() throws {
    let xs: [Double] = [-30, -5, -1.3, -0.2, -1e-9, 0, 1e-7, 0.05, 0.7, 2.5, 19, 40]
    for x in xs {
        let (c, s) = QubitEncoding.amplitudes(x)
        let batched = QubitEncoding.batchedAmplitudes([x])
        #expect(abs(batched[0] - c) < 1e-14)
        #expect(abs(batched[1] - s) < 1e-14)
    }
}

@Test func parameterOnlyBackwardMatchesFullBackwardAndFiniteDifferences() throws {
    var g = SeededGenerator(seed: 13)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 30), generator: &g)
    let x = try randomMatrix(rows: 6, columns: 30, seed: 17, scale: 1.5)
    let loss = PairedFidelityLoss(threads: 2)
    var output = Matrix(zeros: 0, 0), gradient = Matrix(zeros: 0, 0)
    head.weights.zeroGradient()
    try head.forward(x, into: &output)
    let value = try loss.evaluate(output, gradient: &gradient)
    try head.accumulateParameterGradients(gradient)
    let parameterOnly = head.weights.gradient
    head.weights.zeroGradient()
    _ = try head.backward(gradient)
    for i in 0..<parameterOnly.count { #expect(abs(parameterOnly[i] - head.weights.gradient[i]) < 1e-14) }
    func lossAt() throws -> Double {
        var o = Matrix(zeros: 0, 0), scratch = Matrix(zeros: 0, 0)
        try head.encode(x, into: &o)
        return try loss.evaluate(o, gradient: &scratch)
    }
    #expect(abs(try lossAt() - value) < 1e-15)
    let h = 1e-6
    for i in stride(from: 0, to: parameterOnly.count, by: 7) {
        let saved = head.weights.values[i]
        head.weights.values[i] = saved + h; let up = try lossAt()
        head.weights.values[i] = saved - h; let down = try lossAt()
        head.weights.values[i] = saved
        #expect(abs((up - down) / (2 * h) - parameterOnly[i]) < 1e-7)
    }
}

@Test func pairedFidelityLossMatchesThePairwiseSimilarity() throws {
    var g = SeededGenerator(seed: 2)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 27), generator: &g)
    let o = try head.encode(try randomMatrix(rows: 8, columns: 27, seed: 3))
    var gradient = Matrix(zeros: 0, 0)
    let value = try PairedFidelityLoss(threads: 3).evaluate(o, gradient: &gradient)
    let similarity = FidelitySimilarity()
    var expected = 0.0
    for i in 0..<4 {
        expected += 1 - (try similarity.value(o.row(i), o.row(i + 4)))
        var ga = [Double](repeating: 0, count: 18), gb = ga
        let a = o.row(i), b = o.row(i + 4)
        a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
            ga.withUnsafeMutableBufferPointer { qa in gb.withUnsafeMutableBufferPointer { qb in
                similarity.accumulateGradient(pa, pb, scale: -0.25, gradientA: qa, gradientB: qb)
            }}
        }}
        for c in 0..<18 {
            #expect(abs(ga[c] - gradient[i, c]) < 1e-15)
            #expect(abs(gb[c] - gradient[i + 4, c]) < 1e-15)
        }
    }
    #expect(abs(value - expected / 4) < 1e-15)
    #expect(throws: HeadError.self) { try PairedFidelityLoss().evaluate(Matrix(zeros: 3, 4), gradient: &gradient) }
}

@Test func reusedOutputBuffersGiveIdenticalResults() throws {
    var g = SeededGenerator(seed: 6)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 48), generator: &g)
    let x = try randomMatrix(rows: 5, columns: 48, seed: 1), y = try randomMatrix(rows: 5, columns: 48, seed: 2)
    var output = Matrix(zeros: 1, 1)
    try head.encode(x, into: &output)
    #expect(output == (try head.encode(x)))
    try head.encode(y, into: &output)
    #expect(output == (try head.encode(y)))
    let kept = output
    try head.forward(x, into: &output)
    #expect(output == (try head.encode(x)))
    #expect(kept == (try head.encode(y)))   // a copy taken before reuse is not overwritten
    #expect(throws: HeadError.self) { try head.encode(Matrix(zeros: 2, 47), into: &output) }
    // An empty batch is valid in both directions.
    let empty = try head.forward(Matrix(zeros: 0, 48))
    #expect(empty.rows == 0 && empty.columns == 32)
    #expect(try head.backward(Matrix(zeros: 0, 32)).rows == 0)
}

@Test func vectorEncodingAgreesWithLibm() throws {
    let xs: [Double] = [-30, -20, -5, -1.3, -0.2, -1e-9, 0, 1e-7, 0.05, 0.7, 2.5, 19, 20, 40] + (0..<200).map { Double($0) / 25 - 4 }
    for x in xs {
        let v = Double.pi / 2 * tanh(x)
        let (s, c, w) = QubitEncoding.vectorEncodingForTesting(x)
        #expect(abs(s - sin(v)) < 1e-13)
        #expect(abs(c - cos(v)) < 1e-13)
        #expect(abs(2 * Double.pi * w * (1 - w) - Double.pi / 2 * (1 - tanh(x) * tanh(x))) < 1e-13)
    }
}

@Test func headCheckpointsRecordTheHeadAndStillAcceptThePre04Record() throws {
    var g = SeededGenerator(seed: 3)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 12), generator: &g)
    let spec = head.specifications[0]
    #expect(spec == .custom(kind: "quantum-inspired-head", inputs: 12, outputs: 8, weights: head.parameterCount))
    // Before 0.4 the head was recorded as a custom quantum layer "on the statevector".
    #expect(spec.isRestorable(from: .customQuantum(qubits: 4, inputs: 12, weights: head.parameterCount, backend: .statevector)))
    #expect(!spec.isRestorable(from: .customQuantum(qubits: 4, inputs: 12, weights: head.parameterCount + 1, backend: .statevector)))
    #expect(!spec.isRestorable(from: .customQuantum(qubits: 4, inputs: 12, weights: head.parameterCount, backend: .mps(maxBondDimension: 2, cutoff: 0))))
    #expect(!spec.isRestorable(from: .dense(input: 12, output: 8)))
}

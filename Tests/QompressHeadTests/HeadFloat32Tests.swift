import Foundation
import Testing
import QompressCore
import QompressHead
import QompressLinearAlgebra
import QompressTraining

// The opt-in float32 fast path (`HeadPrecision.float32`) against the float64 one.

private func uniformMatrix(rows: Int, columns: Int, seed: UInt64, scale: Double) throws -> Matrix {
    var g = SeededGenerator(seed: seed)
    return try Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in scale * (2 * g.nextUnit() - 1) })
}

/// ∂L/∂raw and ∂L/∂x of L = PairedFidelityLoss at `precision`, with the loss.
private func pairedLossGradients(_ head: QuantumInspiredHead, _ x: Matrix, precision: HeadPrecision,
                                 threads: Int = 1) throws -> (loss: Double, parameters: [Double], input: Matrix) {
    head.precision = precision
    head.threads = threads
    var output = Matrix(zeros: 0, 0), gradient = Matrix(zeros: 0, 0)
    head.weights.zeroGradient()
    try head.forward(x, into: &output)
    let value = try PairedFidelityLoss(threads: threads).evaluate(output, gradient: &gradient)
    let input = try head.backward(gradient)
    return (value, head.weights.gradient, input)
}

private func pairedLoss(_ head: QuantumInspiredHead, _ x: Matrix) throws -> Double {
    var output = Matrix(zeros: 0, 0), gradient = Matrix(zeros: 0, 0)
    try head.encode(x, into: &output)
    return try PairedFidelityLoss(threads: 1).evaluate(output, gradient: &gradient)
}

/// Thirds and staircase heads within one lane group of sixteen positions and beyond it (19,
/// 33, 40 positions), on inputs that reach the encoding's range limits.
@Test(arguments: [(9, 3, 1.5), (15, 5, 1.5), (40, 8, 3), (57, 19, 3), (99, 33, 3), (120, 40, 1.5), (768, 256, 0.2)])
func float32OutputsAgreeWithFloat64(d: Int, k: Int, scale: Double) throws {
    var g = SeededGenerator(seed: 21)
    let head = QuantumInspiredHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &g)
    let x = try uniformMatrix(rows: 7, columns: d, seed: 22, scale: scale)
    #expect(head.precision == .float64)
    let double = try head.encode(x)
    head.precision = .float32
    let single = try head.encode(x)
    var worst = 0.0
    for i in 0..<double.elements.count { worst = max(worst, abs(double.elements[i] - single.elements[i])) }
    #expect(worst < 2e-6, "max |f32 − f64| = \(worst)")
    // The training path is the same function, and switching back gives float64 bit for bit.
    #expect(try head.forward(x) == single)
    head.precision = .float64
    #expect(try head.encode(x) == double)
    #expect(try head.forward(x) == double)
}

@Test(arguments: [(30, 10), (57, 19), (48, 12)])
func float32GradientsAgreeWithFloat64AndFiniteDifferences(d: Int, k: Int) throws {
    var g = SeededGenerator(seed: 31)
    let head = QuantumInspiredHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &g)
    let x = try uniformMatrix(rows: 8, columns: d, seed: 32, scale: 1.5)
    let double = try pairedLossGradients(head, x, precision: .float64)
    let single = try pairedLossGradients(head, x, precision: .float32)
    #expect(abs(single.loss - double.loss) < 1e-6)
    let scale = max(double.parameters.map(abs).max()!, 1e-3)
    for i in 0..<double.parameters.count {
        #expect(abs(single.parameters[i] - double.parameters[i]) < 1e-4 * scale)
    }
    let inputScale = max(double.input.elements.map(abs).max()!, 1e-3)
    for i in 0..<double.input.elements.count {
        #expect(abs(single.input.elements[i] - double.input.elements[i]) < 1e-4 * inputScale)
    }
    // Central differences of the float32 loss itself: h = 1e-3 keeps its rounding (≈ 1e-7
    // relative) below the truncation error.
    head.precision = .float32
    let h = 1e-3
    for i in stride(from: 0, to: head.weights.values.count, by: 5) {
        let saved = head.weights.values[i]
        head.weights.values[i] = saved + h; let up = try pairedLoss(head, x)
        head.weights.values[i] = saved - h; let down = try pairedLoss(head, x)
        head.weights.values[i] = saved
        #expect(abs((up - down) / (2 * h) - single.parameters[i]) < 2e-4 * max(scale, 1))
    }
    for (r, c) in [(0, 0), (3, d / 2), (5, d - 1), (7, k)] {
        var xp = x, xm = x
        xp[r, c] += h; xm[r, c] -= h
        let fd = (try pairedLoss(head, xp) - pairedLoss(head, xm)) / (2 * h)
        #expect(abs(fd - single.input[r, c]) < 2e-4 * max(inputScale, 1))
    }
}

@Test func float32ResultsDoNotDependOnThreadCount() throws {
    var g = SeededGenerator(seed: 41)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 102), generator: &g)
    // 130 rows: five gradient chunks of 26 rows, more chunks than threads.
    let x = try uniformMatrix(rows: 130, columns: 102, seed: 42, scale: 1.5)
    head.precision = .float32
    head.threads = 1
    let one = try head.encode(x)
    let reference = try pairedLossGradients(head, x, precision: .float32, threads: 1)
    for threads in [2, 3, 0] {
        head.threads = threads
        #expect(try head.encode(x) == one)
        let other = try pairedLossGradients(head, x, precision: .float32, threads: threads)
        #expect(other.loss == reference.loss)
        #expect(other.parameters == reference.parameters)
        #expect(other.input == reference.input)
    }
}

@Test func float32PathStillRejectsBadInput() throws {
    var g = SeededGenerator(seed: 51)
    let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 12), generator: &g)
    head.precision = .float32
    #expect(throws: HeadError.self) { try head.encode(Matrix(zeros: 2, 11)) }
    #expect(throws: HeadError.self) { try head.forward(Matrix(zeros: 2, 13)) }
    #expect(throws: TrainingError.self) { try head.accumulateParameterGradients(Matrix(zeros: 2, 8)) }
    _ = try head.forward(Matrix(zeros: 2, 12))
    #expect(throws: TrainingError.self) { try head.backward(Matrix(zeros: 3, 8)) }
    #expect(throws: TrainingError.self) { try head.backward(Matrix(zeros: 2, 7)) }
}

@Test func precisionReachesEveryQuantumInspiredHeadOfAModel() throws {
    let x = try uniformMatrix(rows: 4, columns: 24, seed: 61, scale: 1.5)
    for variant in HeadVariant.allCases {
        var g = SeededGenerator(seed: 62)
        let model = try variant.make(inputDimension: 24, outputDimension: 8, generator: &g, threads: 1)
        let double = try RetrievalExperiment.outputs(of: model, x)
        #expect(HeadPrecision.float32.apply(to: model) == 1)
        let single = try RetrievalExperiment.outputs(of: model, x)
        #expect(single != double)
        for i in 0..<double.elements.count { #expect(abs(single.elements[i] - double.elements[i]) < 1e-5) }
        // A model built in float32 computes the same.
        var h = SeededGenerator(seed: 62)
        let built = try variant.make(inputDimension: 24, outputDimension: 8, generator: &h, threads: 1, precision: .float32)
        #expect(try RetrievalExperiment.outputs(of: built, x) == single)
        HeadPrecision.float64.apply(to: model)
        #expect(try RetrievalExperiment.outputs(of: model, x) == double)
    }
    var g = SeededGenerator(seed: 63)
    #expect(HeadPrecision.float32.apply(to: try ClassicalHead.make(inputDimension: 24, outputDimension: 8, generator: &g)) == 0)
}

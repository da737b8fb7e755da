import QompressCore
import QompressLinearAlgebra
import QompressMPS
import QompressStatevector
import QompressTraining
import Testing

/// Checks a layer's backward pass against central finite differences of a random linear
/// functional of its output: parameters and inputs.
func checkLayerGradients(_ layer: Layer, input: Matrix, seed: UInt64, tolerance: Double = 1e-6) throws {
    var g = SeededGenerator(seed: seed)
    let probe = try Matrix(rows: input.rows, columns: layer.outputSize,
                           elements: (0..<(input.rows * layer.outputSize)).map { _ in g.nextGaussian() })
    func objective(_ x: Matrix) throws -> Double {
        let y = try layer.forward(x)
        return zip(y.elements, probe.elements).reduce(0) { $0 + $1.0 * $1.1 }
    }
    layer.parameters.forEach { $0.zeroGradient() }
    _ = try layer.forward(input)
    let inputGradient = try layer.backward(probe)
    let parameterGradients = layer.parameters.map(\.gradient)
    let h = 1e-6
    for p in layer.parameters {
        for i in 0..<p.values.count {
            let saved = p.values[i]
            p.values[i] = saved + h
            let plus = try objective(input)
            p.values[i] = saved - h
            let minus = try objective(input)
            p.values[i] = saved
            #expect(abs((plus - minus) / (2 * h) - p.gradient[i]) < tolerance, "\(p.name)[\(i)]")
        }
    }
    for i in 0..<input.elements.count {
        var plus = input, minus = input
        plus.elements[i] += h
        minus.elements[i] -= h
        let numeric = (try objective(plus) - objective(minus)) / (2 * h)
        #expect(abs(numeric - inputGradient.elements[i]) < tolerance, "input[\(i)]")
    }
    // The parameter-only backward accumulates exactly the same parameter gradients.
    layer.parameters.forEach { $0.zeroGradient() }
    _ = try layer.forward(input)
    try layer.accumulateParameterGradients(probe)
    #expect(layer.parameters.map(\.gradient) == parameterGradients)
}

func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 1) throws -> Matrix {
    var g = SeededGenerator(seed: seed)
    return try Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in scale * g.nextGaussian() })
}

@Suite("Layers and losses against finite differences")
struct LayerGradientTests {
    @Test("dense layer: weights, bias and inputs")
    func dense() throws {
        var g = SeededGenerator(seed: 1)
        let layer = try Dense(inputSize: 5, outputSize: 3, generator: &g)
        layer.bias.values = [0.1, -0.2, 0.3]
        try checkLayerGradients(layer, input: randomMatrix(4, 5, seed: 2), seed: 3)
    }

    @Test("activations", arguments: ActivationFunction.allCases)
    func activation(function: ActivationFunction) throws {
        var input = try randomMatrix(3, 4, seed: 4)
        // Keep ReLU inputs away from its kink.
        if function == .relu { input = input.map { abs($0) < 1e-3 ? 0.5 : $0 } }
        try checkLayerGradients(Activation(function, size: 4), input: input, seed: 5)
    }

    @Test("quantum layer on the statevector: weights and inputs")
    func quantumLayerStatevector() throws {
        var g = SeededGenerator(seed: 6)
        let layer = try QuantumLayer<StatevectorBackend>(dressedQubits: 4, depth: 2, configuration: .default,
                                                         weightScale: 1, generator: &g)
        try checkLayerGradients(layer, input: randomMatrix(3, 4, seed: 7), seed: 8)
    }

    @Test("quantum layer on the exact MPS: weights and inputs")
    func quantumLayerMPS() throws {
        var g = SeededGenerator(seed: 6)
        let layer = try QuantumLayer<MPSBackend>(dressedQubits: 4, depth: 2, configuration: .exact,
                                                 weightScale: 1, generator: &g)
        try checkLayerGradients(layer, input: randomMatrix(3, 4, seed: 7), seed: 8)
    }

    @Test("L1 and MSE losses")
    func reconstructionLosses() throws {
        let p = try randomMatrix(3, 4, seed: 9), t = try randomMatrix(3, 4, seed: 10)
        for (name, f) in [("l1", Loss.l1), ("mse", Loss.meanSquaredError)] as [(String, (Matrix, Matrix) throws -> LossResult)] {
            let r = try f(p, t)
            for i in 0..<p.elements.count {
                var plus = p, minus = p
                plus.elements[i] += 1e-6
                minus.elements[i] -= 1e-6
                let numeric = (try f(plus, t).value - f(minus, t).value) / 2e-6
                #expect(abs(numeric - r.gradient.elements[i]) < 1e-6, "\(name)[\(i)]")
            }
        }
        #expect(try Loss.l1(prediction: p, target: p).value == 0)
        #expect(throws: TrainingError.self) { try Loss.l1(prediction: p, target: try randomMatrix(2, 4, seed: 1)) }
    }

    @Test("pair-distance loss, with its documented subgradients at r = d and r = 0")
    func pairDistance() throws {
        let a = try randomMatrix(4, 3, seed: 11), b = try randomMatrix(4, 3, seed: 12)
        let d = [0.5, 3.0, 1.0, 2.5]
        let r = try PairDistanceLoss.evaluate(a, b, targets: d)
        for i in 0..<a.elements.count {
            var plus = a, minus = a
            plus.elements[i] += 1e-6
            minus.elements[i] -= 1e-6
            let numeric = (try PairDistanceLoss.evaluate(plus, b, targets: d).value
                           - PairDistanceLoss.evaluate(minus, b, targets: d).value) / 2e-6
            #expect(abs(numeric - r.gradientA.elements[i]) < 1e-6)
            #expect(r.gradientB.elements[i] == -r.gradientA.elements[i])
        }
        let same = try PairDistanceLoss.evaluate(a, a, targets: [1, 1, 1, 1])
        #expect(same.value == 1 && same.gradientA.elements.allSatisfy { $0 == 0 })
        let one = try Matrix(rows: [[0, 0]]), other = try Matrix(rows: [[3, 4]])
        let exact = try PairDistanceLoss.evaluate(one, other, targets: [5])
        #expect(exact.value == 0 && exact.gradientA.elements == [0, 0])
    }
}

import QompressCore
import QompressLinearAlgebra

/// A fully connected layer y = x·W + b (W is `inputSize × outputSize`), products through BLAS.
public final class Dense: Layer {
    public let inputSize: Int
    public let outputSize: Int
    /// W, `inputSize × outputSize`, row-major.
    public let weight: ParameterTensor
    /// b, `outputSize`.
    public let bias: ParameterTensor
    private var cachedInput: Matrix?

    /// Creates a layer with weights drawn by `initialization` from `generator` and zero bias.
    /// - Throws: `TrainingError.invalidHyperparameter` for non-positive sizes or a weight count
    ///   that overflows.
    public init(inputSize: Int, outputSize: Int, initialization: Initialization = .xavier,
                generator: inout SeededGenerator, name: String = "dense") throws {
        guard inputSize > 0, outputSize > 0 else {
            throw TrainingError.invalidHyperparameter("dense layer sizes must be positive, got \(inputSize)→\(outputSize)")
        }
        guard !inputSize.multipliedReportingOverflow(by: outputSize).overflow else {
            throw TrainingError.invalidHyperparameter("a dense layer of \(inputSize)→\(outputSize) has more weights than can be counted")
        }
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = ParameterTensor(name: name + ".weight", shape: [inputSize, outputSize],
                                 values: initialization.values(count: inputSize * outputSize, fanIn: inputSize,
                                                               fanOut: outputSize, generator: &generator))
        bias = ParameterTensor(name: name + ".bias", shape: [outputSize],
                               values: [Double](repeating: 0, count: outputSize))
    }

    public var parameters: [ParameterTensor] { [weight, bias] }

    public var specifications: [LayerSpec] { [.dense(input: inputSize, output: outputSize)] }

    public func forward(_ input: Matrix) throws -> Matrix {
        try checkInput(input)
        cachedInput = input
        var output = try Matrix.product(input, try weightMatrix)
        try output.addToEachRow(bias.values)
        return output
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        try accumulateParameterGradients(outputGradient)
        return try Matrix.product(outputGradient, try weightMatrix, transposingRight: true)
    }

    /// The weight and bias gradients without the input gradient (one product fewer).
    public func accumulateParameterGradients(_ outputGradient: Matrix) throws {
        try checkGradient(outputGradient, rows: cachedInput?.rows)
        let input = cachedInput!
        let weightGradient = try Matrix.product(input, outputGradient, transposingLeft: true)
        weightGradient.elements.withUnsafeBufferPointer { weight.accumulateGradient($0) }
        let biasGradient = outputGradient.columnSums
        biasGradient.withUnsafeBufferPointer { bias.accumulateGradient($0) }
    }

    private var weightMatrix: Matrix {
        get throws { try Matrix(rows: inputSize, columns: outputSize, elements: weight.values) }
    }
}

import Foundation
import QompressLinearAlgebra

/// An element-wise non-linearity.
public enum ActivationFunction: String, Hashable, Sendable, Codable, CaseIterable {
    /// tanh(x).
    case tanh
    /// max(0, x); its derivative at 0 is taken as 0.
    case relu
    /// 1 / (1 + e^{−x}).
    case sigmoid
    /// x.
    case identity

    /// f(x).
    public func value(_ x: Double) -> Double {
        switch self {
        case .tanh: return Foundation.tanh(x)
        case .relu: return max(0, x)
        case .sigmoid: return 1 / (1 + exp(-x))
        case .identity: return x
        }
    }

    /// f′(x) given x and y = f(x).
    public func derivative(x: Double, y: Double) -> Double {
        switch self {
        case .tanh: return 1 - y * y
        case .relu: return x > 0 ? 1 : 0
        case .sigmoid: return y * (1 - y)
        case .identity: return 1
        }
    }
}

/// A parameter-free layer applying an `ActivationFunction` to every feature.
public final class Activation: Layer {
    public let function: ActivationFunction
    public let inputSize: Int
    public var outputSize: Int { inputSize }
    public var parameters: [ParameterTensor] { [] }
    private var cached: (input: Matrix, output: Matrix)?

    /// Creates the layer for rows of `size` features.
    public init(_ function: ActivationFunction, size: Int) {
        self.function = function
        self.inputSize = size
    }

    public var specifications: [LayerSpec] { [.activation(function: function, size: inputSize)] }

    public func forward(_ input: Matrix) throws -> Matrix {
        try checkInput(input)
        let output = input.map(function.value)
        cached = (input, output)
        return output
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        try checkGradient(outputGradient, rows: cached?.input.rows)
        let (input, output) = cached!
        var g = outputGradient
        for i in 0..<g.elements.count {
            g.elements[i] *= function.derivative(x: input.elements[i], y: output.elements[i])
        }
        return g
    }
}

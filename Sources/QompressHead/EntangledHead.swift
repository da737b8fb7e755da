import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// The trained entangled head: the compact quantum-inspired head's k output qubits, entangled by
/// a ladder of RZZ(φ_j) gates on neighbours (j, j + 1) whose angles re-upload features the first
/// fold dropped, φ_j = λ_j · θ_j with θ_j the encoding angle of input j of the last block and λ_j
/// a trained strength per bond (initially 1, as the evaluation-only `EntangledProjection`).
///
/// As a `Layer` it maps a row to 3k − 1 values: the 2k output amplitudes, then the k − 1 phases;
/// `EntangledFidelity` contracts two such rows exactly as a bond-dimension-2 MPS (the diagonal
/// ladder never needs more; χ = 1, the product state, is λ = 0). Gradients reach every gate and
/// every λ_j — the head is trained through the entangled overlap.
public final class EntangledHead: Layer {
    /// The product part.
    public let head: CompactHead
    /// λ_j, one per bond.
    public let strengths: ParameterTensor
    private var lastInput: Matrix?

    /// Creates the head with every λ_j = `initialStrength`.
    /// - Throws: `HeadError.dimensionMismatch` when k does not divide d.
    public init(inputDimension d: Int, outputDimension k: Int, initialStrength: Double = 1, generator: inout SeededGenerator,
                name: String = "entangled") throws {
        head = try CompactHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &generator, name: name)
        strengths = ParameterTensor(name: name + ".lambda", shape: [max(k - 1, 0)],
                                    values: [Double](repeating: initialStrength, count: max(k - 1, 0)))
    }

    private var k: Int { head.head.plan.outputDimension }
    public var inputSize: Int { head.inputSize }
    public var outputSize: Int { 3 * k - 1 }
    public var parameters: [ParameterTensor] { head.parameters + [strengths] }
    public var specifications: [LayerSpec] { head.specifications }
    /// Worker threads of the product part (0 = all cores).
    public var threads: Int {
        get { head.threads }
        set { head.threads = newValue }
    }
    /// The arithmetic of the product part's fast path (`.float64` by default; see
    /// `HeadPrecision`). The entangling ladder and the overlaps stay in double precision.
    public var precision: HeadPrecision {
        get { head.precision }
        set { head.precision = newValue }
    }

    /// The input feature whose angle drives bond j.
    private func feature(_ j: Int) -> Int { head.head.plan.qubit(block: head.head.plan.firstControlBlock, position: j) }

    public func forward(_ input: Matrix) throws -> Matrix {
        let amplitudes = try head.forward(input)
        lastInput = input
        return assemble(amplitudes, input)
    }

    /// The outputs without keeping anything for `backward`.
    public func encode(_ input: Matrix) throws -> Matrix { assemble(try head.encode(input), input) }

    private func assemble(_ amplitudes: Matrix, _ input: Matrix) -> Matrix {
        let k = self.k, width = outputSize
        var out = Matrix(zeros: input.rows, width)
        for r in 0..<input.rows {
            for c in 0..<(2 * k) { out.elements[r * width + c] = amplitudes.elements[r * 2 * k + c] }
            for j in 0..<(k - 1) {
                out.elements[r * width + 2 * k + j] = strengths.values[j] * QubitEncoding.angle(input[r, feature(j)])
            }
        }
        return out
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        let (productGradient, input) = try split(outputGradient)
        var g = try head.backward(productGradient)
        for r in 0..<input.rows {
            for j in 0..<(k - 1) {
                let x = input[r, feature(j)], t = Foundation.tanh(x)
                g[r, feature(j)] += outputGradient[r, 2 * k + j] * strengths.values[j] * Double.pi / 2 * (1 - t * t)
            }
        }
        return g
    }

    public func accumulateParameterGradients(_ outputGradient: Matrix) throws {
        let (productGradient, _) = try split(outputGradient)
        try head.accumulateParameterGradients(productGradient)
    }

    /// The product part's gradient; adds the strengths' gradients on the way.
    private func split(_ outputGradient: Matrix) throws -> (Matrix, Matrix) {
        try checkGradient(outputGradient, rows: lastInput?.rows)
        let input = lastInput!, k = self.k, width = outputSize
        var product = Matrix(zeros: input.rows, 2 * k)
        for r in 0..<input.rows {
            for c in 0..<(2 * k) { product.elements[r * 2 * k + c] = outputGradient.elements[r * width + c] }
            for j in 0..<(k - 1) {
                strengths.gradient[j] += outputGradient.elements[r * width + 2 * k + j] * QubitEncoding.angle(input[r, feature(j)])
            }
        }
        return (product, input)
    }
}

import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// A learned orthogonal mixing of the input features: stages of disjoint Givens rotations in a
/// butterfly pattern. Stage s rotates every pair (i, i + s_stride) with ⌊i / stride⌋ even and
/// i + stride < d by its own angle θ: (x_i, x_j) ↦ (c x_i − s x_j, s x_i + c x_j). With strides
/// 1, 2, 4, …, every output feature depends on up to 2^stages inputs, for one stored angle per
/// pair — about d/2 numbers per stage.
///
/// In front of the quantum-inspired head it lets information cross positions (the head folds
/// only features j, j + k, j + 2k, … into output qubit j). Angles start at 0 (the identity), so
/// an untrained mixing leaves the head unchanged.
///
/// Backward needs no stored activations: each stage is orthogonal, so its input is recovered
/// from its output by the transposed rotation.
public final class GivensMixing: Layer {
    /// The feature count d.
    public let width: Int
    /// The stride of every stage, in order.
    public let strides: [Int]
    /// One angle per rotation, stage-major.
    public let angles: ParameterTensor
    private let first: [Int32], second: [Int32], stageStarts: [Int]
    private var lastOutput: Matrix?

    /// Creates the mixing with all angles 0.
    /// - Throws: `HeadError.invalidArgument` for a width below 2 or a stride outside 1…d−1.
    public init(width: Int, strides: [Int], name: String = "mix") throws {
        guard width >= 2, strides.allSatisfy({ (1..<width).contains($0) }) else {
            throw HeadError.invalidArgument("Givens mixing needs d ≥ 2 and strides in 1…d−1, got d = \(width), strides \(strides)")
        }
        var a: [Int32] = [], b: [Int32] = [], starts = [0]
        for s in strides {
            for i in 0..<width where (i / s) % 2 == 0 && i + s < width {
                a.append(Int32(i))
                b.append(Int32(i + s))
            }
            starts.append(a.count)
        }
        self.width = width
        self.strides = strides
        first = a
        second = b
        stageStarts = starts
        angles = ParameterTensor(name: name + ".theta", shape: [a.count], values: [Double](repeating: 0, count: a.count))
    }

    /// The butterfly strides 1, 2, 4, … below d, then 1, 2, 4, … again until `stages` stages.
    public static func butterflyStrides(width: Int, stages: Int) -> [Int] {
        var powers: [Int] = []
        var s = 1
        while s < width { powers.append(s); s *= 2 }
        guard !powers.isEmpty else { return [] }
        return (0..<max(stages, 0)).map { powers[$0 % powers.count] }
    }

    public var inputSize: Int { width }
    public var outputSize: Int { width }
    public var parameters: [ParameterTensor] { [angles] }
    public var specifications: [LayerSpec] { [.dense(input: width, output: width)] }

    public func forward(_ input: Matrix) throws -> Matrix {
        guard input.columns == width else {
            throw HeadError.dimensionMismatch("the mixing takes \(width) features, got \(input.columns)")
        }
        var output = input
        let (c, s) = cosinesAndSines()
        output.elements.withUnsafeMutableBufferPointer { y in
            for r in 0..<input.rows {
                let row = y.baseAddress! + r * width
                for p in 0..<first.count {
                    let i = Int(first[p]), j = Int(second[p])
                    let xi = row[i], xj = row[j]
                    row[i] = c[p] * xi - s[p] * xj
                    row[j] = s[p] * xi + c[p] * xj
                }
            }
        }
        lastOutput = output
        return output
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        try checkGradient(outputGradient, rows: lastOutput?.rows)
        var y = lastOutput!
        var g = outputGradient
        let (c, s) = cosinesAndSines()
        var dTheta = [Double](repeating: 0, count: first.count)
        y.elements.withUnsafeMutableBufferPointer { yb in
            g.elements.withUnsafeMutableBufferPointer { gb in
                for r in 0..<outputGradient.rows {
                    let yr = yb.baseAddress! + r * width, gr = gb.baseAddress! + r * width
                    for p in stride(from: first.count - 1, through: 0, by: -1) {
                        let i = Int(first[p]), j = Int(second[p])
                        let yi = yr[i], yj = yr[j], gi = gr[i], gj = gr[j]
                        dTheta[p] += gj * yi - gi * yj
                        // Back to this rotation's input, and its gradient: Rᵀ.
                        yr[i] = c[p] * yi + s[p] * yj
                        yr[j] = -s[p] * yi + c[p] * yj
                        gr[i] = c[p] * gi + s[p] * gj
                        gr[j] = -s[p] * gi + c[p] * gj
                    }
                }
            }
        }
        for p in 0..<dTheta.count { angles.gradient[p] += dTheta[p] }
        return g
    }

    private func cosinesAndSines() -> ([Double], [Double]) {
        (angles.values.map { Foundation.cos($0) }, angles.values.map { Foundation.sin($0) })
    }
}

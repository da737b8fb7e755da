import Foundation

/// log-fidelity of two product states in the head's output layout, smoothed at orthogonal
/// pairs: s(p, q) = Σ_k log(o_k² + ε) with o_k = p_k0 q_k0 + p_k1 q_k1, so that
/// e^s → F(p, q) = Π_k o_k² as ε → 0. It ranks as the fidelity does (up to ε) and, unlike F,
/// keeps a useful gradient when F is tiny: ∂s/∂p_k = 2 o_k / (o_k² + ε) · q_k. The
/// distillation trainer uses it as the student's logit.
public struct LogFidelitySimilarity: PairSimilarity {
    /// ε, the smoothing of orthogonal pairs.
    public let epsilon: Double

    /// Creates the similarity.
    public init(epsilon: Double = 1e-9) { self.epsilon = epsilon }

    public func value(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for k in 0..<(a.count / 2) {
            let o = a[2 * k] * b[2 * k] + a[2 * k + 1] * b[2 * k + 1]
            s += Foundation.log(o * o + epsilon)
        }
        return s
    }

    public func accumulateGradient(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, scale g: Double,
                                   gradientA: UnsafeMutableBufferPointer<Double>, gradientB: UnsafeMutableBufferPointer<Double>) {
        for k in 0..<(a.count / 2) {
            let o = a[2 * k] * b[2 * k] + a[2 * k + 1] * b[2 * k + 1]
            let d = g * 2 * o / (o * o + epsilon)
            gradientA[2 * k] += d * b[2 * k]
            gradientA[2 * k + 1] += d * b[2 * k + 1]
            gradientB[2 * k] += d * a[2 * k]
            gradientB[2 * k + 1] += d * a[2 * k + 1]
        }
    }
}

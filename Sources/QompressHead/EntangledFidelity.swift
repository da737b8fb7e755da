import Foundation

/// The fidelity of two entangled head states, contracted exactly as a bond-dimension-2 MPS.
///
/// A row in the `EntangledHead` layout holds k real output qubits (a_j0, a_j1) and k − 1
/// phases φ_j; its state is |ψ⟩ = Π_j RZZ_{j,j+1}(φ_j) ⊗_j |a_j⟩ with RZZ(φ) = e^{−iφ Z⊗Z/2}.
/// Because the ladder is diagonal, ⟨ψ_a|ψ_b⟩ = Σ_s Π_j a_j(s_j) b_j(s_j) · e^{−i Σ_j Δ_j σ_j σ_{j+1}}
/// with Δ_j = (φ^b_j − φ^a_j)/2 and σ = ±1, a chain of 2 × 2 transfer steps: O(k) per pair.
/// `logarithmic` returns log(|⟨ψ_a|ψ_b⟩|² + ε) (the distillation student's logit, ranked as
/// the fidelity); otherwise |⟨ψ_a|ψ_b⟩|². Gradients are the reverse of the transfer chain.
public struct EntangledFidelity: PairSimilarity {
    /// Whether `value` is log(F + ε) instead of F.
    public let logarithmic: Bool
    /// ε of the logarithm.
    public let epsilon: Double

    /// Creates the similarity.
    public init(logarithmic: Bool = false, epsilon: Double = 1e-300) {
        self.logarithmic = logarithmic
        self.epsilon = epsilon
    }

    /// k for a row of `width` = 3k − 1 values.
    static func qubits(width: Int) -> Int { (width + 1) / 3 }

    public func value(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        let (re, im) = Self.overlap(a, b, trail: nil)
        let f = re * re + im * im
        return logarithmic ? Foundation.log(f + epsilon) : f
    }

    public func rankingScore(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        let (re, im) = Self.overlap(a, b, trail: nil)
        return Foundation.log(re * re + im * im + 1e-300)
    }

    /// ⟨ψ_a|ψ_b⟩, optionally recording v_j (2 complex values per qubit) for the reverse pass.
    static func overlap(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>,
                        trail: UnsafeMutablePointer<Double>?) -> (Double, Double) {
        let k = qubits(width: a.count)
        guard k >= 1 else { return (1, 0) }
        // v(s) for s = 0, 1 as (re, im).
        var v0r = a[0] * b[0], v0i = 0.0, v1r = a[1] * b[1], v1i = 0.0
        trail?[0] = v0r; trail?[1] = v0i; trail?[2] = v1r; trail?[3] = v1i
        for j in 0..<(k - 1) {
            let delta = (b[2 * k + j] - a[2 * k + j]) / 2
            let c = Foundation.cos(delta), s = Foundation.sin(delta)
            // E(s, s') = e^{−iΔσσ'}: equal spins e^{−iΔ} = c − i s, opposite spins e^{iΔ} = c + i s.
            let u0r = (v0r * c + v0i * s) + (v1r * c - v1i * s), u0i = (v0i * c - v0r * s) + (v1i * c + v1r * s)
            let u1r = (v0r * c - v0i * s) + (v1r * c + v1i * s), u1i = (v0i * c + v0r * s) + (v1i * c - v1r * s)
            let w0 = a[2 * (j + 1)] * b[2 * (j + 1)], w1 = a[2 * (j + 1) + 1] * b[2 * (j + 1) + 1]
            v0r = w0 * u0r; v0i = w0 * u0i; v1r = w1 * u1r; v1i = w1 * u1i
            if let t = trail { let o = 4 * (j + 1); t[o] = v0r; t[o + 1] = v0i; t[o + 2] = v1r; t[o + 3] = v1i }
        }
        return (v0r + v1r, v0i + v1i)
    }

    public func accumulateGradient(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, scale g: Double,
                                   gradientA: UnsafeMutableBufferPointer<Double>, gradientB: UnsafeMutableBufferPointer<Double>) {
        let k = Self.qubits(width: a.count)
        guard k >= 1 else { return }
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * k) { trail in
            let t = trail.baseAddress!
            let (re, im) = Self.overlap(a, b, trail: t)
            let f = re * re + im * im
            // Ā = dL/dF · 2A in the convention dL = Re(conj(z̄) dz).
            let dF = g * (logarithmic ? 1 / (f + epsilon) : 1)
            var b0r = 2 * dF * re, b0i = 2 * dF * im, b1r = b0r, b1i = b0i   // v̄_{k−1}(s)
            for j in stride(from: k - 2, through: 0, by: -1) {
                let q = j + 1
                // v_q = w_q u_q: ū = w v̄, w̄ = Re(conj(v̄) u) with u = v_q / w_q recomputed below.
                let w0 = a[2 * q] * b[2 * q], w1 = a[2 * q + 1] * b[2 * q + 1]
                let o = 4 * j
                let p0r = t[o], p0i = t[o + 1], p1r = t[o + 2], p1i = t[o + 3]   // v_j
                let delta = (b[2 * k + j] - a[2 * k + j]) / 2
                let c = Foundation.cos(delta), s = Foundation.sin(delta)
                let u0r = (p0r * c + p0i * s) + (p1r * c - p1i * s), u0i = (p0i * c - p0r * s) + (p1i * c + p1r * s)
                let u1r = (p0r * c - p0i * s) + (p1r * c + p1i * s), u1i = (p0i * c + p0r * s) + (p1i * c - p1r * s)
                let w0bar = b0r * u0r + b0i * u0i, w1bar = b1r * u1r + b1i * u1i
                gradientA[2 * q] += w0bar * b[2 * q]; gradientB[2 * q] += w0bar * a[2 * q]
                gradientA[2 * q + 1] += w1bar * b[2 * q + 1]; gradientB[2 * q + 1] += w1bar * a[2 * q + 1]
                let ub0r = w0 * b0r, ub0i = w0 * b0i, ub1r = w1 * b1r, ub1i = w1 * b1i
                // Δ̄ = Σ_{s,s'} Re(conj(ū(s')) v(s) E(s,s') (−iσσ')); −i·e^{∓iΔ}·(±1).
                func term(_ ur: Double, _ ui: Double, _ vr: Double, _ vi: Double, equal: Bool) -> Double {
                    // z = v · E · (−iσσ'); equal spins: E = c − is, σσ' = 1; opposite: E = c + is, σσ' = −1.
                    let er = c, ei = equal ? -s : s
                    let zr0 = vr * er - vi * ei, zi0 = vr * ei + vi * er
                    let sign = equal ? 1.0 : -1.0
                    let zr = sign * zi0, zi = -sign * zr0            // multiply by −i·sign
                    return ur * zr + ui * zi                         // Re(conj(ū) z)
                }
                let deltaBar = term(ub0r, ub0i, p0r, p0i, equal: true) + term(ub0r, ub0i, p1r, p1i, equal: false)
                    + term(ub1r, ub1i, p0r, p0i, equal: false) + term(ub1r, ub1i, p1r, p1i, equal: true)
                gradientA[2 * k + j] -= deltaBar / 2
                gradientB[2 * k + j] += deltaBar / 2
                // v̄_j(s) = Σ_s' conj(E(s, s')) ū(s'): conj(c − is) = c + is for equal spins.
                let n0r = (ub0r * c - ub0i * s) + (ub1r * c + ub1i * s), n0i = (ub0i * c + ub0r * s) + (ub1i * c - ub1r * s)
                let n1r = (ub0r * c + ub0i * s) + (ub1r * c - ub1i * s), n1i = (ub0i * c - ub0r * s) + (ub1i * c + ub1r * s)
                b0r = n0r; b0i = n0i; b1r = n1r; b1i = n1i
            }
            // v_0 = w_0 (real): w̄_0 = Re(v̄_0).
            gradientA[0] += b0r * b[0]; gradientB[0] += b0r * a[0]
            gradientA[1] += b1r * b[1]; gradientB[1] += b1r * a[1]
        }
    }
}

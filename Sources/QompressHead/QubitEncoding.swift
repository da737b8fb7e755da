import Foundation
import QompressCore

/// The head's parameter-free encoding: feature x_j becomes one qubit
/// cos(θ_j/2)|0⟩ + e^{iφ} sin(θ_j/2)|1⟩ with θ_j = π/2 · (tanh(x_j) + 1).
///
/// φ is the constant π (the reading of the paper's public code that the peer benchmark
/// `w6_qi_head.py` also uses). Because φ is the same for every feature and every input, it
/// does not change the fidelity of two raw encodings, Π cos²((θ_j − θ'_j)/2); it does change
/// what the trainable gates see. With φ = π the amplitudes are real, (cos θ/2, −sin θ/2),
/// which the fast path exploits.
public enum QubitEncoding {
    /// The relative phase φ of every encoded qubit.
    public static let phase = Double.pi

    /// θ = π/2 · (tanh(x) + 1), in (0, π).
    @inlinable
    public static func angle(_ x: Double) -> Double { .pi / 2 * (Foundation.tanh(x) + 1) }

    /// The real amplitudes (cos θ/2, cos φ · sin θ/2) of the encoded qubit (sin φ = 0 for φ = π).
    @inlinable
    public static func amplitudes(_ x: Double) -> (Double, Double) {
        let half = angle(x) / 2
        return (Foundation.cos(half), -Foundation.sin(half))
    }

    /// The encoded qubit as a `QubitState` (for the backend path).
    /// - Throws: `SimulationError.invalidArgument` for a non-finite feature.
    public static func qubitState(_ x: Double) throws -> QubitState {
        try QubitState(theta: angle(x), phi: phase)
    }

    /// The amplitudes of a whole row and their derivatives d(amplitude)/dx, written to
    /// `amplitudes` and `derivatives` as interleaved pairs (2 · row count values each).
    ///
    /// The batched path avoids libm calls so the loop vectorises: tanh through an exp with a
    /// degree-13 polynomial (|x| is clamped at 20, where tanh is 1 to double precision), and
    /// with u = π/4 · tanh(x), cos(θ/2) = (cos u − sin u)/√2 and sin(θ/2) = (cos u + sin u)/√2 from
    /// Taylor polynomials on |u| ≤ π/4 (truncation below 5e-17). Agreement with `amplitudes(_:)`
    /// is tested to 1e-14.
    @inlinable
    static func encode(_ row: UnsafePointer<Double>, count: Int, amplitudes: UnsafeMutablePointer<Double>,
                       derivatives: UnsafeMutablePointer<Double>?) {
        var j = 0
        while j + 4 <= count {
            let x = SIMD4<Double>(row[j], row[j + 1], row[j + 2], row[j + 3])
            let (c, s, d) = encodeLanes(x)
            for l in 0..<4 {
                amplitudes[2 * (j + l)] = c[l]
                amplitudes[2 * (j + l) + 1] = -s[l]
            }
            if let derivatives {
                for l in 0..<4 {
                    derivatives[2 * (j + l)] = -s[l] * d[l]
                    derivatives[2 * (j + l) + 1] = -c[l] * d[l]
                }
            }
            j += 4
        }
        while j < count {
            let (c, s, d) = encodeLanes(SIMD4<Double>(repeating: row[j]))
            amplitudes[2 * j] = c[0]
            amplitudes[2 * j + 1] = -s[0]
            if let derivatives {
                derivatives[2 * j] = -s[0] * d[0]
                derivatives[2 * j + 1] = -c[0] * d[0]
            }
            j += 1
        }
    }

    /// cos(θ/2), sin(θ/2) and dθ/2/dx for four features at once.
    @inlinable @inline(__always)
    static func encodeLanes(_ x: SIMD4<Double>) -> (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>) {
        let t = fastTanh(x)
        let u = Double.pi / 4 * t, u2 = u * u
        // sin u = u (1 − u²/3! + u⁴/5! − …) to u¹⁵; cos u to u¹⁶ (remainders below 5e-17).
        var sp = SIMD4<Double>(repeating: -1.0 / 1307674368000.0)
        sp = sp * u2 + 1.0 / 6227020800.0
        sp = sp * u2 - 1.0 / 39916800.0
        sp = sp * u2 + 1.0 / 362880.0
        sp = sp * u2 - 1.0 / 5040.0
        sp = sp * u2 + 1.0 / 120.0
        sp = sp * u2 - 1.0 / 6.0
        let sinU = u + u * u2 * sp
        var cp = SIMD4<Double>(repeating: 1.0 / 20922789888000.0)
        cp = cp * u2 - 1.0 / 87178291200.0
        cp = cp * u2 + 1.0 / 479001600.0
        cp = cp * u2 - 1.0 / 3628800.0
        cp = cp * u2 + 1.0 / 40320.0
        cp = cp * u2 - 1.0 / 720.0
        cp = cp * u2 + 1.0 / 24.0
        cp = cp * u2 - 0.5
        let cosU = 1 + u2 * cp
        let invSqrt2 = 0.7071067811865475244
        return ((cosU - sinU) * invSqrt2, (cosU + sinU) * invSqrt2, Double.pi / 4 * (1 - t * t))
    }

    /// tanh(x) = 1 − 2 / (e^{2x} + 1) lane-wise, with a call-free exp (absolute error about 1e-16).
    @inlinable @inline(__always)
    static func fastTanh(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let y = 2 * x.clamped(lowerBound: SIMD4(repeating: -20), upperBound: SIMD4(repeating: 20))
        // e^y = 2^n · e^r with n = round(y / ln 2), |r| ≤ ln2 / 2; rounding by the 1.5 · 2^52 trick.
        let magic = SIMD4<Double>(repeating: 6755399441055744.0)
        let magicBits = (6755399441055744.0).bitPattern
        let n = (y * 1.4426950408889634 + magic) - magic
        let r = (y - n * 0.6931471803691238) - n * 1.9082149292705877e-10
        var p = SIMD4<Double>(repeating: 1.0 / 6227020800.0)
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        // The low bits of n + 1.5 · 2^52 are 2^51 + n: rebuild 2^n's exponent field from them.
        let bits = unsafeBitCast(n + magic, to: SIMD4<UInt64>.self) &- SIMD4(repeating: magicBits) &+ 1023
        let scale = unsafeBitCast(bits &<< 52, to: SIMD4<Double>.self)
        return 1 - 2 / (p * scale + 1)
    }

    /// The fidelity of two raw encodings, Π_j cos²((θ_j − θ'_j)/2), in closed form.
    /// - Throws: `HeadError.dimensionMismatch` for rows of different length.
    public static func rawFidelity(_ x: [Double], _ y: [Double]) throws -> Double {
        guard x.count == y.count else {
            throw HeadError.dimensionMismatch("cannot compare encodings of \(x.count) and \(y.count) features")
        }
        var f = 1.0
        for j in 0..<x.count {
            let c = Foundation.cos((angle(x[j]) - angle(y[j])) / 2)
            f *= c * c
        }
        return f
    }
}

extension QubitEncoding {
    /// The batched path's amplitudes of a row, interleaved (for tests and tools).
    public static func batchedAmplitudes(_ row: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: 2 * row.count)
        row.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { o in encode(x.baseAddress!, count: row.count, amplitudes: o.baseAddress!, derivatives: nil) }
        }
        return out
    }
}

extension QubitEncoding {
    /// The fast path's (S, C, w) for one feature: S = sin(π/2 · tanh x), C = cos(π/2 · tanh x),
    /// w = 1 / (e^{2x} + 1), from the vector kernel (for tests).
    public static func vectorEncodingForTesting(_ x: Double) -> (sine: Double, cosine: Double, weight: Double) {
        let (s, c, w) = EncodingLanes.encode(EncodingLanes.Lanes(repeating: x))
        return (s[0], c[0], w[0])
    }
}

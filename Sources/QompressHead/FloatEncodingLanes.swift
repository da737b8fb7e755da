#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// `EncodingLanes` in single precision on sixteen lanes: the encoding of sixteen features at
/// once for the `float32` fast path (`FloatHeadKernel`).
///
/// The same quantities as `EncodingLanes` — S = sin v, C = cos v and w = 1 / (e^{2x} + 1) with
/// v = π/2 · tanh x — from polynomials sized for single precision: e^r on |r| ≤ ln 2 / 2 by
/// Cephes' degree-7 `expf` polynomial after reduction by ln 2 (|2x| clamped at 40), sin v =
/// v · P₄(v²) and cos v = Q₅(v²) on |v| ≤ π/2 (least-squares fits at Chebyshev nodes, maximum
/// errors 7e-9 and 2e-10, below single precision's 6e-8), in Estrin's scheme. Sixteen floats
/// occupy the four SSE2 registers that eight doubles do, so each instruction does twice the work.
enum FloatEncodingLanes {
    /// Sixteen floats.
    typealias Lanes = SIMD16<Float>

    /// S = sin(π/2 · tanh x), C = cos(π/2 · tanh x) and w = 1 / (e^{2x} + 1), lane-wise.
    @inline(__always)
    static func encode(_ x: Lanes) -> (sine: Lanes, cosine: Lanes, weight: Lanes) {
        let y = clamped(x + x, lowerBound: -40, upperBound: 40)
        // e^y = 2^n · e^r, n = round(y / ln 2) by the 1.5 · 2^23 trick, |r| ≤ ln 2 / 2.
        let magic = Lanes(repeating: 12582912)
        let shifted = y * 1.44269504088896341 + magic
        let n = shifted - magic
        let r = (y - n * 0.693359375) + n * 2.12194440e-4
        let r2 = r * r, r4 = r2 * r2
        let q01 = 5.0000001201e-1 + 1.6666665459e-1 * r, q23 = 4.1665795894e-2 + 8.3334519073e-3 * r
        let q45 = 1.3981999507e-3 + 1.9875691500e-4 * r
        let p = (1 + r) + r2 * ((q01 + q23 * r2) + q45 * r4)
        // The low bits of n + 1.5 · 2^23 hold 2^22 + n: rebuild 2^n's exponent field from them.
        let bits = unsafeBitCast(shifted, to: SIMD16<UInt32>.self) &- Float(12582912).bitPattern &+ 127
        let scale = unsafeBitCast(bits &<< 23, to: Lanes.self)
        let w = 1 / (p * scale + 1)
        let v = (Float.pi / 2) * (1 - 2 * w)
        let v2 = v * v
        let v4 = v2 * v2, v8 = v4 * v4
        let s01 = 0.9999999957158408 - 0.1666665796990469 * v2, s23 = 0.00833305061732785 - 0.00019809046357431896 * v2
        let s = (s01 + s23 * v4) + 2.605166275887014e-06 * v8
        let c01 = 0.9999999997799092 - 0.49999999356956987 * v2, c23 = 0.041666636208934224 - 0.0013888360842571337 * v2
        let c45 = 2.4760135517595047e-05 - 2.605107638622706e-07 * v2
        let c = (c01 + c23 * v4) + c45 * v8
        return (s * v, c, w)
    }

    /// dv/dx = 2π · w(1 − w) from the `weight` that `encode` returns.
    @inline(__always)
    static func angleDerivative(weight w: Lanes) -> Lanes { (2 * Float.pi) * w * (1 - w) }

    /// Lane-wise square root (the argument is non-negative where it is used): SSE `sqrtps` on
    /// x86-64, one lane at a time elsewhere.
    @inline(__always)
    static func squareRoot(_ v: Lanes) -> Lanes {
        #if arch(x86_64)
        return quarterwise(v) { _mm_sqrt_ps($0) }
        #else
        var r = Lanes()
        for l in 0..<Lanes.scalarCount { r[l] = v[l].squareRoot() }
        return r
        #endif
    }

    /// Lane-wise max(lowerBound, min(upperBound, v)); NaN lanes stay NaN. SSE `minps`/`maxps`
    /// on x86-64.
    @inline(__always)
    static func clamped(_ v: Lanes, lowerBound: Float, upperBound: Float) -> Lanes {
        #if arch(x86_64)
        let lo = SIMD4(repeating: lowerBound), hi = SIMD4(repeating: upperBound)
        // minps/maxps return their second operand when either is NaN.
        return quarterwise(v) { _mm_max_ps(lo, _mm_min_ps(hi, $0)) }
        #else
        var r = v
        r.replace(with: lowerBound, where: r .< lowerBound)
        r.replace(with: upperBound, where: r .> upperBound)
        return r
        #endif
    }

    #if arch(x86_64)
    /// Applies a four-lane SSE operation to each quarter of `v`.
    @inline(__always)
    private static func quarterwise(_ v: Lanes, _ operation: (SIMD4<Float>) -> SIMD4<Float>) -> Lanes {
        Lanes(lowHalf: SIMD8(lowHalf: operation(v.lowHalf.lowHalf), highHalf: operation(v.lowHalf.highHalf)),
              highHalf: SIMD8(lowHalf: operation(v.highHalf.lowHalf), highHalf: operation(v.highHalf.highHalf)))
    }
    #endif

    /// The first `count` (1…16) doubles at `pointer`, rounded to floats, zeros in the other lanes.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Double>, count: Int) -> Lanes {
        if count == Lanes.scalarCount { return Lanes(UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Double>.self)) }
        var v = Lanes()
        for l in 0..<count { v[l] = Float(pointer[l]) }
        return v
    }

    /// Writes the first `count` (1…16) lanes of `v`, widened to doubles, to `pointer`.
    @inline(__always)
    static func store(_ v: Lanes, to pointer: UnsafeMutablePointer<Double>, count: Int) {
        if count == Lanes.scalarCount {
            UnsafeMutableRawPointer(pointer).storeBytes(of: SIMD16<Double>(v), as: SIMD16<Double>.self)
        } else {
            for l in 0..<count { pointer[l] = Double(v[l]) }
        }
    }

    /// Writes (a[0], b[0], a[1], b[1], …), widened to doubles, for the first `count` lanes.
    @inline(__always)
    static func storeInterleaved(_ a: Lanes, _ b: Lanes, to pointer: UnsafeMutablePointer<Double>, count: Int) {
        if count == Lanes.scalarCount {
            let da = SIMD16<Double>(a), db = SIMD16<Double>(b)
            let raw = UnsafeMutableRawPointer(pointer)
            for i in 0..<8 {
                raw.storeBytes(of: SIMD4(da[2 * i], db[2 * i], da[2 * i + 1], db[2 * i + 1]), toByteOffset: 32 * i,
                               as: SIMD4<Double>.self)
            }
        } else {
            for l in 0..<count {
                pointer[2 * l] = Double(a[l])
                pointer[2 * l + 1] = Double(b[l])
            }
        }
    }

    /// Reads pairs (a[0], b[0], a[1], b[1], …) of doubles, rounded to floats, for the first
    /// `count` lanes, zeros elsewhere.
    @inline(__always)
    static func loadInterleaved(_ pointer: UnsafePointer<Double>, count: Int) -> (Lanes, Lanes) {
        var a = Lanes(), b = Lanes()
        if count == Lanes.scalarCount {
            let raw = UnsafeRawPointer(pointer)
            let lo = raw.loadUnaligned(as: SIMD16<Double>.self), hi = raw.loadUnaligned(fromByteOffset: 128, as: SIMD16<Double>.self)
            let evens = SIMD16<Double>(lo[0], lo[2], lo[4], lo[6], lo[8], lo[10], lo[12], lo[14],
                                       hi[0], hi[2], hi[4], hi[6], hi[8], hi[10], hi[12], hi[14])
            let odds = SIMD16<Double>(lo[1], lo[3], lo[5], lo[7], lo[9], lo[11], lo[13], lo[15],
                                      hi[1], hi[3], hi[5], hi[7], hi[9], hi[11], hi[13], hi[15])
            return (Lanes(evens), Lanes(odds))
        }
        for l in 0..<count {
            a[l] = Float(pointer[2 * l])
            b[l] = Float(pointer[2 * l + 1])
        }
        return (a, b)
    }
}

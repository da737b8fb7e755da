#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The encoding of eight features at once, in the form the fast path consumes.
///
/// For a feature x with t = tanh(x) and v = π/2 · t (so θ = v + π/2), the encoded qubit
/// (cos θ/2, −sin θ/2) enters every block only through its quadratic terms
/// a0² = (1 − S)/2, a1² = (1 + S)/2 and a0·a1 = −C/2 with S = sin v and C = cos v. The kernel
/// therefore needs S, C and, for input gradients, dv/dx = π/2 · (1 − t²) = 2π · w(1 − w) with
/// w = 1 / (e^{2x} + 1).
///
/// Everything is call-free SIMD8 arithmetic so that the loops stay in vector registers on
/// baseline x86-64 (SSE2, no FMA): e^{2x} from a degree-9 polynomial after reduction by ln 2
/// (|x| clamped at 20, where tanh is ±1 to double precision), sin v = v · P₇(v²) and
/// cos v = Q₇(v²) on |v| ≤ π/2. The polynomials are near-minimax fits (Chebyshev nodes) with
/// maximum errors of 2e-14 (exp, relative), 3e-16 (sin) and 2e-15 (cos), inside the 1e-13
/// budget of the fast path (tested against libm). Without FMA the kernel is bound by
/// instruction count and latency, so the polynomials are evaluated in Estrin's scheme (short
/// dependency chains) and eight lanes (four SSE2 registers) are in flight at once.
enum EncodingLanes {
    /// Eight doubles.
    typealias Lanes = SIMD8<Double>

    /// S = sin(π/2 · tanh x), C = cos(π/2 · tanh x) and w = 1 / (e^{2x} + 1), lane-wise.
    @inline(__always)
    static func encode(_ x: Lanes) -> (sine: Lanes, cosine: Lanes, weight: Lanes) {
        let y = clamped(x + x, lowerBound: -40, upperBound: 40)
        // e^y = 2^n · e^r, n = round(y / ln 2) by the 1.5 · 2^52 trick, |r| ≤ ln 2 / 2.
        let magic = Lanes(repeating: 6755399441055744.0)
        let shifted = y * 1.4426950408889634 + magic
        let n = shifted - magic
        let r = (y - n * 0.6931471803691238) - n * 1.9082149292705877e-10
        let r2 = r * r, r4 = r2 * r2
        let e01 = 1.0000000000000135 + 1.0000000000000067 * r, e23 = 0.4999999999943851 + 0.16666666666554392 * r
        let e45 = 0.041666667040585935 + 0.008333333385671316 * r, e67 = 0.001388880174512402 + 0.0001984117026651832 * r
        let e89 = 2.488446163856036e-05 + 2.7640182247362188e-06 * r
        let p = (e01 + e23 * r2) + ((e45 + e67 * r2) + e89 * r4) * r4
        // The low bits of n + 1.5 · 2^52 hold 2^51 + n: rebuild 2^n's exponent field from them.
        let bits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self) &- (6755399441055744.0).bitPattern &+ 1023
        let scale = unsafeBitCast(bits &<< 52, to: Lanes.self)
        let w = 1 / (p * scale + 1)
        let v = (Double.pi / 2) * (1 - 2 * w)
        let v2 = v * v
        let v4 = v2 * v2, v8 = v4 * v4
        let s01 = 0.9999999999999999 - 0.16666666666666075 * v2, s23 = 0.00833333333328281 - 0.00019841269824874831 * v2
        let s45 = 2.7557316610571367e-06 - 2.505188203572492e-08 * v2, s67 = 1.6048170941500553e-10 - 7.37441787774225e-13 * v2
        let s = (s01 + s23 * v4) + (s45 + s67 * v4) * v8
        let c01 = 0.9999999999999981 - 0.4999999999998995 * v2, c23 = 0.04166666666581074 - 0.0013888888861111688 * v2
        let c45 = 2.480158287320991e-05 - 2.755693560018608e-07 * v2, c67 = 2.0858322991862846e-09 - 1.1008014104749214e-11 * v2
        let c = (c01 + c23 * v4) + (c45 + c67 * v4) * v8
        return (s * v, c, w)
    }

    /// dv/dx = 2π · w(1 − w) from the `weight` that `encode` returns.
    @inline(__always)
    static func angleDerivative(weight w: Lanes) -> Lanes { (2 * Double.pi) * w * (1 - w) }

    /// Lane-wise square root (the argument is non-negative where it is used): SSE2 `sqrtpd` on
    /// x86-64 (part of the baseline instruction set), one lane at a time elsewhere.
    @inline(__always)
    static func squareRoot(_ v: Lanes) -> Lanes {
        #if arch(x86_64)
        return pairwise(v) { _mm_sqrt_pd($0) }
        #else
        var r = Lanes()
        for l in 0..<Lanes.scalarCount { r[l] = v[l].squareRoot() }
        return r
        #endif
    }

    /// Lane-wise max(lowerBound, min(upperBound, v)); NaN lanes stay NaN. SSE2 `minpd`/`maxpd`
    /// on x86-64 (the standard library's `clamped` is an out-of-line scalar loop).
    @inline(__always)
    static func clamped(_ v: Lanes, lowerBound: Double, upperBound: Double) -> Lanes {
        #if arch(x86_64)
        let lo = SIMD2(repeating: lowerBound), hi = SIMD2(repeating: upperBound)
        // minpd/maxpd return their second operand when either is NaN.
        return pairwise(v) { _mm_max_pd(lo, _mm_min_pd(hi, $0)) }
        #else
        var r = v
        r.replace(with: lowerBound, where: r .< lowerBound)
        r.replace(with: upperBound, where: r .> upperBound)
        return r
        #endif
    }

    #if arch(x86_64)
    /// Applies a two-lane SSE2 operation to each quarter of `v`.
    @inline(__always)
    private static func pairwise(_ v: Lanes, _ operation: (SIMD2<Double>) -> SIMD2<Double>) -> Lanes {
        Lanes(lowHalf: SIMD4(lowHalf: operation(v.lowHalf.lowHalf), highHalf: operation(v.lowHalf.highHalf)),
              highHalf: SIMD4(lowHalf: operation(v.highHalf.lowHalf), highHalf: operation(v.highHalf.highHalf)))
    }
    #endif

    /// The first `count` (1…8) doubles at `pointer`, zeros in the other lanes.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Double>, count: Int) -> Lanes {
        if count == Lanes.scalarCount { return UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self) }
        var v = Lanes()
        for l in 0..<count { v[l] = pointer[l] }
        return v
    }

    /// Writes the first `count` (1…8) lanes of `v` to `pointer`.
    @inline(__always)
    static func store(_ v: Lanes, to pointer: UnsafeMutablePointer<Double>, count: Int) {
        if count == Lanes.scalarCount {
            UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: Lanes.self)
        } else {
            for l in 0..<count { pointer[l] = v[l] }
        }
    }

    /// Writes (a[0], b[0], a[1], b[1], …) for the first `count` lanes.
    @inline(__always)
    static func storeInterleaved(_ a: Lanes, _ b: Lanes, to pointer: UnsafeMutablePointer<Double>, count: Int) {
        if count == Lanes.scalarCount {
            let raw = UnsafeMutableRawPointer(pointer)
            raw.storeBytes(of: SIMD4(a[0], b[0], a[1], b[1]), as: SIMD4<Double>.self)
            raw.storeBytes(of: SIMD4(a[2], b[2], a[3], b[3]), toByteOffset: 32, as: SIMD4<Double>.self)
            raw.storeBytes(of: SIMD4(a[4], b[4], a[5], b[5]), toByteOffset: 64, as: SIMD4<Double>.self)
            raw.storeBytes(of: SIMD4(a[6], b[6], a[7], b[7]), toByteOffset: 96, as: SIMD4<Double>.self)
        } else {
            for l in 0..<count {
                pointer[2 * l] = a[l]
                pointer[2 * l + 1] = b[l]
            }
        }
    }

    /// Reads pairs (a[0], b[0], a[1], b[1], …) for the first `count` lanes, zeros elsewhere.
    @inline(__always)
    static func loadInterleaved(_ pointer: UnsafePointer<Double>, count: Int) -> (Lanes, Lanes) {
        if count == Lanes.scalarCount {
            let raw = UnsafeRawPointer(pointer)
            let lo = raw.loadUnaligned(as: Lanes.self), hi = raw.loadUnaligned(fromByteOffset: 64, as: Lanes.self)
            return (Lanes(lo[0], lo[2], lo[4], lo[6], hi[0], hi[2], hi[4], hi[6]),
                    Lanes(lo[1], lo[3], lo[5], lo[7], hi[1], hi[3], hi[5], hi[7]))
        }
        var a = Lanes(), b = Lanes()
        for l in 0..<count {
            a[l] = pointer[2 * l]
            b[l] = pointer[2 * l + 1]
        }
        return (a, b)
    }
}

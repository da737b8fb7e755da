/// The encoding of four features at once, in the form the fast path consumes.
///
/// For a feature x with t = tanh(x) and v = π/2 · t (so θ = v + π/2), the encoded qubit
/// (cos θ/2, −sin θ/2) enters every block only through its quadratic terms
/// a0² = (1 − S)/2, a1² = (1 + S)/2 and a0·a1 = −C/2 with S = sin v and C = cos v. The kernel
/// therefore needs S, C and, for input gradients, dv/dx = π/2 · (1 − t²) = 2π · w(1 − w) with
/// w = 1 / (e^{2x} + 1).
///
/// Everything is call-free SIMD4 arithmetic so that the loops stay in vector registers on
/// baseline x86-64 (SSE2, no FMA): e^{2x} from a degree-10 polynomial after reduction by ln 2
/// (|x| clamped at 20, where tanh is ±1 to double precision), sin v = v · P₇(v²) and
/// cos v = Q₈(v²) on |v| ≤ π/2. The polynomials are near-minimax fits (Chebyshev nodes) with
/// maximum errors of 5e-16 (exp, relative), 3e-16 (sin) and 2e-16 (cos), so S and C agree with
/// libm to a few ulps (tested to 1e-14).
enum EncodingLanes {
    /// Four doubles.
    typealias Lanes = SIMD4<Double>

    /// S = sin(π/2 · tanh x), C = cos(π/2 · tanh x) and w = 1 / (e^{2x} + 1), lane-wise.
    @inline(__always)
    static func encode(_ x: Lanes) -> (sine: Lanes, cosine: Lanes, weight: Lanes) {
        var y = x + x
        y.replace(with: 40, where: y .> 40)
        y.replace(with: -40, where: y .< -40)
        // e^y = 2^n · e^r, n = round(y / ln 2) by the 1.5 · 2^52 trick, |r| ≤ ln 2 / 2.
        let magic = Lanes(repeating: 6755399441055744.0)
        let shifted = y * 1.4426950408889634 + magic
        let n = shifted - magic
        let r = (y - n * 0.6931471803691238) - n * 1.9082149292705877e-10
        var p = Lanes(repeating: 2.7632640675430235e-07)
        p = p * r + 2.7640182247362188e-06
        p = p * r + 2.480148547921643e-05
        p = p * r + 0.0001984117026651832
        p = p * r + 0.0013888888952318045
        p = p * r + 0.008333333385671316
        p = p * r + 0.04166666666648808
        p = p * r + 0.16666666666554392
        p = p * r + 0.5000000000000019
        p = p * r + 1.0000000000000067
        p = p * r + 1.0
        // The low bits of n + 1.5 · 2^52 hold 2^51 + n: rebuild 2^n's exponent field from them.
        let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &- (6755399441055744.0).bitPattern &+ 1023
        let scale = unsafeBitCast(bits &<< 52, to: Lanes.self)
        let w = 1 / (p * scale + 1)
        let v = (Double.pi / 2) * (1 - 2 * w)
        let v2 = v * v
        var s = Lanes(repeating: -7.37441787774225e-13)
        s = s * v2 + 1.6048170941500553e-10
        s = s * v2 - 2.505188203572492e-08
        s = s * v2 + 2.7557316610571367e-06
        s = s * v2 - 0.00019841269824874831
        s = s * v2 + 0.00833333333328281
        s = s * v2 - 0.16666666666666075
        s = s * v2 + 0.9999999999999999
        var c = Lanes(repeating: 4.608992189914223e-14)
        c = c * v2 - 1.1462903400770852e-11
        c = c * v2 + 2.087656190004232e-09
        c = c * v2 - 2.755731639228085e-07
        c = c * v2 + 2.4801587277429444e-05
        c = c * v2 - 0.0013888888888773081
        c = c * v2 + 0.04166666666666388
        c = c * v2 - 0.4999999999999997
        c = c * v2 + 1.0
        return (s * v, c, w)
    }

    /// dv/dx = 2π · w(1 − w) from the `weight` that `encode` returns.
    @inline(__always)
    static func angleDerivative(weight w: Lanes) -> Lanes { (2 * Double.pi) * w * (1 - w) }

    /// Lane-wise square root (the argument is non-negative where it is used).
    @inline(__always)
    static func squareRoot(_ v: Lanes) -> Lanes {
        Lanes(v[0].squareRoot(), v[1].squareRoot(), v[2].squareRoot(), v[3].squareRoot())
    }

    /// The first `count` (1…4) doubles at `pointer`, zeros in the other lanes.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Double>, count: Int) -> Lanes {
        if count == 4 { return UnsafeRawPointer(pointer).loadUnaligned(as: Lanes.self) }
        var v = Lanes()
        for l in 0..<count { v[l] = pointer[l] }
        return v
    }

    /// Writes the first `count` (1…4) lanes of `v` to `pointer`.
    @inline(__always)
    static func store(_ v: Lanes, to pointer: UnsafeMutablePointer<Double>, count: Int) {
        if count == 4 {
            UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: Lanes.self)
        } else {
            for l in 0..<count { pointer[l] = v[l] }
        }
    }

    /// Writes (a[0], b[0], a[1], b[1], …) for the first `count` lanes.
    @inline(__always)
    static func storeInterleaved(_ a: Lanes, _ b: Lanes, to pointer: UnsafeMutablePointer<Double>, count: Int) {
        if count == 4 {
            let raw = UnsafeMutableRawPointer(pointer)
            raw.storeBytes(of: Lanes(a[0], b[0], a[1], b[1]), as: Lanes.self)
            raw.storeBytes(of: Lanes(a[2], b[2], a[3], b[3]), toByteOffset: 32, as: Lanes.self)
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
        if count == 4 {
            let raw = UnsafeRawPointer(pointer)
            let lo = raw.loadUnaligned(as: Lanes.self), hi = raw.loadUnaligned(fromByteOffset: 32, as: Lanes.self)
            return (Lanes(lo[0], lo[2], hi[0], hi[2]), Lanes(lo[1], lo[3], hi[1], hi[3]))
        }
        var a = Lanes(), b = Lanes()
        for l in 0..<count {
            a[l] = pointer[2 * l]
            b[l] = pointer[2 * l + 1]
        }
        return (a, b)
    }
}

import Numerics

/// How amplitudes sit in a written-out buffer: one double each (`RealLayout`, the real form) or
/// an interleaved real and imaginary pair (`ComplexLayout`). Reductions and observables are
/// written once as generic functions over a layout; the compiler specialises each for both
/// layouts, so the per-amplitude accessors inline to the loads of that form with no runtime
/// branch (a real amplitude's imaginary part is not stored and not multiplied).
protocol AmplitudeLayout {
    /// The running sum of a matrix element: `Double` in real form, real and imaginary parts in
    /// complex form.
    associatedtype ElementSum

    /// Doubles per amplitude: 1 or 2.
    static var doublesPerAmplitude: Int { get }

    /// Amplitude `i` as (real, imaginary); the imaginary part of a real amplitude is 0.
    static func amplitude(_ p: UnsafePointer<Double>, _ i: Int) -> (re: Double, im: Double)
    /// |amplitude i|².
    static func probability(_ p: UnsafePointer<Double>, _ i: Int) -> Double
    /// Multiplies amplitude `i` by the real number `d`.
    static func scale(_ p: UnsafeMutablePointer<Double>, _ i: Int, by d: Double)
    /// `result[j] += c · sign · ket[i]` (the image of amplitude i under one Pauli term).
    static func addImage(_ result: UnsafeMutablePointer<Double>, _ j: Int, of ket: UnsafePointer<Double>, _ i: Int,
                         sign: Double, times c: Complex<Double>)

    /// The sum of nothing.
    static var zeroSum: ElementSum { get }
    /// conj(bra[j]) · ket[i].
    static func conjugateProduct(bra: UnsafePointer<Double>, _ j: Int, ket: UnsafePointer<Double>, _ i: Int) -> ElementSum
    /// `sum ± term`.
    static func accumulate(_ sum: inout ElementSum, _ term: ElementSum, negated: Bool)
    /// The sum of two partial sums (in this order).
    static func combine(_ l: ElementSum, _ r: ElementSum) -> ElementSum
    /// The sum as a complex number.
    static func complex(_ sum: ElementSum) -> Complex<Double>

    /// For a single Pauli factor on qubit `q`, over the pair runs `runs`: s₁ = Σ conj(b₀)·a_x and
    /// s₂ = Σ conj(b₁)·a_y (a = ket, b = bra, pair (0, 1)), with (x, y) = (1, 0) when `crossed`
    /// (X, Y) and (0, 1) otherwise (Z). Each layout vectorises this its own way (four real
    /// amplitudes, or two complex ones, per vector), which is why it is not one generic loop.
    static func pairSums(bra: UnsafePointer<Double>, ket: UnsafePointer<Double>, qubit q: Int, runs: Range<Int>,
                         crossed: Bool) -> PauliPairSums
}

/// The two sums of a single-qubit Pauli matrix element (see `AmplitudeLayout.pairSums`).
struct PauliPairSums: Sendable {
    var s1 = Complex<Double>.zero, s2 = Complex<Double>.zero

    /// Lane-wise sum.
    static func + (l: PauliPairSums, r: PauliPairSums) -> PauliPairSums {
        PauliPairSums(s1: l.s1 + r.s1, s2: l.s2 + r.s2)
    }
}

/// The real form: `p[i]` is amplitude i.
enum RealLayout: AmplitudeLayout {
    static var doublesPerAmplitude: Int { 1 }

    @inline(__always)
    static func amplitude(_ p: UnsafePointer<Double>, _ i: Int) -> (re: Double, im: Double) { (p[i], 0) }

    @inline(__always)
    static func probability(_ p: UnsafePointer<Double>, _ i: Int) -> Double { p[i] * p[i] }

    @inline(__always)
    static func scale(_ p: UnsafeMutablePointer<Double>, _ i: Int, by d: Double) { p[i] *= d }

    @inline(__always)
    static func addImage(_ result: UnsafeMutablePointer<Double>, _ j: Int, of ket: UnsafePointer<Double>, _ i: Int,
                         sign: Double, times c: Complex<Double>) {
        result[j] += c.real * (sign * ket[i])
    }

    static var zeroSum: Double { 0 }

    @inline(__always)
    static func conjugateProduct(bra: UnsafePointer<Double>, _ j: Int, ket: UnsafePointer<Double>, _ i: Int) -> Double {
        bra[j] * ket[i]
    }

    @inline(__always)
    static func accumulate(_ sum: inout Double, _ term: Double, negated: Bool) { sum += negated ? -term : term }

    @inline(__always)
    static func combine(_ l: Double, _ r: Double) -> Double { l + r }

    @inline(__always)
    static func complex(_ sum: Double) -> Complex<Double> { Complex(sum) }

    static func pairSums(bra: UnsafePointer<Double>, ket: UnsafePointer<Double>, qubit q: Int, runs: Range<Int>,
                         crossed: Bool) -> PauliPairSums {
        let half = 1 << q
        var s1 = 0.0, s2 = 0.0
        for g in runs {
            let b0 = bra + (g << (q + 1)), b1 = b0 + half
            let k0 = ket + (g << (q + 1)), k1 = k0 + half
            let x = crossed ? k1 : k0, y = crossed ? k0 : k1
            if half >= 4 {
                var v1 = SIMD4<Double>(), v2 = SIMD4<Double>()
                for j in Swift.stride(from: 0, to: half, by: 4) {
                    v1 += UnsafeRawPointer(b0 + j).loadUnaligned(as: SIMD4<Double>.self)
                        * UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
                    v2 += UnsafeRawPointer(b1 + j).loadUnaligned(as: SIMD4<Double>.self)
                        * UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<Double>.self)
                }
                s1 += v1.sum()
                s2 += v2.sum()
                continue
            }
            for j in 0..<half {
                s1 += b0[j] * x[j]
                s2 += b1[j] * y[j]
            }
        }
        return PauliPairSums(s1: Complex(s1, 0), s2: Complex(s2, 0))
    }
}

/// The complex form: `p[2i]` and `p[2i + 1]` are the real and imaginary parts of amplitude i.
enum ComplexLayout: AmplitudeLayout {
    static var doublesPerAmplitude: Int { 2 }

    @inline(__always)
    static func amplitude(_ p: UnsafePointer<Double>, _ i: Int) -> (re: Double, im: Double) { (p[2 * i], p[2 * i + 1]) }

    @inline(__always)
    static func probability(_ p: UnsafePointer<Double>, _ i: Int) -> Double {
        let r = p[2 * i], im = p[2 * i + 1]
        return r * r + im * im
    }

    @inline(__always)
    static func scale(_ p: UnsafeMutablePointer<Double>, _ i: Int, by d: Double) {
        p[2 * i] *= d
        p[2 * i + 1] *= d
    }

    @inline(__always)
    static func addImage(_ result: UnsafeMutablePointer<Double>, _ j: Int, of ket: UnsafePointer<Double>, _ i: Int,
                         sign: Double, times c: Complex<Double>) {
        let kr = sign * ket[2 * i], ki = sign * ket[2 * i + 1]
        result[2 * j] += c.real * kr - c.imaginary * ki
        result[2 * j + 1] += c.real * ki + c.imaginary * kr
    }

    static var zeroSum: Complex<Double> { .zero }

    @inline(__always)
    static func conjugateProduct(bra: UnsafePointer<Double>, _ j: Int, ket: UnsafePointer<Double>, _ i: Int)
        -> Complex<Double> {
        let kr = ket[2 * i], ki = ket[2 * i + 1]
        let br = bra[2 * j], bi = -bra[2 * j + 1]
        return Complex(br * kr - bi * ki, br * ki + bi * kr)
    }

    @inline(__always)
    static func accumulate(_ sum: inout Complex<Double>, _ term: Complex<Double>, negated: Bool) {
        if negated {
            sum = Complex(sum.real - term.real, sum.imaginary - term.imaginary)
        } else {
            sum = Complex(sum.real + term.real, sum.imaginary + term.imaginary)
        }
    }

    @inline(__always)
    static func combine(_ l: Complex<Double>, _ r: Complex<Double>) -> Complex<Double> { l + r }

    @inline(__always)
    static func complex(_ sum: Complex<Double>) -> Complex<Double> { sum }

    static func pairSums(bra: UnsafePointer<Double>, ket: UnsafePointer<Double>, qubit q: Int, runs: Range<Int>,
                         crossed: Bool) -> PauliPairSums {
        let half = 1 << q
        var r1 = 0.0, i1 = 0.0, r2 = 0.0, i2 = 0.0
        for g in runs {
            let b0 = bra + 2 * (g << (q + 1)), b1 = b0 + 2 * half
            let k0 = ket + 2 * (g << (q + 1)), k1 = k0 + 2 * half
            let x = crossed ? k1 : k0, y = crossed ? k0 : k1
            if half >= 2 {
                // Two complex numbers (four doubles) per step: re += b·x lane-wise,
                // im += b·(x_im, −x_re) lane-wise; lanes are summed at the end.
                let sign = SIMD4<Double>(1, -1, 1, -1)
                var re1 = SIMD4<Double>(), im1 = SIMD4<Double>(), re2 = SIMD4<Double>(), im2 = SIMD4<Double>()
                for j in stride(from: 0, to: 2 * half, by: 4) {
                    let bv = UnsafeRawPointer(b0 + j).loadUnaligned(as: SIMD4<Double>.self)
                    let cv = UnsafeRawPointer(b1 + j).loadUnaligned(as: SIMD4<Double>.self)
                    let xv = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
                    let yv = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<Double>.self)
                    re1 += bv * xv
                    im1 += bv * SIMD4(xv[1], xv[0], xv[3], xv[2]) * sign
                    re2 += cv * yv
                    im2 += cv * SIMD4(yv[1], yv[0], yv[3], yv[2]) * sign
                }
                r1 += re1.sum(); i1 += im1.sum(); r2 += re2.sum(); i2 += im2.sum()
                continue
            }
            for j in 0..<half {
                let br = b0[2 * j], bi = b0[2 * j + 1], cr = b1[2 * j], ci = b1[2 * j + 1]
                let xr = x[2 * j], xi = x[2 * j + 1], yr = y[2 * j], yi = y[2 * j + 1]
                r1 += br * xr + bi * xi
                i1 += br * xi - bi * xr
                r2 += cr * yr + ci * yi
                i2 += cr * yi - ci * yr
            }
        }
        return PauliPairSums(s1: Complex(r1, i1), s2: Complex(r2, i2))
    }
}

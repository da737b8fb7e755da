/// `HeadKernel` in single precision (`HeadPrecision.float32`): the same fused per-row forward
/// and recomputing backward, on groups of sixteen output positions (`FloatEncodingLanes`).
///
/// Coefficients are packed as [stage][group][field][lane] (sixteen lanes, floats) with the nine
/// fields of `HeadKernel`; the per-chunk gradient accumulators use the same layout in floats.
/// Inputs, output gradients, outputs and input gradients are read and written as doubles
/// (rounded to and widened from floats in registers).
struct FloatHeadKernel {
    /// Output qubits k.
    let k: Int
    /// Input blocks r = d / k.
    let ratio: Int
    /// Groups of `lanes` positions.
    let groups: Int
    /// Packed coefficients.
    let coefficients: UnsafePointer<Float>

    /// Positions per group (the SIMD width).
    static let lanes = FloatEncodingLanes.Lanes.scalarCount

    /// Groups of `lanes` positions for k outputs.
    static func groups(_ k: Int) -> Int { (k + lanes - 1) / lanes }

    /// Values per packed coefficient (or accumulator) array.
    static func packedCount(stages: Int, k: Int) -> Int { stages * groups(k) * 9 * lanes }

    /// Packs the blocks' forms (stage-major, `blocks[s * k + j]`) into `destination`, each
    /// field computed in double precision and then rounded.
    static func pack(_ blocks: [BlockCoefficients], stages: Int, k: Int, into destination: UnsafeMutablePointer<Float>) {
        let groups = groups(k), lanes = lanes
        destination.initialize(repeating: 0, count: packedCount(stages: stages, k: k))
        for s in 0..<stages {
            for j in 0..<k {
                let b = blocks[s * k + j]
                let base = destination + ((s * groups + j / lanes) * 9) * lanes + j % lanes
                for (f, form) in [b.control, b.target, b.composite].enumerated() {
                    base[(3 * f) * lanes] = Float((form.q00 + form.q11) / 2)
                    base[(3 * f + 1) * lanes] = Float((form.q11 - form.q00) / 2)
                    base[(3 * f + 2) * lanes] = Float(-form.q01)
                }
            }
        }
    }

    /// Converts ∂L/∂(α, β, γ) of block (s, j), packed in this kernel's layout (already summed
    /// into doubles), back to ∂L/∂ of the three forms' entries.
    static func unpackGradient(_ packed: UnsafePointer<Double>, stage s: Int, position j: Int, k: Int) -> BlockCoefficients {
        let groups = groups(k), lanes = lanes
        let base = packed + ((s * groups + j / lanes) * 9) * lanes + j % lanes
        func form(_ f: Int) -> QuadraticForm {
            let ga = base[(3 * f) * lanes], gb = base[(3 * f + 1) * lanes], gc = base[(3 * f + 2) * lanes]
            return QuadraticForm(q00: (ga - gb) / 2, q01: -gc, q11: (ga + gb) / 2)
        }
        return BlockCoefficients(control: form(0), target: form(1), composite: form(2))
    }

    init(k: Int, ratio: Int, coefficients: UnsafePointer<Float>) {
        self.k = k
        self.ratio = ratio
        self.groups = Self.groups(k)
        self.coefficients = coefficients
    }

    typealias Lanes = FloatEncodingLanes.Lanes
    private typealias E = FloatEncodingLanes

    @inline(__always)
    private func field(_ s: Int, _ g: Int, _ f: Int) -> Lanes {
        UnsafeRawPointer(coefficients + ((s * groups + g) * 9 + f) * Self.lanes).loadUnaligned(as: Lanes.self)
    }

    /// The three forms of block group (s, g) at a target (sa, ca) and a control (sb, cb).
    @inline(__always)
    private func forms(_ s: Int, _ g: Int, sa: Lanes, ca: Lanes, sb: Lanes, cb: Lanes) -> (pb: Lanes, qa: Lanes, qw: Lanes) {
        let pb = field(s, g, 0) + field(s, g, 1) * sb + field(s, g, 2) * cb
        let qa = field(s, g, 3) + field(s, g, 4) * sa + field(s, g, 5) * ca
        let qw = field(s, g, 6) + field(s, g, 7) * sa + field(s, g, 8) * ca
        return (pb, qa, qw)
    }

    @inline(__always)
    private func probability(pb: Lanes, qa: Lanes, qw: Lanes) -> Lanes {
        E.clamped(qw + pb * (qa - qw), lowerBound: 0, upperBound: 1)
    }

    /// Encodes and compresses one row: `x` has d = r · k features, `output` receives 2k
    /// amplitudes (√P(0), √P(1)) per output qubit.
    func forward(row x: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>) {
        let last = ratio - 2
        for g in 0..<groups {
            let j = Self.lanes * g, n = min(Self.lanes, k - j)
            var (sb, cb, _) = E.encode(E.load(x + (ratio - 1) * k + j, count: n))
            for s in 0...last {
                let (sa, ca, _) = E.encode(E.load(x + (last - s) * k + j, count: n))
                let f = forms(s, g, sa: sa, ca: ca, sb: sb, cb: cb)
                let p = probability(pb: f.pb, qa: f.qa, qw: f.qw)
                if s < last {
                    sb = 1 - 2 * p
                    cb = -2 * E.squareRoot(p * (1 - p))
                } else {
                    E.storeInterleaved(E.squareRoot(p), E.squareRoot(1 - p), to: output + 2 * j, count: n)
                }
            }
        }
    }

    /// Scratch lanes `backward` needs per row: nine per stage plus one.
    static func scratchCount(stages: Int) -> Int { 9 * stages + 1 }

    /// Back-propagates one row: recomputes the row's forward chain, adds ∂L/∂(packed fields) to
    /// `accumulators` (floats) and, when `inputGradient` is given, writes ∂L/∂x (d values).
    func backward(row x: UnsafePointer<Double>, outputGradient: UnsafePointer<Double>,
                  accumulators: UnsafeMutablePointer<Float>, inputGradient: UnsafeMutablePointer<Double>?,
                  scratch: UnsafeMutablePointer<Lanes>) {
        let last = ratio - 2
        for g in 0..<groups {
            let j = Self.lanes * g, n = min(Self.lanes, k - j)
            // Forward, keeping per stage: sa, ca, wa, sb, cb, pb, qa, qw, p.
            var (sb, cb, wb) = E.encode(E.load(x + (ratio - 1) * k + j, count: n))
            scratch[9 * (last + 1)] = wb
            for s in 0...last {
                let (sa, ca, wa) = E.encode(E.load(x + (last - s) * k + j, count: n))
                let f = forms(s, g, sa: sa, ca: ca, sb: sb, cb: cb)
                let p = probability(pb: f.pb, qa: f.qa, qw: f.qw)
                let t = scratch + 9 * s
                t[0] = sa; t[1] = ca; t[2] = wa; t[3] = sb; t[4] = cb; t[5] = f.pb; t[6] = f.qa; t[7] = f.qw; t[8] = p
                if s < last {
                    sb = 1 - 2 * p
                    cb = -2 * E.squareRoot(p * (1 - p))
                }
            }
            // ∂L/∂p of the last stage from the gradient of (√p, √(1 − p)).
            let pLast = scratch[9 * last + 8]
            let r0 = E.clamped(E.squareRoot(pLast), lowerBound: 1e-15, upperBound: 1)
            let r1 = E.clamped(E.squareRoot(1 - pLast), lowerBound: 1e-15, upperBound: 1)
            let (g0, g1) = E.loadInterleaved(outputGradient + 2 * j, count: n)
            var gp = g0 / (2 * r0) - g1 / (2 * r1)
            for s in stride(from: last, through: 0, by: -1) {
                let t = scratch + 9 * s
                let sa = t[0], ca = t[1], sb = t[3], cb = t[4], pb = t[5], qa = t[6], qw = t[7]
                let gpb = gp * (qa - qw), gqa = gp * pb, gqw = gp * (1 - pb)
                let acc = accumulators + ((s * groups + g) * 9) * Self.lanes
                @inline(__always) func add(_ f: Int, _ v: Lanes) {
                    let raw = UnsafeMutableRawPointer(acc + Self.lanes * f)
                    raw.storeBytes(of: raw.loadUnaligned(as: Lanes.self) + v, as: Lanes.self)
                }
                add(0, gpb); add(1, gpb * sb); add(2, gpb * cb)
                add(3, gqa); add(4, gqa * sa); add(5, gqa * ca)
                add(6, gqw); add(7, gqw * sa); add(8, gqw * ca)
                if let inputGradient {
                    let gs = gqa * field(s, g, 4) + gqw * field(s, g, 7)
                    let gc = gqa * field(s, g, 5) + gqw * field(s, g, 8)
                    let dv = E.angleDerivative(weight: t[2])
                    E.store(dv * (gs * ca - gc * sa), to: inputGradient + (last - s) * k + j, count: n)
                }
                let gsb = gpb * field(s, g, 1), gcb = gpb * field(s, g, 2)
                if s > 0 {
                    // sb = 1 − 2p′, cb = −2√(p′(1 − p′)): dcb/dp′ = 2 sb / cb.
                    let safe = E.clamped(cb, lowerBound: -1, upperBound: -1e-15)
                    gp = -2 * gsb + 2 * sb * gcb / safe
                } else if let inputGradient {
                    let dv = E.angleDerivative(weight: scratch[9 * (last + 1)])
                    E.store(dv * (gsb * cb - gcb * sb), to: inputGradient + (ratio - 1) * k + j, count: n)
                }
            }
        }
    }
}

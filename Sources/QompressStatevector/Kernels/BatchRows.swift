/// The loops of a `StatevectorBatch`: its storage is row-major, one row of `width` doubles per
/// stored amplitude index (one lane per sample), so every operation on an amplitude pair updates
/// all samples with vector instructions. `width` is a multiple of 4. The pair loops walk the
/// stored pairs {s, s ⊕ m} of a flip mask m, oriented by a parity mask r (the member with even
/// parity of s ∧ r holds the logical |0⟩ of the gate's qubit; see `IndexFrame`).
enum BatchRows {
    typealias Vector = SIMD4<Double>

    @inline(__always) static func load(_ p: UnsafeMutablePointer<Double>) -> Vector {
        UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
    }

    @inline(__always) static func store(_ v: Vector, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vector.self)
    }

    /// Calls `body(s0, s1)` for every stored pair of flip mask `m` (≠ 0) whose members have odd
    /// parity with every mask of `conditions`, with s0 the member of even parity with `r`.
    @inline(__always)
    static func forEachPair(count: Int, flip m: Int, orientation r: Int, conditions: (Int, Int),
                            _ body: (Int, Int) -> Void) {
        let highBit = Int.bitWidth - 1 - m.leadingZeroBitCount
        let lowMask = (1 << highBit) - 1
        for t in 0..<(count >> 1) {
            let s = ((t >> highBit) << (highBit + 1)) | (t & lowMask)
            if conditions.0 != 0 && parity(s & conditions.0) == 0 { continue }
            if conditions.1 != 0 && parity(s & conditions.1) == 0 { continue }
            if parity(s & r) == 0 { body(s, s ^ m) } else { body(s ^ m, s) }
        }
    }

    /// (x, y) ← (a x + b y, c x + d y) with one matrix for every lane.
    @inline(__always)
    static func apply(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, width: Int,
                      _ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        var j = 0
        while j < width {
            let u = load(x + j), v = load(y + j)
            store(a * u + b * v, x + j)
            store(c * u + d * v, y + j)
            j += 4
        }
    }

    /// (x, y) ← (c x − s y, s x + c y) with each lane's own cosine and sine (a rotation RY).
    @inline(__always)
    static func rotate(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, width: Int,
                       cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>) {
        var j = 0
        while j < width {
            let u = load(x + j), v = load(y + j), c = load(cosines + j), s = load(sines + j)
            store(c * u - s * v, x + j)
            store(s * u + c * v, y + j)
            j += 4
        }
    }

    /// The fused adjoint step of one rotation for both registers: adds λ₁ψ₀ − λ₀ψ₁ of every lane
    /// to `sums` (⟨λ|Y|ψ⟩ = i · that), then rotates ψ and λ by the lanes' (c, s).
    @inline(__always)
    static func rotateBoth(_ p0: UnsafeMutablePointer<Double>, _ p1: UnsafeMutablePointer<Double>,
                           _ l0: UnsafeMutablePointer<Double>, _ l1: UnsafeMutablePointer<Double>, width: Int,
                           cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>,
                           sums: UnsafeMutablePointer<Double>?) {
        var j = 0
        while j < width {
            let u = load(p0 + j), v = load(p1 + j), x = load(l0 + j), y = load(l1 + j)
            let c = load(cosines + j), s = load(sines + j)
            if let sums { store(load(sums + j) + (y * u - x * v), sums + j) }
            store(c * u - s * v, p0 + j)
            store(s * u + c * v, p1 + j)
            store(c * x - s * y, l0 + j)
            store(s * x + c * y, l1 + j)
            j += 4
        }
    }

    /// Exchanges two rows.
    @inline(__always)
    static func swap(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, width: Int) {
        var j = 0
        while j < width {
            let u = load(x + j)
            store(load(y + j), x + j)
            store(u, y + j)
            j += 4
        }
    }

    /// x ← −x.
    @inline(__always)
    static func negate(_ x: UnsafeMutablePointer<Double>, width: Int) {
        var j = 0
        while j < width {
            store(-load(x + j), x + j)
            j += 4
        }
    }

    /// z ← x · y, lane by lane.
    @inline(__always)
    static func product(_ z: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>,
                        _ y: UnsafeMutablePointer<Double>, width: Int) {
        var j = 0
        while j < width {
            store(load(x + j) * load(y + j), z + j)
            j += 4
        }
    }

    /// sums ← sums + sign · x ⊙ y, lane by lane.
    @inline(__always)
    static func accumulate(_ sums: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>,
                           _ y: UnsafeMutablePointer<Double>, negative: Bool, width: Int) {
        var j = 0
        while j < width {
            let p = load(x + j) * load(y + j)
            store(negative ? load(sums + j) - p : load(sums + j) + p, sums + j)
            j += 4
        }
    }
}

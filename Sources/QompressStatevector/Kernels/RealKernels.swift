/// In-place gate kernels on a state stored in real form: `p[k]` is amplitude k, a real
/// number, for `count` amplitudes (a power of two).
///
/// They mirror `Kernels` for every kernel whose `KernelOperation.isReal` holds: half the
/// bytes per amplitude and one multiplication where the complex kernels need four. The
/// caller guarantees that only real kernels reach `apply`.
enum RealKernels {
    /// Applies the real kernel `op` to the whole buffer, with the rotation loops of `Loops`.
    @inline(__always)
    static func apply<Loops: VectorLoops>(_ op: KernelOperation, _ p: UnsafeMutablePointer<Double>, count: Int,
                                          _ loops: Loops.Type) {
        switch op {
        case let .singleReal(q, a, b, c, d): rotate(p, count, q, a, b, c, d, loops)
        case let .single(q, m): rotate(p, count, q, m.r00, m.r01, m.r10, m.r11, loops)
        case let .diagonal(q, m): scale(p, count, q, m.r00, m.r11)
        case let .cnot(c, t):
            if min(c, t) < 2 && count >= 8 {
                cnotLow(p, count, c, t)
            } else {
                Kernels.swapRuns(p, count, c, t, from: 1 << c, to: (1 << c) + (1 << t), width: 1)
            }
        case let .controlled(c, t, m): controlled(p, count, c, t, m)
        case let .swap(a, b): Kernels.swapRuns(p, count, a, b, from: 1 << a, to: 1 << b, width: 1)
        case let .two(q0, q1, m): m.withUnsafeBufferPointer { two(p, count, q0, q1, $0.baseAddress!) }
        case let .diagonalTwo(q0, q1, d): d.withUnsafeBufferPointer { diagonalTwo(p, count, q0, q1, $0.baseAddress!) }
        case let .ccx(c0, c1, t): Kernels.ccx(p, count, c0, c1, t, width: 1)
        case let .cswap(c, a, b): Kernels.cswap(p, count, c, a, b, width: 1)
        }
    }

    /// CNOT with control or target among qubits 0 and 1, four amplitudes per vector (the run
    /// loop of `Kernels.swapRuns` would move one or two at a time): a blend between two vectors
    /// when the target is the higher qubit, a lane shuffle within one when it is the lower.
    static func cnotLow(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ c: Int, _ t: Int) {
        typealias V = SIMD4<Double>
        @inline(__always) func load(_ k: Int) -> V { UnsafeRawPointer(p + k).loadUnaligned(as: V.self) }
        @inline(__always) func store(_ v: V, _ k: Int) { UnsafeMutableRawPointer(p + k).storeBytes(of: v, as: V.self) }
        if c < 2 && t < 2 {
            // Within each vector: CNOT(0, 1) exchanges lanes 1 and 3, CNOT(1, 0) lanes 2 and 3.
            for k in stride(from: 0, to: count, by: 4) {
                let v = load(k)
                store(c == 0 ? V(v[0], v[3], v[2], v[1]) : V(v[0], v[1], v[3], v[2]), k)
            }
        } else if c < 2 {
            // Target t ≥ 2: the lanes with bit c set move between the vectors at k and k + 2^t.
            let lanes: SIMDMask<SIMD4<Int64>> = c == 0 ? [false, true, false, true] : [false, false, true, true]
            let step = 1 << t
            for block in stride(from: 0, to: count, by: step << 1) {
                for k in stride(from: block, to: block + step, by: 4) {
                    let a = load(k), b = load(k + step)
                    store(a.replacing(with: b, where: lanes), k)
                    store(b.replacing(with: a, where: lanes), k + step)
                }
            }
        } else {
            // Control c ≥ 2, target t < 2: the vectors with bit c set exchange lanes within.
            let step = 1 << c
            for block in stride(from: step, to: count, by: step << 1) {
                for k in stride(from: block, to: block + step, by: 4) {
                    let v = load(k)
                    store(t == 0 ? V(v[1], v[0], v[3], v[2]) : V(v[2], v[3], v[0], v[1]), k)
                }
            }
        }
    }

    /// [[a, b], [c, d]] on qubit `q`.
    static func rotate<Loops: VectorLoops>(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q: Int,
                                           _ a: Double, _ b: Double, _ c: Double, _ d: Double,
                                           _ loops: Loops.Type) {
        if q == 0 {
            // Pairs are adjacent: two pairs (u0, v0, u1, v1) per vector.
            let left = SIMD4<Double>(a, c, a, c), right = SIMD4<Double>(b, d, b, d)
            var k = 0
            if count >= 4 {
                while k < count {
                    let v = UnsafeRawPointer(p + k).loadUnaligned(as: SIMD4<Double>.self)
                    let u = SIMD4(v[0], v[0], v[2], v[2]), w = SIMD4(v[1], v[1], v[3], v[3])
                    UnsafeMutableRawPointer(p + k).storeBytes(of: left * u + right * w, as: SIMD4<Double>.self)
                    k += 4
                }
                return
            }
            let u = p[0], v = p[1]
            p[0] = a * u + b * v
            p[1] = c * u + d * v
            return
        }
        // Runs of 2^q amplitudes that transform alike.
        Loops.rotateRuns(p, doubles: count, run: 1 << q, a, b, c, d)
    }

    /// diag(d0, d1) on qubit `q`.
    static func scale(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q: Int, _ d0: Double, _ d1: Double) {
        let run = 1 << q
        var hi = 0
        while hi < count {
            let x = p + hi, y = p + hi + run
            if d0 != 1 { for k in 0..<run { x[k] *= d0 } }
            for k in 0..<run { y[k] *= d1 }
            hi += run << 1
        }
    }

    /// The real 2×2 `m` on `t` where `c` is set.
    static func controlled(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ c: Int, _ t: Int, _ m: Matrix2) {
        let cOff = 1 << c, tOff = 1 << t
        Kernels.forEach2(count, c, t) { i in
            let x = i + cOff, y = i + cOff + tOff
            let u = p[x], v = p[y]
            p[x] = m.r00 * u + m.r01 * v
            p[y] = m.r10 * u + m.r11 * v
        }
    }

    /// A real 4×4 on `[q0, q1]`; `m` is interleaved like `KernelOperation.two` (imaginary
    /// parts zero and skipped).
    static func two(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q0: Int, _ q1: Int,
                    _ m: UnsafePointer<Double>) {
        let o0 = 1 << q0, o1 = 1 << q1
        Kernels.forEach2(count, q0, q1) { i in
            let v = (p[i], p[i + o1], p[i + o0], p[i + o0 + o1])
            @inline(__always) func row(_ r: Int) -> Double {
                m[8 * r] * v.0 + m[8 * r + 2] * v.1 + m[8 * r + 4] * v.2 + m[8 * r + 6] * v.3
            }
            let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3)
            p[i] = r0; p[i + o1] = r1; p[i + o0] = r2; p[i + o0 + o1] = r3
        }
    }

    /// A real diagonal on `[q0, q1]`, interleaved like `KernelOperation.diagonalTwo`.
    static func diagonalTwo(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q0: Int, _ q1: Int,
                            _ d: UnsafePointer<Double>) {
        let o0 = 1 << q0, o1 = 1 << q1
        Kernels.forEach2(count, q0, q1) { i in
            p[i] *= d[0]; p[i + o1] *= d[2]; p[i + o0] *= d[4]; p[i + o0 + o1] *= d[6]
        }
    }
}

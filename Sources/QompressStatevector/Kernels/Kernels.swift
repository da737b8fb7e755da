/// In-place gate kernels on an interleaved complex buffer (`p[2k]` real, `p[2k+1]`
/// imaginary part of amplitude k) of `count` amplitudes, a power of two.
///
/// Every kernel walks the buffer in runs that are contiguous in the lowest untouched bits,
/// so the inner loops stream through memory and vectorise.
enum Kernels {
    /// Applies `op` to the whole buffer, with the rotation loops of `Loops`.
    @inline(__always)
    static func apply<Loops: VectorLoops>(_ op: KernelOperation, _ p: UnsafeMutablePointer<Double>, count: Int,
                                          _ loops: Loops.Type) {
        switch op {
        case let .single(q, m): single(p, count, q, m)
        case let .singleReal(q, a, b, c, d): singleReal(p, count, q, a, b, c, d, loops)
        case let .diagonal(q, m): diagonal(p, count, q, m)
        case let .cnot(c, t): cnot(p, count, c, t)
        case let .controlled(c, t, m): controlled(p, count, c, t, m)
        case let .swap(a, b): swap(p, count, a, b)
        case let .two(q0, q1, m): m.withUnsafeBufferPointer { two(p, count, q0, q1, $0.baseAddress!) }
        case let .diagonalTwo(q0, q1, d): d.withUnsafeBufferPointer { diagonalTwo(p, count, q0, q1, $0.baseAddress!) }
        case let .ccx(c0, c1, t): ccx(p, count, c0, c1, t)
        case let .cswap(c, a, b): cswap(p, count, c, a, b)
        }
    }

    // MARK: Index iteration

    /// Calls `body(i)` for every index below `count` whose bit `b` is clear.
    @inline(__always)
    static func forEach1(_ count: Int, _ b: Int, _ body: (Int) -> Void) {
        let step = 1 << b
        var hi = 0
        while hi < count {
            for i in hi..<(hi + step) { body(i) }
            hi += step << 1
        }
    }

    /// Calls `body(i)` for every index below `count` whose bits `b0` and `b1` are clear.
    @inline(__always)
    static func forEach2(_ count: Int, _ b0: Int, _ b1: Int, _ body: (Int) -> Void) {
        let lo = min(b0, b1), hi = max(b0, b1)
        let loStep = 1 << lo, hiStep = 1 << hi
        var outer = 0
        while outer < count {
            var mid = outer
            while mid < outer + hiStep {
                for i in mid..<(mid + loStep) { body(i) }
                mid += loStep << 1
            }
            outer += hiStep << 1
        }
    }

    /// Calls `body(i)` for every index below `count` whose bits `b0`, `b1`, `b2` are clear.
    @inline(__always)
    static func forEach3(_ count: Int, _ b0: Int, _ b1: Int, _ b2: Int, _ body: (Int) -> Void) {
        let lo = min(b0, b1, b2), hi = max(b0, b1, b2), mid = b0 + b1 + b2 - lo - hi
        let s0 = 1 << lo, s1 = 1 << mid, s2 = 1 << hi
        var a = 0
        while a < count {
            var b = a
            while b < a + s2 {
                var c = b
                while c < b + s1 {
                    for i in c..<(c + s0) { body(i) }
                    c += s0 << 1
                }
                b += s1 << 1
            }
            a += s2 << 1
        }
    }

    // MARK: One qubit

    static func single(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q: Int, _ m: Matrix2) {
        let off = 1 << q
        forEach1(count, q) { i in
            let x = 2 * i, y = 2 * (i + off)
            let ar = p[x], ai = p[x + 1], br = p[y], bi = p[y + 1]
            p[x] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
            p[x + 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
            p[y] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
            p[y + 1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
        }
    }

    static func singleReal<Loops: VectorLoops>(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q: Int,
                                               _ a: Double, _ b: Double, _ c: Double, _ d: Double,
                                               _ loops: Loops.Type) {
        if q == 0 {
            // Pairs are adjacent: (re0, im0, re1, im1) — one loop over 4 doubles.
            var k = 0
            let end = 2 * count
            while k < end {
                let ar = p[k], ai = p[k + 1], br = p[k + 2], bi = p[k + 3]
                p[k] = a * ar + b * br
                p[k + 1] = a * ai + b * bi
                p[k + 2] = c * ar + d * br
                p[k + 3] = c * ai + d * bi
                k += 4
            }
            return
        }
        // Runs of 2^q amplitudes = 2^(q+1) doubles, where re and im transform alike.
        Loops.rotateRuns(p, doubles: 2 * count, run: 2 << q, a, b, c, d)
    }

    static func diagonal(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q: Int, _ m: Matrix2) {
        let off = 1 << q
        let scaleZero = !(m.r00 == 1 && m.i00 == 0)
        forEach1(count, q) { i in
            if scaleZero {
                let x = 2 * i
                let ar = p[x], ai = p[x + 1]
                p[x] = m.r00 * ar - m.i00 * ai
                p[x + 1] = m.r00 * ai + m.i00 * ar
            }
            let y = 2 * (i + off)
            let br = p[y], bi = p[y + 1]
            p[y] = m.r11 * br - m.i11 * bi
            p[y + 1] = m.r11 * bi + m.i11 * br
        }
    }

    // MARK: Two qubits

    static func cnot(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ c: Int, _ t: Int) {
        swapRuns(p, count, c, t, from: 1 << c, to: (1 << c) + (1 << t))
    }

    /// For every index i below `count` with bits `b0` and `b1` clear, exchanges amplitude
    /// i + `from` with amplitude i + `to`, walking contiguous runs of 2^min(b0, b1) amplitudes
    /// with vector loads (the permutation kernels CNOT and SWAP). `width` is the number of
    /// doubles per amplitude: 2 here, 1 for `RealKernels`.
    @inline(__always)
    static func swapRuns(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ b0: Int, _ b1: Int,
                         from: Int, to: Int, width: Int = 2) {
        let lo = min(b0, b1), hi = max(b0, b1)
        let loStep = 1 << lo, hiStep = 1 << hi
        let doubles = width * loStep
        var outer = 0
        while outer < count {
            var mid = outer
            while mid < outer + hiStep {
                let x = p + width * (mid + from), y = p + width * (mid + to)
                if doubles >= 4 {
                    var k = 0
                    while k < doubles {
                        let a = UnsafeRawPointer(x + k).loadUnaligned(as: SIMD4<Double>.self)
                        let b = UnsafeRawPointer(y + k).loadUnaligned(as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(x + k).storeBytes(of: b, as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(y + k).storeBytes(of: a, as: SIMD4<Double>.self)
                        k += 4
                    }
                } else {
                    for k in 0..<doubles {
                        let t = x[k]
                        x[k] = y[k]
                        y[k] = t
                    }
                }
                mid += loStep << 1
            }
            outer += hiStep << 1
        }
    }

    /// Exchanges the amplitudes at indices `i` and `j` (`width` doubles each).
    @inline(__always)
    static func exchange(_ p: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int, width: Int) {
        for k in 0..<width {
            let t = p[width * i + k]
            p[width * i + k] = p[width * j + k]
            p[width * j + k] = t
        }
    }

    static func controlled(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ c: Int, _ t: Int, _ m: Matrix2) {
        let cOff = 1 << c, tOff = 1 << t
        forEach2(count, c, t) { i in
            let x = 2 * (i + cOff), y = 2 * (i + cOff + tOff)
            let ar = p[x], ai = p[x + 1], br = p[y], bi = p[y + 1]
            p[x] = m.r00 * ar - m.i00 * ai + m.r01 * br - m.i01 * bi
            p[x + 1] = m.r00 * ai + m.i00 * ar + m.r01 * bi + m.i01 * br
            p[y] = m.r10 * ar - m.i10 * ai + m.r11 * br - m.i11 * bi
            p[y + 1] = m.r10 * ai + m.i10 * ar + m.r11 * bi + m.i11 * br
        }
    }

    static func swap(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ a: Int, _ b: Int) {
        swapRuns(p, count, a, b, from: 1 << a, to: 1 << b)
    }

    static func two(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q0: Int, _ q1: Int,
                    _ m: UnsafePointer<Double>) {
        // Matrix index bit 1 ↔ q0, bit 0 ↔ q1.
        let o0 = 1 << q0, o1 = 1 << q1
        forEach2(count, q0, q1) { i in
            let idx = (2 * i, 2 * (i + o1), 2 * (i + o0), 2 * (i + o0 + o1))
            let vr = (p[idx.0], p[idx.1], p[idx.2], p[idx.3])
            let vi = (p[idx.0 + 1], p[idx.1 + 1], p[idx.2 + 1], p[idx.3 + 1])
            @inline(__always) func row(_ r: Int) -> (Double, Double) {
                let b = 8 * r
                let re = m[b] * vr.0 - m[b + 1] * vi.0 + m[b + 2] * vr.1 - m[b + 3] * vi.1
                    + m[b + 4] * vr.2 - m[b + 5] * vi.2 + m[b + 6] * vr.3 - m[b + 7] * vi.3
                let im = m[b] * vi.0 + m[b + 1] * vr.0 + m[b + 2] * vi.1 + m[b + 3] * vr.1
                    + m[b + 4] * vi.2 + m[b + 5] * vr.2 + m[b + 6] * vi.3 + m[b + 7] * vr.3
                return (re, im)
            }
            let r0 = row(0), r1 = row(1), r2 = row(2), r3 = row(3)
            p[idx.0] = r0.0; p[idx.0 + 1] = r0.1
            p[idx.1] = r1.0; p[idx.1 + 1] = r1.1
            p[idx.2] = r2.0; p[idx.2 + 1] = r2.1
            p[idx.3] = r3.0; p[idx.3 + 1] = r3.1
        }
    }

    static func diagonalTwo(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ q0: Int, _ q1: Int,
                            _ d: UnsafePointer<Double>) {
        let o0 = 1 << q0, o1 = 1 << q1
        forEach2(count, q0, q1) { i in
            let offsets = (0, o1, o0, o0 + o1)
            @inline(__always) func scale(_ k: Int, _ off: Int) {
                let x = 2 * (i + off)
                let dr = d[2 * k], di = d[2 * k + 1]
                if dr == 1 && di == 0 { return }
                let r = p[x], im = p[x + 1]
                p[x] = dr * r - di * im
                p[x + 1] = dr * im + di * r
            }
            scale(0, offsets.0); scale(1, offsets.1); scale(2, offsets.2); scale(3, offsets.3)
        }
    }

    // MARK: Three qubits

    static func ccx(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ c0: Int, _ c1: Int, _ t: Int, width: Int = 2) {
        let base = (1 << c0) + (1 << c1), tOff = 1 << t
        forEach3(count, c0, c1, t) { i in exchange(p, i + base, i + base + tOff, width: width) }
    }

    static func cswap(_ p: UnsafeMutablePointer<Double>, _ count: Int, _ c: Int, _ a: Int, _ b: Int, width: Int = 2) {
        let cOff = 1 << c, aOff = 1 << a, bOff = 1 << b
        forEach3(count, c, a, b) { i in exchange(p, i + cOff + aOff, i + cOff + bOff, width: width) }
    }
}

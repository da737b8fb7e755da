/// `VectorLoops` in portable Swift: vectors of four doubles where a run allows, scalar loops
/// otherwise. Used when the CPU lacks AVX2 + FMA or the configuration turns them off.
enum PortableLoops: VectorLoops {
    @inline(__always)
    static func rotateRuns(_ p: UnsafeMutablePointer<Double>, doubles: Int, run: Int,
                           _ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        var hi = 0
        while hi < doubles {
            let x = p + hi, y = p + hi + run
            for k in 0..<run {
                let u = x[k], v = y[k]
                x[k] = a * u + b * v
                y[k] = c * u + d * v
            }
            hi += run << 1
        }
    }

    static func rotateBoth(_ psi: UnsafeMutablePointer<Double>, _ lam: UnsafeMutablePointer<Double>, qubit q: Int,
                           runs: Range<Int>, _ a: Double, _ b: Double, _ c: Double, _ d: Double,
                           measuring: Bool) -> PairSums {
        let half = 1 << q
        var sums = PairSums()
        for g in runs {
            let k0 = psi + (g << (q + 1)), k1 = k0 + half
            let l0 = lam + (g << (q + 1)), l1 = l0 + half
            if half >= 4 {
                var s00 = SIMD4<Double>(), s01 = SIMD4<Double>(), s10 = SIMD4<Double>(), s11 = SIMD4<Double>()
                for j in Swift.stride(from: 0, to: half, by: 4) {
                    let p0 = UnsafeRawPointer(k0 + j).loadUnaligned(as: SIMD4<Double>.self)
                    let p1 = UnsafeRawPointer(k1 + j).loadUnaligned(as: SIMD4<Double>.self)
                    let x0 = UnsafeRawPointer(l0 + j).loadUnaligned(as: SIMD4<Double>.self)
                    let x1 = UnsafeRawPointer(l1 + j).loadUnaligned(as: SIMD4<Double>.self)
                    if measuring {
                        s00 += x0 * p0; s01 += x0 * p1; s10 += x1 * p0; s11 += x1 * p1
                    }
                    UnsafeMutableRawPointer(k0 + j).storeBytes(of: a * p0 + b * p1, as: SIMD4<Double>.self)
                    UnsafeMutableRawPointer(k1 + j).storeBytes(of: c * p0 + d * p1, as: SIMD4<Double>.self)
                    UnsafeMutableRawPointer(l0 + j).storeBytes(of: a * x0 + b * x1, as: SIMD4<Double>.self)
                    UnsafeMutableRawPointer(l1 + j).storeBytes(of: c * x0 + d * x1, as: SIMD4<Double>.self)
                }
                if measuring {
                    sums.a00 += s00.sum(); sums.a01 += s01.sum(); sums.a10 += s10.sum(); sums.a11 += s11.sum()
                }
                continue
            }
            for j in 0..<half {
                let p0 = k0[j], p1 = k1[j], x0 = l0[j], x1 = l1[j]
                if measuring {
                    sums.a00 += x0 * p0; sums.a01 += x0 * p1; sums.a10 += x1 * p0; sums.a11 += x1 * p1
                }
                k0[j] = a * p0 + b * p1
                k1[j] = c * p0 + d * p1
                l0[j] = a * x0 + b * x1
                l1[j] = c * x0 + d * x1
            }
        }
        return sums
    }

    static func batchRotate(_ pairs: BatchPairs, _ rows: UnsafeMutablePointer<Double>,
                            cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>) {
        let width = pairs.width
        BatchRows.forEachPair(count: pairs.count, flip: pairs.flip, orientation: pairs.orientation,
                              conditions: (pairs.condition, 0)) {
            BatchRows.rotate(rows + $0 * width, rows + $1 * width, width: width, cosines: cosines, sines: sines)
        }
    }

    static func batchRotateBoth(_ pairs: BatchPairs, _ psi: UnsafeMutablePointer<Double>,
                                _ lambda: UnsafeMutablePointer<Double>, cosines: UnsafeMutablePointer<Double>,
                                sines: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?) {
        let width = pairs.width
        BatchRows.forEachPair(count: pairs.count, flip: pairs.flip, orientation: pairs.orientation,
                              conditions: (pairs.condition, 0)) {
            BatchRows.rotateBoth(psi + $0 * width, psi + $1 * width, lambda + $0 * width, lambda + $1 * width,
                                 width: width, cosines: cosines, sines: sines, sums: sums)
        }
    }

    static func batchExpectationsZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                                   totals: UnsafeMutablePointer<Double>) {
        typealias V = SIMD4<Double>
        for j in stride(from: 0, to: width, by: 4) {
            var sums = [V](repeating: V(), count: masks.count)
            for s in 0..<count {
                let r = UnsafeRawPointer(rows + s * width + j).loadUnaligned(as: V.self), p = r * r
                for q in masks.indices { sums[q] = parity(s & masks[q]) == 1 ? sums[q] - p : sums[q] + p }
            }
            for q in masks.indices { UnsafeMutableRawPointer(totals + q * width + j).storeBytes(of: sums[q], as: V.self) }
        }
    }

    static func batchWeightedZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                               coefficients g: UnsafeMutablePointer<Double>) {
        typealias V = SIMD4<Double>
        for j in stride(from: 0, to: width, by: 4) {
            let gq = masks.indices.map { UnsafeRawPointer(g + $0 * width + j).loadUnaligned(as: V.self) }
            for s in 0..<count {
                var f = V()
                for q in masks.indices { f = parity(s & masks[q]) == 1 ? f - gq[q] : f + gq[q] }
                let r = rows + s * width + j
                UnsafeMutableRawPointer(r).storeBytes(of: UnsafeRawPointer(r).loadUnaligned(as: V.self) * f, as: V.self)
            }
        }
    }
}

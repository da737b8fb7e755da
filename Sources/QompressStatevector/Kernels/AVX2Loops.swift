import CQompressKernels

/// `VectorLoops` on the AVX2 + FMA kernels of `CQompressKernels`, for CPUs that have them
/// (`KernelSet` checks once). Shapes the C loops do not cover fall back to `PortableLoops`.
enum AVX2Loops: VectorLoops {
    /// Whether this CPU and OS support AVX2 and FMA (asked once).
    static let isAvailable = qk_has_avx2_fma() != 0

    @inline(__always)
    static func rotateRuns(_ p: UnsafeMutablePointer<Double>, doubles: Int, run: Int,
                           _ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        if (run == 2 || run >= 4) && doubles >= 4 {
            qk_rotate_runs(p, doubles, run, a, b, c, d)
            return
        }
        PortableLoops.rotateRuns(p, doubles: doubles, run: run, a, b, c, d)
    }

    static func rotateBoth(_ psi: UnsafeMutablePointer<Double>, _ lam: UnsafeMutablePointer<Double>, qubit q: Int,
                           runs: Range<Int>, _ a: Double, _ b: Double, _ c: Double, _ d: Double,
                           measuring: Bool) -> PairSums {
        var s = (0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &s) { raw in
            let sums = raw.baseAddress!.assumingMemoryBound(to: Double.self)
            if q >= 2 {
                qk_rotate_both(psi, lam, 1 << q, runs.lowerBound, runs.upperBound, a, b, c, d, measuring ? 1 : 0, sums)
            } else {
                qk_rotate_both_low(psi, lam, Int32(q), runs.lowerBound, runs.upperBound, a, b, c, d,
                                   measuring ? 1 : 0, sums)
            }
        }
        return PairSums(a00: s.0, a01: s.1, a10: s.2, a11: s.3)
    }

    static func batchRotate(_ pairs: BatchPairs, _ rows: UnsafeMutablePointer<Double>,
                            cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>) {
        qk_batch_rotate(rows, pairs.width, pairs.count, pairs.flip, pairs.orientation, pairs.condition, cosines, sines)
    }

    static func batchRotateBoth(_ pairs: BatchPairs, _ psi: UnsafeMutablePointer<Double>,
                                _ lambda: UnsafeMutablePointer<Double>, cosines: UnsafeMutablePointer<Double>,
                                sines: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?) {
        // The C loop has no control; controlled rotations are never fused (their generators
        // are not a single Y).
        if pairs.condition != 0 {
            PortableLoops.batchRotateBoth(pairs, psi, lambda, cosines: cosines, sines: sines, sums: sums)
            return
        }
        qk_batch_rotate_both(psi, lambda, pairs.width, pairs.count, pairs.flip, pairs.orientation, cosines, sines, sums)
    }

    static func batchExpectationsZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                                   totals: UnsafeMutablePointer<Double>) {
        qk_batch_expectations_z(rows, width, count, Int32(masks.count), masks, totals)
    }

    static func batchWeightedZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                               coefficients g: UnsafeMutablePointer<Double>) {
        qk_batch_weighted_z(rows, width, count, Int32(masks.count), masks, g)
    }
}

/// The loops whose code depends on the instruction set: the real 2×2 rotation of runs (every
/// RY, H and real fused one-qubit gate) and the fused adjoint step. `PortableLoops` are Swift
/// (SIMD types and scalar tails, any CPU); `AVX2Loops` call `CQompressKernels`. The kernel
/// enums are generic over this protocol, and `KernelSet` holds one specialisation of each, so
/// the choice is made once per register and never passed down as a flag.
protocol VectorLoops {
    /// The real 2×2 [[a, b], [c, d]] on consecutive pairs of runs of `run` doubles (x, y)
    /// over the first `doubles` doubles: x ← a·x + b·y, y ← c·x + d·y element-wise.
    static func rotateRuns(_ p: UnsafeMutablePointer<Double>, doubles: Int, run: Int,
                           _ a: Double, _ b: Double, _ c: Double, _ d: Double)

    /// The fused adjoint step on two registers in real form for qubit `q`, over the pair runs
    /// `runs` (run g covers amplitudes g·2^(q+1) ..< (g+1)·2^(q+1)): returns the pair sums
    /// before the gate when `measuring` (zero otherwise), and applies [[a, b], [c, d]] to both.
    /// Each run's sums are reduced before the next run's, in order.
    static func rotateBoth(_ psi: UnsafeMutablePointer<Double>, _ lambda: UnsafeMutablePointer<Double>, qubit q: Int,
                           runs: Range<Int>, _ a: Double, _ b: Double, _ c: Double, _ d: Double,
                           measuring: Bool) -> PairSums

    /// RY with each lane's cosine and sine on the stored pairs `pairs` of a batch's `rows`
    /// (see `BatchRows`).
    static func batchRotate(_ pairs: BatchPairs, _ rows: UnsafeMutablePointer<Double>,
                            cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>)

    /// The fused adjoint step of one RY on two batches: adds λ₁ψ₀ − λ₀ψ₁ of every lane to `sums`
    /// (when given; pairs in ascending order), then rotates both as `batchRotate` does.
    static func batchRotateBoth(_ pairs: BatchPairs, _ psi: UnsafeMutablePointer<Double>,
                                _ lambda: UnsafeMutablePointer<Double>, cosines: UnsafeMutablePointer<Double>,
                                sines: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Double>?)

    /// ⟨Z_q⟩ partial sums of a batch's lanes: `totals[q·width + j]` = Σ_s (−1)^{parity(s ∧ masks[q])}
    /// rows[s][j]², rows s ascending, products then sums (no FMA: every entry gives the same bits).
    static func batchExpectationsZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                                   totals: UnsafeMutablePointer<Double>)

    /// Multiplies row s of a batch lane by lane by Σ_q (−1)^{parity(s ∧ masks[q])} g[q·width + j],
    /// q ascending from 0 (no FMA).
    static func batchWeightedZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                               coefficients g: UnsafeMutablePointer<Double>)
}

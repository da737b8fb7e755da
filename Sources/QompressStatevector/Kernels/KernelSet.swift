/// The loops one register runs on, chosen once when the register is made from a table keyed
/// by instruction set (as PennyLane Lightning dispatches its kernels), instead of flags passed
/// down every call. Each entry holds the gate kernels of both forms and the fused adjoint step
/// specialised for its `VectorLoops`; the backend asks the storage for the form and the set
/// for the loop, and knows neither SIMD nor C.
struct KernelSet: Sendable {
    /// The instruction sets the table has entries for.
    enum InstructionSet: Sendable, CaseIterable {
        /// Swift loops (SIMD types), any CPU.
        case portable
        /// The AVX2 + FMA loops of `CQompressKernels` for rotations and the fused adjoint step.
        case avx2
    }

    /// The entry's instruction set.
    let instructionSet: InstructionSet
    /// Applies a real kernel to `count` amplitudes in real form.
    private let applyReal: @Sendable (KernelOperation, UnsafeMutablePointer<Double>, Int) -> Void
    /// Applies a kernel to `count` amplitudes in complex form.
    private let applyComplex: @Sendable (KernelOperation, UnsafeMutablePointer<Double>, Int) -> Void
    /// `VectorLoops.rotateBoth` of the entry.
    private let rotateBothLoop: @Sendable (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, Int, Range<Int>,
                                           Double, Double, Double, Double, Bool) -> PairSums

    /// `VectorLoops.batchRotate` of the entry.
    private let batchRotateLoop: @Sendable (BatchPairs, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                                            UnsafeMutablePointer<Double>) -> Void
    /// `VectorLoops.batchRotateBoth` of the entry.
    private let batchRotateBothLoop: @Sendable (BatchPairs, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                                                UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                                                UnsafeMutablePointer<Double>?) -> Void

    /// `VectorLoops.batchExpectationsZ` and `batchWeightedZ` of the entry.
    private let batchExpectationsZLoop: @Sendable (UnsafeMutablePointer<Double>, Int, Int, [Int], UnsafeMutablePointer<Double>) -> Void
    private let batchWeightedZLoop: @Sendable (UnsafeMutablePointer<Double>, Int, Int, [Int], UnsafeMutablePointer<Double>) -> Void

    /// The entry for `Loops`.
    private init<Loops: VectorLoops>(_ instructionSet: InstructionSet, _ loops: Loops.Type) {
        self.instructionSet = instructionSet
        applyReal = { RealKernels.apply($0, $1, count: $2, Loops.self) }
        applyComplex = { Kernels.apply($0, $1, count: $2, Loops.self) }
        rotateBothLoop = { Loops.rotateBoth($0, $1, qubit: $2, runs: $3, $4, $5, $6, $7, measuring: $8) }
        batchRotateLoop = { Loops.batchRotate($0, $1, cosines: $2, sines: $3) }
        batchRotateBothLoop = { Loops.batchRotateBoth($0, $1, $2, cosines: $3, sines: $4, sums: $5) }
        batchExpectationsZLoop = { Loops.batchExpectationsZ($0, width: $1, count: $2, masks: $3, totals: $4) }
        batchWeightedZLoop = { Loops.batchWeightedZ($0, width: $1, count: $2, masks: $3, coefficients: $4) }
    }

    /// The table: one entry per instruction set.
    private static let portableEntry = KernelSet(.portable, PortableLoops.self)
    private static let avx2Entry = KernelSet(.avx2, AVX2Loops.self)

    /// The table's entry for `instructionSet`.
    static func entry(_ instructionSet: InstructionSet) -> KernelSet {
        switch instructionSet {
        case .portable: return portableEntry
        case .avx2: return avx2Entry
        }
    }

    /// The fastest entry this CPU runs and `configuration` allows.
    static func entry(for configuration: StatevectorConfiguration) -> KernelSet {
        entry(configuration.vectorExtensions && AVX2Loops.isAvailable ? .avx2 : .portable)
    }

    /// Applies `op` to `count` amplitudes at `p`, stored in real form when `real` (then `op`
    /// must be real: `KernelOperation.isReal`) or in complex form.
    @inline(__always)
    func apply(_ op: KernelOperation, _ p: UnsafeMutablePointer<Double>, count: Int, real: Bool) {
        if real { applyReal(op, p, count) } else { applyComplex(op, p, count) }
    }

    /// The fused adjoint step over the pair runs `runs` of qubit `q` of two registers in real
    /// form (see `VectorLoops.rotateBoth`).
    @inline(__always)
    func rotateBoth(_ psi: UnsafeMutablePointer<Double>, _ lambda: UnsafeMutablePointer<Double>, qubit q: Int,
                    runs: Range<Int>, _ a: Double, _ b: Double, _ c: Double, _ d: Double,
                    measuring: Bool) -> PairSums {
        rotateBothLoop(psi, lambda, q, runs, a, b, c, d, measuring)
    }

    /// RY with each lane's cosine and sine on the stored pairs of a batch (see `VectorLoops.batchRotate`).
    @inline(__always)
    func batchRotate(_ pairs: BatchPairs, _ rows: UnsafeMutablePointer<Double>,
                     cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>) {
        batchRotateLoop(pairs, rows, cosines, sines)
    }

    /// The fused adjoint step of one RY on two batches (see `VectorLoops.batchRotateBoth`).
    @inline(__always)
    func batchRotateBoth(_ pairs: BatchPairs, _ psi: UnsafeMutablePointer<Double>, _ lambda: UnsafeMutablePointer<Double>,
                         cosines: UnsafeMutablePointer<Double>, sines: UnsafeMutablePointer<Double>,
                         sums: UnsafeMutablePointer<Double>?) {
        batchRotateBothLoop(pairs, psi, lambda, cosines, sines, sums)
    }

    /// ⟨Z_q⟩ partial sums of a batch's lanes (see `VectorLoops.batchExpectationsZ`).
    @inline(__always)
    func batchExpectationsZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                            totals: UnsafeMutablePointer<Double>) {
        batchExpectationsZLoop(rows, width, count, masks, totals)
    }

    /// A batch's rows times Σ_q ±g_q (see `VectorLoops.batchWeightedZ`).
    @inline(__always)
    func batchWeightedZ(_ rows: UnsafeMutablePointer<Double>, width: Int, count: Int, masks: [Int],
                        coefficients: UnsafeMutablePointer<Double>) {
        batchWeightedZLoop(rows, width, count, masks, coefficients)
    }
}

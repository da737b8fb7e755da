import Numerics
import QompressCore
import QompressLinearAlgebra

/// A matrix-product-state register: the backend for many qubits and limited entanglement.
///
/// Qubit q lives on site q of a chain of rank-3 site tensors A_q[l, s, r] of shape
/// χ_q × 2 × χ_{q+1} (complex128, one contiguous column-major buffer per site, `l`
/// fastest). The chain is kept in mixed canonical form: sites left of the tracked
/// orthogonality centre are left-orthonormal, sites right of it right-orthonormal, so the
/// singular values of every two-site update performed at the centre are the true Schmidt
/// values and the discarded weight of a truncation is exact.
///
/// - One-qubit gates are not applied at once: they are multiplied into a pending 2 × 2
///   matrix per qubit and folded into the next two-qubit gate on that qubit (or applied
///   locally, without an SVD, before any measurement).
/// - Two-qubit gates on neighbours merge the two sites with `zgemm`, apply the gate,
///   split with `zgesdd` (falling back to `zgesvd`), truncate per `configuration`, and leave
///   the centre on the side the circuit is sweeping towards. Real states and gates use real
///   arithmetic, and a well-conditioned real split is computed from the Gram matrix of the
///   merged tensor (`RealGramDecomposer`) with the same truncation (see `Docs/MPS.md`).
/// - Gates on distant qubits are routed with SWAPs and the qubits are swapped back, so
///   site q is always qubit q between operations (see `Docs/MPS.md`).
/// - CCX and CSWAP are decomposed exactly into one- and two-qubit gates.
///
/// `truncationReport` describes what truncation did since the last `prepare…` call.
public final class MPSBackend: Backend {
    /// χ_max, cutoff and arithmetic settings.
    public typealias Configuration = MPSConfiguration

    /// The largest qubit count accepted.
    public static let maxQubitCount = 1 << 20
    /// The largest qubit count for which `statevector()` and `probabilities()` are offered.
    public static let maxDenseQubitCount = 24

    /// The settings the register was created with.
    public let configuration: MPSConfiguration
    /// The number of qubits (sites of the chain).
    public let qubitCount: Int

    /// `"mps"`, exact only in `.exact` mode, dense output up to `maxDenseQubitCount` qubits.
    public var capabilities: BackendCapabilities { configuration.capabilities }

    // MARK: Storage

    /// Site tensors; site q has `bonds[q] * 2 * bonds[q + 1]` valid elements.
    var sites: [UnsafeMutablePointer<Complex<Double>>]
    /// Allocated element count of each site buffer.
    var capacities: [Int]
    /// Bond dimensions χ_0 … χ_n (χ_0 = χ_n = 1).
    var bonds: [Int]
    /// The orthogonality centre.
    var centre: Int
    /// Pending one-qubit gates, row-major 2 × 2 per qubit (valid where `hasPending`).
    var pending: [Complex<Double>]
    /// Which qubits carry a pending gate.
    var hasPending: [Bool]
    /// Whether every site tensor is real (enables the real-arithmetic path).
    var isReal: Bool
    /// The direction of the last two-qubit update (+1 rightwards, −1 leftwards).
    var sweepDirection = 1
    /// The bond of the last two-qubit update.
    var lastBond = -1
    /// Per bond (two-site update at sites q, q + 1): whether the last decomposition there found
    /// Θ well-conditioned (initially true), so the next one tries the cheaper Gram route first. A deterministic
    /// function of the operations since the last preparation (only the route depends on it).
    var gramHints: [Bool]

    // MARK: Report state

    var truncations: [TruncationReport.Truncation] = []
    var fidelityEstimate = 1.0
    var maxBonds: [Int]
    var swapCount = 0
    var svdCount = 0
    /// How many of the `svdCount` splits took the Gram route (for tests; reset with the report).
    var gramSplitCount = 0

    let workspace = MPSWorkspace()

    /// Creates a register of `qubitCount` qubits in |0…0⟩.
    /// - Throws: `CircuitError.invalidQubitCount` for fewer than one or more than
    ///   `maxQubitCount` qubits.
    public convenience init(qubitCount: Int, configuration: MPSConfiguration) throws {
        guard qubitCount >= 1, qubitCount <= MPSBackend.maxQubitCount else {
            throw CircuitError.invalidQubitCount(qubitCount)
        }
        self.init(validatedQubitCount: qubitCount, configuration: configuration)
    }

    /// The register for a qubit count already checked (by `init(qubitCount:configuration:)` or
    /// by the register being copied).
    private init(validatedQubitCount qubitCount: Int, configuration: MPSConfiguration) {
        self.qubitCount = qubitCount
        self.configuration = configuration
        sites = (0..<qubitCount).map { _ in allocatePadded(2) }
        capacities = [Int](repeating: 2, count: qubitCount)
        bonds = [Int](repeating: 1, count: qubitCount + 1)
        centre = 0
        pending = [Complex<Double>](repeating: .zero, count: 4 * qubitCount)
        hasPending = [Bool](repeating: false, count: qubitCount)
        isReal = true
        maxBonds = [Int](repeating: 1, count: max(0, qubitCount - 1))
        gramHints = [Bool](repeating: true, count: max(0, qubitCount - 1))
        prepareZeroState()
    }

    deinit {
        for p in sites { p.deallocate() }
    }

    // MARK: Preparation

    /// Resets to |0…0⟩ (all bonds 1, centre 0) and clears the truncation report.
    public func prepareZeroState() {
        setProductState { _ in (Complex<Double>.one, Complex<Double>.zero) }
    }

    /// Resets to the product state ⊗_q `states[q]` and clears the truncation report.
    /// - Throws: `SimulationError.qubitCountMismatch` when `states.count != qubitCount`.
    public func prepare(productState states: [QubitState]) throws {
        guard states.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: states.count)
        }
        setProductState { (states[$0].alpha, states[$0].beta) }
    }

    private func setProductState(_ amplitudes: (Int) -> (Complex<Double>, Complex<Double>)) {
        var real = true
        for q in 0..<qubitCount {
            let p = reserveSite(q, count: 2)
            let (a, b) = amplitudes(q)
            p[0] = a
            p[1] = b
            if a.imaginary != 0 || b.imaginary != 0 { real = false }
            bonds[q] = 1
            hasPending[q] = false
        }
        bonds[qubitCount] = 1
        centre = 0
        isReal = real
        sweepDirection = 1
        lastBond = -1
        for b in gramHints.indices { gramHints[b] = true }
        resetReport()
    }

    /// Clears the truncation report (called by every `prepare…`).
    func resetReport() {
        truncations.removeAll(keepingCapacity: true)
        fidelityEstimate = 1
        for b in maxBonds.indices { maxBonds[b] = bonds[b + 1] }
        swapCount = 0
        svdCount = 0
        gramSplitCount = 0
    }

    /// What truncation did since the last `prepareZeroState()` / `prepare(productState:)`.
    public var truncationReport: TruncationReport {
        TruncationReport(truncations: truncations, fidelityEstimate: fidelityEstimate,
                         maxBondDimensions: maxBonds, bondDimensions: Array(bonds[1..<qubitCount]),
                         swapCount: swapCount, svdCount: svdCount)
    }

    /// The current dimension of every bond (bond b joins qubits b and b + 1).
    public var bondDimensions: [Int] { Array(bonds[1..<qubitCount]) }

    // MARK: Copy

    /// An independent register with the same tensors, pending gates and report.
    public func copy() -> MPSBackend {
        let other = MPSBackend(validatedQubitCount: qubitCount, configuration: configuration)
        for q in 0..<qubitCount {
            let count = siteCount(q)
            other.reserveSite(q, count: count).update(from: sites[q], count: count)
        }
        other.bonds = bonds
        other.centre = centre
        other.pending = pending
        other.hasPending = hasPending
        other.isReal = isReal
        other.sweepDirection = sweepDirection
        other.lastBond = lastBond
        other.gramHints = gramHints
        other.truncations = truncations
        other.fidelityEstimate = fidelityEstimate
        other.maxBonds = maxBonds
        other.swapCount = swapCount
        other.svdCount = svdCount
        other.gramSplitCount = gramSplitCount
        return other
    }

    // MARK: Site storage

    /// The number of valid elements of site `q`.
    @inline(__always)
    func siteCount(_ q: Int) -> Int { bonds[q] * 2 * bonds[q + 1] }

    /// Ensures site `q` can hold `count` elements (contents are discarded if it grows).
    @discardableResult
    func reserveSite(_ q: Int, count: Int) -> UnsafeMutablePointer<Complex<Double>> {
        if count > capacities[q] {
            sites[q].deallocate()
            let capacity = max(count, capacities[q] * 2)
            sites[q] = allocatePadded(capacity)
            capacities[q] = capacity
        }
        return sites[q]
    }

    /// Replaces site `q` by `count` elements copied from `source`.
    func storeSite(_ q: Int, from source: UnsafePointer<Complex<Double>>, count: Int) {
        reserveSite(q, count: count).update(from: source, count: count)
    }

    /// Records the current dimension of bond `b` (between sites b and b + 1) in the report.
    @inline(__always)
    func noteBond(_ b: Int) {
        if b >= 0, b < maxBonds.count, bonds[b + 1] > maxBonds[b] { maxBonds[b] = bonds[b + 1] }
    }
}

extension MPSBackend {
    /// Sets the number of threads OpenBLAS uses for the MPS's BLAS and LAPACK calls
    /// (the effect of `OPENBLAS_NUM_THREADS`; 1 for fair single-core comparisons).
    public static func setLinearAlgebraThreadCount(_ count: Int) {
        BLAS.setThreadCount(count)
    }
}

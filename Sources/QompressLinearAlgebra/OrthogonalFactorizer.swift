import CLapack
import Numerics
import QompressCore

/// QR and LQ factorisations of complex column-major matrices through LAPACKE
/// (`zgeqrf`/`zungqr`, `zgelqf`/`zunglq`), with reusable workspaces.
///
/// These move an MPS orthogonality centre without truncation: cheaper than an SVD and
/// exact. One instance per thread.
public final class OrthogonalFactorizer {
    private let tau = WorkspaceBuffer<Complex<Double>>()
    private let work = WorkspaceBuffer<Complex<Double>>()

    /// Creates a factorizer with empty workspaces.
    public init() {}

    /// Factorises the `m × n` matrix `A = Q · R` with `k = min(m, n)`.
    ///
    /// On return the first `k` columns of `a` hold `Q` (`m × k`, orthonormal columns,
    /// leading dimension `lda`), and `r` holds the upper-trapezoidal `R` (`k × n`, leading
    /// dimension `ldr ≥ k`).
    /// - Throws: `SimulationError.lapackFailure` when LAPACK reports an error.
    public func qr(m: Int, n: Int, a: UnsafeMutablePointer<Complex<Double>>, lda: Int,
                   r: UnsafeMutablePointer<Complex<Double>>, ldr: Int) throws {
        let k = min(m, n)
        guard m >= 1, n >= 1, lda >= m, ldr >= k else {
            throw SimulationError.invalidArgument("QR of a \(m) × \(n) matrix with lda \(lda), ldr \(ldr)")
        }
        let t = LapackPointer(tau.reserve(k))
        let A = LapackPointer(a)
        try work.checkedLAPACKCall("zgeqrf") {
            LAPACKE_zgeqrf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), A, Int32(lda), t, $0, $1)
        }
        // R: the upper trapezoid of the first k rows.
        for j in 0..<n {
            let column = r + j * ldr
            let top = min(j + 1, k)
            column.update(from: a + j * lda, count: top)
            if top < k { (column + top).update(repeating: .zero, count: k - top) }
        }
        try work.checkedLAPACKCall("zungqr") {
            LAPACKE_zungqr_work(LAPACK_COL_MAJOR, Int32(m), Int32(k), Int32(k), A, Int32(lda), t, $0, $1)
        }
    }

    /// Factorises the `m × n` matrix `A = L · Q` with `k = min(m, n)`.
    ///
    /// On return the first `k` rows of `a` hold `Q` (`k × n`, orthonormal rows, leading
    /// dimension `lda`), and `l` holds the lower-trapezoidal `L` (`m × k`, leading
    /// dimension `ldl ≥ m`).
    /// - Throws: `SimulationError.lapackFailure` when LAPACK reports an error.
    public func lq(m: Int, n: Int, a: UnsafeMutablePointer<Complex<Double>>, lda: Int,
                   l: UnsafeMutablePointer<Complex<Double>>, ldl: Int) throws {
        let k = min(m, n)
        guard m >= 1, n >= 1, lda >= m, ldl >= m else {
            throw SimulationError.invalidArgument("LQ of a \(m) × \(n) matrix with lda \(lda), ldl \(ldl)")
        }
        let t = LapackPointer(tau.reserve(k))
        let A = LapackPointer(a)
        try work.checkedLAPACKCall("zgelqf") {
            LAPACKE_zgelqf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), A, Int32(lda), t, $0, $1)
        }
        // L: the lower trapezoid of the first k columns.
        for j in 0..<k {
            let column = l + j * ldl
            if j > 0 { column.update(repeating: .zero, count: j) }
            (column + j).update(from: a + j * lda + j, count: m - j)
        }
        try work.checkedLAPACKCall("zunglq") {
            LAPACKE_zunglq_work(LAPACK_COL_MAJOR, Int32(k), Int32(n), Int32(k), A, Int32(lda), t, $0, $1)
        }
    }
}

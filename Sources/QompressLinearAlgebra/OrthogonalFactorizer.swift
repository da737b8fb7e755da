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
        let t = tau.reserve(k)
        let A = LapackPointer(a)
        let lwork = try workspaceSize(routine: "zgeqrf") { q in
            LAPACKE_zgeqrf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), A, Int32(lda), LapackPointer(t), q, -1)
        }
        let w1 = work.reserve(lwork)
        var info = LAPACKE_zgeqrf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), A, Int32(lda),
                                       LapackPointer(t), LapackPointer(w1), Int32(lwork))
        guard info == 0 else { throw SimulationError.lapackFailure(routine: "zgeqrf", info: Int(info)) }
        // R: the upper trapezoid of the first k rows.
        for j in 0..<n {
            let column = r + j * ldr
            let top = min(j + 1, k)
            column.update(from: a + j * lda, count: top)
            if top < k { (column + top).update(repeating: .zero, count: k - top) }
        }
        let lwork2 = try workspaceSize(routine: "zungqr") { q in
            LAPACKE_zungqr_work(LAPACK_COL_MAJOR, Int32(m), Int32(k), Int32(k), A, Int32(lda), LapackPointer(t), q, -1)
        }
        let w2 = work.reserve(lwork2)
        info = LAPACKE_zungqr_work(LAPACK_COL_MAJOR, Int32(m), Int32(k), Int32(k), A, Int32(lda),
                                   LapackPointer(t), LapackPointer(w2), Int32(lwork2))
        guard info == 0 else { throw SimulationError.lapackFailure(routine: "zungqr", info: Int(info)) }
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
        let t = tau.reserve(k)
        let A = LapackPointer(a)
        let lwork = try workspaceSize(routine: "zgelqf") { q in
            LAPACKE_zgelqf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), A, Int32(lda), LapackPointer(t), q, -1)
        }
        let w1 = work.reserve(lwork)
        var info = LAPACKE_zgelqf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), A, Int32(lda),
                                       LapackPointer(t), LapackPointer(w1), Int32(lwork))
        guard info == 0 else { throw SimulationError.lapackFailure(routine: "zgelqf", info: Int(info)) }
        // L: the lower trapezoid of the first k columns.
        for j in 0..<k {
            let column = l + j * ldl
            if j > 0 { column.update(repeating: .zero, count: j) }
            (column + j).update(from: a + j * lda + j, count: m - j)
        }
        let lwork2 = try workspaceSize(routine: "zunglq") { q in
            LAPACKE_zunglq_work(LAPACK_COL_MAJOR, Int32(k), Int32(n), Int32(k), A, Int32(lda), LapackPointer(t), q, -1)
        }
        let w2 = work.reserve(lwork2)
        info = LAPACKE_zunglq_work(LAPACK_COL_MAJOR, Int32(k), Int32(n), Int32(k), A, Int32(lda),
                                   LapackPointer(t), LapackPointer(w2), Int32(lwork2))
        guard info == 0 else { throw SimulationError.lapackFailure(routine: "zunglq", info: Int(info)) }
    }

    private func workspaceSize(routine: String,
                               _ query: (UnsafeMutablePointer<qompress_complex_double>) -> Int32) throws -> Int {
        var size = Complex<Double>.zero
        let info = withUnsafeMutablePointer(to: &size) { query(LapackPointer($0)) }
        guard info == 0 else { throw SimulationError.lapackFailure(routine: routine, info: Int(info)) }
        return max(1, Int(size.real))
    }
}

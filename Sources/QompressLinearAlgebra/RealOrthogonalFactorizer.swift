import CLapack
import QompressCore

/// QR and LQ factorisations of real column-major matrices through LAPACKE
/// (`dgeqrf`/`dorgqr`, `dgelqf`/`dorglq`), or in Swift for small ones (`SmallHouseholderQR`,
/// up to `smallSizeLimit` elements), with reusable workspaces: the real counterpart
/// of `OrthogonalFactorizer`, for moving the centre of a real MPS. One instance per thread.
public final class RealOrthogonalFactorizer {
    /// Matrices of at most this many elements are factorised by `SmallHouseholderQR` (in
    /// Swift), larger ones by LAPACK.
    public static let smallSizeLimit = 2048

    private let tau = WorkspaceBuffer<Double>()
    private let work = WorkspaceBuffer<Double>()

    /// Creates a factorizer with empty workspaces.
    public init() {}

    /// `A = Q · R` for the real `m × n` matrix in `a` (`k = min(m, n)`): on return the first
    /// `k` columns of `a` hold `Q` and `r` holds `R` (`k × n`, leading dimension `ldr ≥ k`).
    /// - Throws: `SimulationError.invalidArgument` for bad dimensions, or
    ///   `SimulationError.lapackFailure` when LAPACK reports an error.
    public func qr(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                   r: UnsafeMutablePointer<Double>, ldr: Int) throws {
        let k = min(m, n)
        guard m >= 1, n >= 1, lda >= m, ldr >= k else {
            throw SimulationError.invalidArgument("real QR of a \(m) × \(n) matrix with lda \(lda), ldr \(ldr)")
        }
        if m * n <= RealOrthogonalFactorizer.smallSizeLimit {
            SmallHouseholderQR.qr(m: m, n: n, a: a, lda: lda, r: r, ldr: ldr, scratch: work.reserve(m * k + k))
            return
        }
        let t = tau.reserve(k)
        try work.checkedLAPACKCall("dgeqrf") {
            LAPACKE_dgeqrf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), a, Int32(lda), t, $0, $1)
        }
        for j in 0..<n {
            let column = r + j * ldr
            let top = min(j + 1, k)
            column.update(from: a + j * lda, count: top)
            if top < k { (column + top).update(repeating: 0, count: k - top) }
        }
        try work.checkedLAPACKCall("dorgqr") {
            LAPACKE_dorgqr_work(LAPACK_COL_MAJOR, Int32(m), Int32(k), Int32(k), a, Int32(lda), t, $0, $1)
        }
    }

    /// `A = L · Q` for the real `m × n` matrix in `a` (`k = min(m, n)`): on return the first
    /// `k` rows of `a` hold `Q` and `l` holds `L` (`m × k`, leading dimension `ldl ≥ m`).
    /// - Throws: `SimulationError.invalidArgument` for bad dimensions, or
    ///   `SimulationError.lapackFailure` when LAPACK reports an error.
    public func lq(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int,
                   l: UnsafeMutablePointer<Double>, ldl: Int) throws {
        let k = min(m, n)
        guard m >= 1, n >= 1, lda >= m, ldl >= m else {
            throw SimulationError.invalidArgument("real LQ of a \(m) × \(n) matrix with lda \(lda), ldl \(ldl)")
        }
        if m * n <= RealOrthogonalFactorizer.smallSizeLimit {
            SmallHouseholderQR.lq(m: m, n: n, a: a, lda: lda, l: l, ldl: ldl,
                                  scratch: work.reserve(n * m + k * m + n * k + k))
            return
        }
        let t = tau.reserve(k)
        try work.checkedLAPACKCall("dgelqf") {
            LAPACKE_dgelqf_work(LAPACK_COL_MAJOR, Int32(m), Int32(n), a, Int32(lda), t, $0, $1)
        }
        for j in 0..<k {
            let column = l + j * ldl
            if j > 0 { column.update(repeating: 0, count: j) }
            (column + j).update(from: a + j * lda + j, count: m - j)
        }
        try work.checkedLAPACKCall("dorglq") {
            LAPACKE_dorglq_work(LAPACK_COL_MAJOR, Int32(k), Int32(n), Int32(k), a, Int32(lda), t, $0, $1)
        }
    }
}

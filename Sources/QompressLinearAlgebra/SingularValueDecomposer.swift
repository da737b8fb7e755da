import CLapack
import Numerics
import QompressCore

/// The LAPACK routine that produced a singular value decomposition.
public enum SVDRoutine: String, Hashable, Sendable, Codable {
    /// Divide and conquer (`zgesdd`), the fast default.
    case zgesdd
    /// The QR-iteration driver (`zgesvd`), used when `zgesdd` does not converge.
    case zgesvd
    /// Real divide and conquer (`dgesdd`).
    case dgesdd
    /// The real QR-iteration driver (`dgesvd`).
    case dgesvd
}

/// Thin singular value decompositions `A = U · diag(s) · V†` of complex column-major
/// matrices through LAPACKE, with reusable workspaces.
///
/// `zgesdd` is tried first; when it reports that it did not converge (`info > 0`) the
/// original matrix is restored and `zgesvd` is run instead. Any other nonzero `info`
/// (an illegal argument — LAPACK also reports a matrix containing NaN this way) is
/// thrown as `SimulationError.lapackFailure`. The `_work` LAPACKE entry points are used
/// with workspace queries, so repeated decompositions of the same size allocate nothing.
///
/// One instance per thread: the workspaces are not shared safely.
public final class SingularValueDecomposer {
    private let backup = WorkspaceBuffer<Complex<Double>>()
    private let work = WorkspaceBuffer<Complex<Double>>()
    private let realWork = WorkspaceBuffer<Double>()
    private let integerWork = WorkspaceBuffer<Int32>()
    /// How often `zgesdd` failed to converge and `zgesvd` was used instead.
    public private(set) var fallbackCount = 0

    /// Creates a decomposer with empty workspaces.
    public init() {}

    /// Computes the thin SVD of the `m × n` matrix in `a` (column-major, leading
    /// dimension `lda`). With `k = min(m, n)`:
    ///
    /// - `singularValues` receives the `k` singular values in descending order;
    /// - `u` receives `U` (`m × k`, leading dimension `ldu ≥ m`);
    /// - `vAdjoint` receives `V†` (`k × n`, leading dimension `ldvAdjoint ≥ k`).
    ///
    /// The contents of `a` are destroyed.
    /// - Returns: the routine that produced the result.
    /// - Throws: `SimulationError.invalidArgument` for dimensions LAPACK cannot index, or
    ///   `SimulationError.lapackFailure` for an error reported by LAPACK (including
    ///   non-convergence of the `zgesvd` fallback).
    @discardableResult
    public func decompose(
        m: Int, n: Int,
        a: UnsafeMutablePointer<Complex<Double>>, lda: Int,
        singularValues: UnsafeMutablePointer<Double>,
        u: UnsafeMutablePointer<Complex<Double>>, ldu: Int,
        vAdjoint: UnsafeMutablePointer<Complex<Double>>, ldvAdjoint: Int
    ) throws -> SVDRoutine {
        let k = min(m, n)
        guard m >= 1, n >= 1, lda >= m, ldu >= m, ldvAdjoint >= k else {
            throw SimulationError.invalidArgument("SVD of a \(m) × \(n) matrix with lda \(lda), ldu \(ldu), ldvt \(ldvAdjoint)")
        }
        guard m * n < Int(Int32.max), lda * n < Int(Int32.max) else {
            throw SimulationError.invalidArgument("SVD of a \(m) × \(n) matrix exceeds 32-bit LAPACK indexing")
        }
        // zgesdd overwrites A even when it fails; keep a copy for the fallback.
        let saved = backup.reserve(m * n)
        for j in 0..<n { (saved + j * m).update(from: a + j * lda, count: m) }

        let info = try divideAndConquer(m: m, n: n, a: a, lda: lda, s: singularValues,
                                        u: u, ldu: ldu, vt: vAdjoint, ldvt: ldvAdjoint)
        if info == 0 { return .zgesdd }
        guard info > 0 else { throw SimulationError.lapackFailure(routine: "zgesdd", info: Int(info)) }

        fallbackCount += 1
        for j in 0..<n { (a + j * lda).update(from: saved + j * m, count: m) }
        let fallbackInfo = try qrIteration(m: m, n: n, a: a, lda: lda, s: singularValues,
                                           u: u, ldu: ldu, vt: vAdjoint, ldvt: ldvAdjoint)
        guard fallbackInfo == 0 else {
            throw SimulationError.lapackFailure(routine: "zgesvd", info: Int(fallbackInfo))
        }
        return .zgesvd
    }

    private func divideAndConquer(
        m: Int, n: Int, a: UnsafeMutablePointer<Complex<Double>>, lda: Int, s: UnsafeMutablePointer<Double>,
        u: UnsafeMutablePointer<Complex<Double>>, ldu: Int, vt: UnsafeMutablePointer<Complex<Double>>, ldvt: Int
    ) throws -> Int32 {
        let k = min(m, n), big = max(m, n)
        let rworkCount = max(1, k * max(5 * k + 7, 2 * big + 2 * k + 1))
        let rwork = realWork.reserve(rworkCount)
        let iwork = integerWork.reserve(max(1, 8 * k))
        let A = LapackPointer(a), U = LapackPointer(u), VT = LapackPointer(vt)
        return try work.lapackCall("zgesdd") {
            LAPACKE_zgesdd_work(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "S")), Int32(m), Int32(n),
                                A, Int32(lda), s, U, Int32(ldu), VT, Int32(ldvt), $0, $1, rwork, iwork)
        }
    }

    private func qrIteration(
        m: Int, n: Int, a: UnsafeMutablePointer<Complex<Double>>, lda: Int, s: UnsafeMutablePointer<Double>,
        u: UnsafeMutablePointer<Complex<Double>>, ldu: Int, vt: UnsafeMutablePointer<Complex<Double>>, ldvt: Int
    ) throws -> Int32 {
        let k = min(m, n)
        let rwork = realWork.reserve(max(1, 5 * k))
        let A = LapackPointer(a), U = LapackPointer(u), VT = LapackPointer(vt)
        let job = Int8(UInt8(ascii: "S"))
        return try work.lapackCall("zgesvd") {
            LAPACKE_zgesvd_work(LAPACK_COL_MAJOR, job, job, Int32(m), Int32(n), A, Int32(lda), s,
                                U, Int32(ldu), VT, Int32(ldvt), $0, $1, rwork)
        }
    }
}

/// Reinterprets a `Complex<Double>` pointer as LAPACKE's complex struct pointer (same layout).
@inline(__always)
func LapackPointer(_ p: UnsafeMutablePointer<Complex<Double>>) -> UnsafeMutablePointer<qompress_complex_double> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: qompress_complex_double.self)
}

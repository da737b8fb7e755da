import CLapack
import Foundation
import Numerics

/// Thin, unchecked-pointer wrappers over CBLAS for complex double precision.
///
/// **Layout.** Every routine in this module uses *column-major* storage, the native
/// layout of LAPACK, so that LAPACKE never has to transpose a copy: element `(i, j)` of an
/// `m × n` matrix with leading dimension `ld ≥ m` lives at `pointer[i + j * ld]`.
/// `Complex<Double>` from swift-numerics has the same layout as C's `double _Complex`
/// (real part, then imaginary part), so buffers of it are passed to BLAS directly.
public enum BLAS {
    /// `C ← α · op(A) · op(B) + β · C` through `cblas_zgemm` (column-major).
    ///
    /// - Parameters:
    ///   - opA: how `A` enters the product; `op(A)` is `m × k`.
    ///   - opB: how `B` enters the product; `op(B)` is `k × n`.
    ///   - m: rows of `op(A)` and `C`.
    ///   - n: columns of `op(B)` and `C`.
    ///   - k: the contracted dimension.
    ///   - alpha: scale of the product.
    ///   - a: `A`, stored with leading dimension `lda`.
    ///   - lda: leading dimension of `A` (≥ its stored row count, ≥ 1).
    ///   - b: `B`, stored with leading dimension `ldb`.
    ///   - ldb: leading dimension of `B`.
    ///   - beta: scale of the previous `C` (with `β = 0`, `C` need not be initialised).
    ///   - c: the output, `m × n` with leading dimension `ldc ≥ m`.
    ///   - ldc: leading dimension of `C`.
    ///
    /// The caller guarantees that the buffers are large enough and that `c` does not alias
    /// `a` or `b`; the dimensions are not range-checked here (this is the hot path).
    @inline(__always)
    public static func gemm(
        _ opA: MatrixOperation, _ opB: MatrixOperation,
        m: Int, n: Int, k: Int,
        alpha: Complex<Double> = .one,
        a: UnsafePointer<Complex<Double>>, lda: Int,
        b: UnsafePointer<Complex<Double>>, ldb: Int,
        beta: Complex<Double> = .zero,
        c: UnsafeMutablePointer<Complex<Double>>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        BLAS.applyThreadingPolicy()
        var alpha = alpha
        var beta = beta
        withUnsafePointer(to: &alpha) { alphaPointer in
            withUnsafePointer(to: &beta) { betaPointer in
                cblas_zgemm(CblasColMajor, opA.cblas, opB.cblas,
                            Int32(m), Int32(n), Int32(k),
                            UnsafeRawPointer(alphaPointer), UnsafeRawPointer(a), Int32(max(lda, 1)),
                            UnsafeRawPointer(b), Int32(max(ldb, 1)),
                            UnsafeRawPointer(betaPointer), UnsafeMutableRawPointer(c), Int32(max(ldc, 1)))
            }
        }
    }

    /// `C ← α · op(A) · op(B) + β · C` for real matrices through `cblas_dgemm`
    /// (column-major; `.adjoint` means the transpose). Same conventions as `gemm`.
    @inline(__always)
    public static func realGemm(
        _ opA: MatrixOperation, _ opB: MatrixOperation,
        m: Int, n: Int, k: Int,
        alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        BLAS.applyThreadingPolicy()
        cblas_dgemm(CblasColMajor, opA.cblas, opB.cblas, Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(max(lda, 1)), b, Int32(max(ldb, 1)), beta, c, Int32(max(ldc, 1)))
    }

    /// `C ← α · op(A) · op(A)ᵀ + β · C` for a real symmetric `n × n` result through
    /// `cblas_dsyrk` (column-major, upper triangle written): `op(A)` is `n × k`, `A` itself
    /// `n × k` for `.none` and `k × n` for `.transpose` (`.adjoint` is read as the transpose).
    /// Same conventions as `gemm`; the strictly lower triangle of `C` is left untouched.
    @inline(__always)
    public static func realSymmetricRankK(
        _ opA: MatrixOperation, n: Int, k: Int, alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int, beta: Double = 0,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if n == 0 { return }
        BLAS.applyThreadingPolicy()
        let trans = opA == .none ? CblasNoTrans : CblasTrans
        cblas_dsyrk(CblasColMajor, CblasUpper, trans, Int32(n), Int32(k), alpha, a, Int32(max(lda, 1)), beta,
                    c, Int32(max(ldc, 1)))
    }

    /// Limits OpenBLAS to `count` threads (the same effect as `OPENBLAS_NUM_THREADS`).
    public static func setThreadCount(_ count: Int) {
        applyThreadingPolicy()
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// One OpenBLAS thread per call unless `OPENBLAS_NUM_THREADS`, `GOTO_NUM_THREADS` or
    /// `OMP_NUM_THREADS` says otherwise, set once before the first BLAS or LAPACK call.
    ///
    /// The package parallelises above BLAS (samples of a batch, slices of a state, MPI ranks),
    /// and its matrices are small (an MPS two-site update is at most 2χ × 2χ): OpenBLAS's own
    /// threads only add start-up cost there, and the pthreads OpenBLAS that Debian ships can
    /// deadlock when several threads call its threaded GEMM at once (seen in this test suite:
    /// two `zgemm_thread_cn` calls waiting on each other).
    static let threadingPolicy: Void = {
        let environment = ProcessInfo.processInfo.environment
        if ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"].allSatisfy({ environment[$0] == nil }) {
            openblas_set_num_threads(1)
        }
    }()

    /// Applies `threadingPolicy` (once; later calls cost one check).
    @inline(__always)
    static func applyThreadingPolicy() { _ = threadingPolicy }
}

import Numerics
import QompressLinearAlgebra

/// The scalar of an expectation sweep: `Double` for a real state (sites packed to their real
/// parts), `Complex<Double>` otherwise (sites used as stored).
protocol SweepScalar: Numeric {
    /// Workspace buffer `index` (0 … 3) of this scalar type.
    static func buffer(_ workspace: MPSWorkspace, _ index: Int) -> WorkspaceBuffer<Self>
    /// Copies (or packs) a site's `count` entries into `destination`.
    static func pack(_ site: UnsafePointer<Complex<Double>>, into destination: UnsafeMutablePointer<Self>, count: Int)
    /// `C ← op(A) · op(B)` (column-major; `.adjoint` is the transpose for `Double`).
    static func product(_ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int,
                        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                        c: UnsafeMutablePointer<Self>, ldc: Int)
    /// Re(conj(a) · x).
    static func realOfConjugateProduct(_ a: Self, _ x: Self) -> Double
}

extension Double: SweepScalar {
    static func buffer(_ workspace: MPSWorkspace, _ index: Int) -> WorkspaceBuffer<Double> {
        [workspace.realA, workspace.realB, workspace.realTheta, workspace.realGated][index]
    }

    static func pack(_ site: UnsafePointer<Complex<Double>>, into destination: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { destination[i] = site[i].real }
    }

    static func product(_ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int,
                        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                        c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLAS.realGemm(opA, opB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
    }

    @inline(__always)
    static func realOfConjugateProduct(_ a: Double, _ x: Double) -> Double { a * x }
}

extension Complex: SweepScalar where RealType == Double {
    static func buffer(_ workspace: MPSWorkspace, _ index: Int) -> WorkspaceBuffer<Complex<Double>> {
        [workspace.theta, workspace.gated, workspace.scratch, workspace.scratch2][index]
    }

    static func pack(_ site: UnsafePointer<Complex<Double>>, into destination: UnsafeMutablePointer<Complex<Double>>,
                     count: Int) {
        destination.update(from: site, count: count)
    }

    static func product(_ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int,
                        a: UnsafePointer<Complex<Double>>, lda: Int, b: UnsafePointer<Complex<Double>>, ldb: Int,
                        c: UnsafeMutablePointer<Complex<Double>>, ldc: Int) {
        BLAS.gemm(opA, opB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
    }

    @inline(__always)
    static func realOfConjugateProduct(_ a: Complex<Double>, _ x: Complex<Double>) -> Double {
        a.real * x.real + a.imaginary * x.imaginary
    }
}

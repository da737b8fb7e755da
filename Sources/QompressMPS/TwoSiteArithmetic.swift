import Numerics
import QompressLinearAlgebra

/// The arithmetic of a two-site update (merge, gate, SVD, split): complex (`zgemm`, `zgesdd`)
/// for any state, or real (`dgemm`, a Gram eigen-decomposition or `dgesdd`) while the state
/// and the gate are real. The
/// update is written once, generic over this protocol, and specialised for both; the sites
/// themselves are always stored complex.
protocol TwoSiteArithmetic {
    /// `Complex<Double>` or `Double`.
    associatedtype Scalar: Numeric

    /// Θ = A_left · A_right (an (m × χm)(χm × n) product, column-major) in the workspace.
    static func merge(_ left: UnsafePointer<Complex<Double>>, _ right: UnsafePointer<Complex<Double>>,
                      m: Int, n: Int, chiM: Int, workspace: MPSWorkspace) -> UnsafeMutablePointer<Scalar>
    /// The gate's 16 entries in this arithmetic.
    static func entries(of gate: TwoSiteGate) -> [Scalar]
    /// The workspace buffers for the gated Θ, U and V†.
    static func buffers(_ workspace: MPSWorkspace)
        -> (gated: WorkspaceBuffer<Scalar>, u: WorkspaceBuffer<Scalar>, vt: WorkspaceBuffer<Scalar>)
    /// The SVD a = U Σ V† of an m × n matrix (destroying `a`).
    static func decompose(_ workspace: MPSWorkspace, m: Int, n: Int, a: UnsafeMutablePointer<Scalar>,
                          singularValues: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Scalar>,
                          vt: UnsafeMutablePointer<Scalar>, ldvt: Int) throws
    /// The singular values of the `m × n` matrix `a` (not modified) and the first
    /// `vectorCount` of its `side`'s orthonormal singular vectors (columns of a `k × k` matrix,
    /// leading dimension `k = min(m, n)`) from its Gram matrix; `false` when the eigensolver
    /// failed (then an SVD is used) or this arithmetic has no Gram route.
    static func gramDecompose(_ workspace: MPSWorkspace, _ side: GramSide, m: Int, n: Int,
                              a: UnsafePointer<Scalar>, singularValues: UnsafeMutablePointer<Double>,
                              vectors: UnsafeMutablePointer<Scalar>, vectorCount: Int) throws -> Bool
    /// `C ← α · op(A) · op(B)` (column-major; `.transpose` and `.adjoint` both conjugate-transpose).
    static func product(_ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int, alpha: Double,
                        a: UnsafePointer<Scalar>, lda: Int, b: UnsafePointer<Scalar>, ldb: Int,
                        c: UnsafeMutablePointer<Scalar>, ldc: Int)
    /// A factor entry as a site entry.
    static func site(_ x: Scalar) -> Complex<Double>
    /// A factor entry times a singular value, as a site entry (U's column j scaled by s_j).
    static func site(_ x: Scalar, scaledBy s: Double) -> Complex<Double>
    /// A singular value times a factor entry, as a site entry (V†'s row i scaled by s_i).
    static func site(_ x: Scalar, timesSingularValue s: Double) -> Complex<Double>
}

/// Complex two-site arithmetic: the sites are used in place.
enum ComplexTwoSiteArithmetic: TwoSiteArithmetic {
    static func merge(_ left: UnsafePointer<Complex<Double>>, _ right: UnsafePointer<Complex<Double>>,
                      m: Int, n: Int, chiM: Int, workspace: MPSWorkspace) -> UnsafeMutablePointer<Complex<Double>> {
        let theta = workspace.theta.reserve(m * n)
        BLAS.gemm(.none, .none, m: m, n: n, k: chiM, a: left, lda: m, b: right, ldb: chiM, c: theta, ldc: m)
        return theta
    }

    static func entries(of gate: TwoSiteGate) -> [Complex<Double>] { gate.entries }

    static func buffers(_ workspace: MPSWorkspace) -> (gated: WorkspaceBuffer<Complex<Double>>,
                                                       u: WorkspaceBuffer<Complex<Double>>,
                                                       vt: WorkspaceBuffer<Complex<Double>>) {
        (workspace.gated, workspace.u, workspace.vt)
    }

    static func decompose(_ workspace: MPSWorkspace, m: Int, n: Int, a: UnsafeMutablePointer<Complex<Double>>,
                          singularValues: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Complex<Double>>,
                          vt: UnsafeMutablePointer<Complex<Double>>, ldvt: Int) throws {
        try workspace.svd.decompose(m: m, n: n, a: a, lda: m, singularValues: singularValues, u: u, ldu: m,
                                    vAdjoint: vt, ldvAdjoint: ldvt)
    }

    static func gramDecompose(_ workspace: MPSWorkspace, _ side: GramSide, m: Int, n: Int,
                              a: UnsafePointer<Complex<Double>>, singularValues: UnsafeMutablePointer<Double>,
                              vectors: UnsafeMutablePointer<Complex<Double>>, vectorCount: Int) throws -> Bool { false }

    static func product(_ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int, alpha: Double,
                        a: UnsafePointer<Complex<Double>>, lda: Int, b: UnsafePointer<Complex<Double>>, ldb: Int,
                        c: UnsafeMutablePointer<Complex<Double>>, ldc: Int) {
        BLAS.gemm(opA == .none ? .none : .adjoint, opB == .none ? .none : .adjoint, m: m, n: n, k: k,
                  alpha: Complex(alpha), a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
    }

    @inline(__always)
    static func site(_ x: Complex<Double>) -> Complex<Double> { x }

    @inline(__always)
    static func site(_ x: Complex<Double>, scaledBy s: Double) -> Complex<Double> {
        Complex(s * x.real, s * x.imaginary)
    }

    @inline(__always)
    static func site(_ x: Complex<Double>, timesSingularValue s: Double) -> Complex<Double> { Complex(s) * x }
}

/// Real two-site arithmetic: the real parts of the sites are packed into real buffers.
enum RealTwoSiteArithmetic: TwoSiteArithmetic {
    static func merge(_ left: UnsafePointer<Complex<Double>>, _ right: UnsafePointer<Complex<Double>>,
                      m: Int, n: Int, chiM: Int, workspace: MPSWorkspace) -> UnsafeMutablePointer<Double> {
        let a = workspace.realA.reserve(m * chiM)
        let b = workspace.realB.reserve(chiM * n)
        for i in 0..<(m * chiM) { a[i] = left[i].real }
        for i in 0..<(chiM * n) { b[i] = right[i].real }
        let theta = workspace.realTheta.reserve(m * n)
        BLAS.realGemm(.none, .none, m: m, n: n, k: chiM, a: a, lda: m, b: b, ldb: chiM, c: theta, ldc: m)
        return theta
    }

    static func entries(of gate: TwoSiteGate) -> [Double] { gate.entries.map(\.real) }

    static func buffers(_ workspace: MPSWorkspace) -> (gated: WorkspaceBuffer<Double>, u: WorkspaceBuffer<Double>,
                                                       vt: WorkspaceBuffer<Double>) {
        (workspace.realGated, workspace.realU, workspace.realVT)
    }

    static func decompose(_ workspace: MPSWorkspace, m: Int, n: Int, a: UnsafeMutablePointer<Double>,
                          singularValues: UnsafeMutablePointer<Double>, u: UnsafeMutablePointer<Double>,
                          vt: UnsafeMutablePointer<Double>, ldvt: Int) throws {
        try workspace.realSVD.decompose(m: m, n: n, a: a, lda: m, singularValues: singularValues, u: u, ldu: m,
                                        vTranspose: vt, ldvTranspose: ldvt)
    }

    static func gramDecompose(_ workspace: MPSWorkspace, _ side: GramSide, m: Int, n: Int,
                              a: UnsafePointer<Double>, singularValues: UnsafeMutablePointer<Double>,
                              vectors: UnsafeMutablePointer<Double>, vectorCount: Int) throws -> Bool {
        try workspace.realGram.decompose(side, m: m, n: n, a: a, lda: m, singularValues: singularValues,
                                         vectors: vectors, ldVectors: min(m, n), vectorCount: vectorCount)
    }

    static func product(_ opA: MatrixOperation, _ opB: MatrixOperation, m: Int, n: Int, k: Int, alpha: Double,
                        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                        c: UnsafeMutablePointer<Double>, ldc: Int) {
        BLAS.realGemm(opA, opB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
    }

    @inline(__always)
    static func site(_ x: Double) -> Complex<Double> { Complex(x, 0) }

    @inline(__always)
    static func site(_ x: Double, scaledBy s: Double) -> Complex<Double> { Complex(s * x, 0) }

    @inline(__always)
    static func site(_ x: Double, timesSingularValue s: Double) -> Complex<Double> { Complex(s * x, 0) }
}

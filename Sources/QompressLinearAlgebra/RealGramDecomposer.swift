import CLapack
import QompressCore

/// Which singular vectors a Gram decomposition computes: the left ones, from the eigenvectors
/// of `A·Aᵀ`, or the right ones, from those of `Aᵀ·A`.
public enum GramSide: Hashable, Sendable {
    /// `U`, from `A·Aᵀ` (`m × m`); for matrices with `m ≤ n`.
    case left
    /// `V`, from `Aᵀ·A` (`n × n`); for matrices with `n ≤ m`.
    case right
}

/// The singular values and one orthonormal set of singular vectors of a real matrix from the
/// eigen-decomposition of its Gram matrix (`dsyrk`, then `SmallSymmetricEigensolver` up to
/// `smallOrderLimit` rows, `dsyevd` above): about 1.6 times faster
/// than `dgesdd` at the sizes of an MPS two-site update (32 × 32 to 128 × 128), because no
/// bidiagonalisation and no second set of vectors is computed.
///
/// **Accuracy.** The Gram matrix squares the condition number: its eigenvalues carry an
/// absolute error of about `order · ε · λ_max`, so a singular value `s` comes out with a
/// relative error of about `order · ε · (s_max / s)² / 2`, and singular values below about
/// `√(order · ε) · s_max` are not resolved at all (an SVD resolves down to `order · ε · s_max`).
/// The vectors are orthonormal to machine precision (they come from a symmetric
/// eigensolver), and the subspace of the singular values above a gap is accurate to about
/// `order · ε · λ_max / gap`. `isResolved(_:_:)` tells whether a singular value is resolved
/// to about six digits; a caller that needs more (a rank, a tiny weight) uses an SVD. The
/// other factor is best formed by the caller as a projection (`Uᵀ·A` or `A·V`), which never
/// divides by a singular value.
///
/// One instance per thread: the workspaces are not shared safely.
public final class RealGramDecomposer {
    /// The smallest ratio `λ / λ_max` of Gram eigenvalues, i.e. of `(s / s_max)²`, at which a
    /// singular value counts as resolved (relative error ≲ `order · 10⁻⁷` for orders ≤ 10⁴).
    public static let resolvedEigenvalueRatio = 1e-9

    /// The smallest ratio `s / s_max` at which a singular value counts as resolved: the
    /// square root of `resolvedEigenvalueRatio` (about 3.2 · 10⁻⁵).
    public static let resolvedSingularValueRatio = resolvedEigenvalueRatio.squareRoot()

    /// Whether the singular value `s` is resolved by a Gram decomposition whose largest
    /// singular value is `largest`.
    @inline(__always)
    public static func isResolved(_ s: Double, _ largest: Double) -> Bool {
        s >= resolvedSingularValueRatio * largest
    }

    /// Orders up to this one are decomposed by `SmallSymmetricEigensolver`, larger ones by
    /// `dsyevd` (whose blocked routines win above it).
    public static let smallOrderLimit = 48

    private let small = SmallSymmetricEigensolver()
    private let gram = WorkspaceBuffer<Double>()
    private let eigenvalues = WorkspaceBuffer<Double>()
    private let work = WorkspaceBuffer<Double>()
    private let integerWork = WorkspaceBuffer<Int32>()
    /// The order whose `dsyevd` workspace sizes are cached in `workCount`, `integerWorkCount`.
    private var cachedOrder = 0
    private var workCount = 0
    private var integerWorkCount = 0
    /// How often the eigensolver did not converge (then `decompose` returned `false`).
    public private(set) var failureCount = 0

    /// Creates a decomposer with empty workspaces.
    public init() {}

    /// For the real `m × n` matrix in `a` (column-major, leading dimension `lda`, not
    /// modified) and `k = min(m, n)`, the side's order (`m` for `.left`, `n` for `.right`)
    /// must equal `k`. On success:
    ///
    /// - `singularValues` receives the `k` singular values in descending order;
    /// - `vectors` (`k × k`, leading dimension `ldVectors ≥ k`) receives the matching
    ///   orthonormal singular vectors as columns: `U` for `.left`, `V` for `.right`.
    ///
    /// Eigenvalues that rounding made slightly negative give singular values of 0.
    /// - Returns: `false` (outputs unspecified) when the eigensolver did not converge or the matrix
    ///   is zero or not finite.
    /// - Throws: `SimulationError.invalidArgument` for bad dimensions, or
    ///   `SimulationError.lapackFailure` when `dsyevd` reports an illegal argument.
    public func decompose(_ side: GramSide, m: Int, n: Int, a: UnsafePointer<Double>, lda: Int,
                          singularValues: UnsafeMutablePointer<Double>,
                          vectors: UnsafeMutablePointer<Double>, ldVectors: Int) throws -> Bool {
        let k = min(m, n)
        let order: Int
        switch side {
        case .left: order = m
        case .right: order = n
        }
        guard m >= 1, n >= 1, lda >= m, order == k, ldVectors >= k, lda * n < Int(Int32.max) else {
            throw SimulationError.invalidArgument("Gram decomposition (\(side)) of a \(m) × \(n) matrix with lda \(lda), ldv \(ldVectors)")
        }
        let g = gram.reserve(k * k)
        switch side {
        case .left: BLAS.realSymmetricRankK(.none, n: k, k: n, a: a, lda: lda, c: g, ldc: k)
        case .right: BLAS.realSymmetricRankK(.transpose, n: k, k: m, a: a, lda: lda, c: g, ldc: k)
        }
        let w = eigenvalues.reserve(k)
        if k <= RealGramDecomposer.smallOrderLimit {
            guard small.decompose(n: k, a: g, lda: k, values: w, vectors: vectors, ldVectors: ldVectors) else {
                failureCount += 1
                return false
            }
            guard w[0] > 0, w[0].isFinite else { return false }
            for j in 0..<k { singularValues[j] = max(0, w[j]).squareRoot() }
            return true
        }
        guard try eigendecompose(order: k, g, w) else {
            failureCount += 1
            return false
        }
        // dsyevd sorts ascending: reverse into descending singular values and vectors.
        let largest = w[k - 1]
        guard largest > 0, largest.isFinite else { return false }
        for j in 0..<k {
            singularValues[j] = max(0, w[k - 1 - j]).squareRoot()
            (vectors + j * ldVectors).update(from: g + (k - 1 - j) * k, count: k)
        }
        return true
    }

    /// `dsyevd` on the upper triangle of the `order × order` matrix `g` (leading dimension
    /// `order`): eigenvectors overwrite `g`, ascending eigenvalues go to `w`. The workspace
    /// sizes are queried once per order. Returns `false` when `dsyevd` did not converge.
    private func eigendecompose(order: Int, _ g: UnsafeMutablePointer<Double>,
                                _ w: UnsafeMutablePointer<Double>) throws -> Bool {
        let jobV = Int8(UInt8(ascii: "V")), upper = Int8(UInt8(ascii: "U"))
        if order != cachedOrder {
            var workSize = 0.0
            var integerSize: Int32 = 0
            let info = LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobV, upper, Int32(order), g, Int32(order), w,
                                           &workSize, -1, &integerSize, -1)
            try requireLAPACKSuccess(info, "dsyevd")
            workCount = max(1, Int(workSize))
            integerWorkCount = max(1, Int(integerSize))
            cachedOrder = order
        }
        let info = LAPACKE_dsyevd_work(LAPACK_COL_MAJOR, jobV, upper, Int32(order), g, Int32(order), w,
                                       work.reserve(workCount), Int32(workCount),
                                       integerWork.reserve(integerWorkCount), Int32(integerWorkCount))
        if info > 0 { return false }
        try requireLAPACKSuccess(info, "dsyevd")
        return true
    }
}

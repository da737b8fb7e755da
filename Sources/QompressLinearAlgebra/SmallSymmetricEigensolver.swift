/// The eigen-decomposition `A = Z · diag(λ) · Zᵀ` of a small real symmetric matrix, in Swift:
/// Householder tridiagonalisation, the explicit product Q of the reflectors, and the implicit
/// QL algorithm with Wilkinson shifts accumulating its rotations into Q (EISPACK's `tred2` and
/// `tql2`).
///
/// The same backward-stable algorithm as LAPACK's `dsyev`, without its per-call and per-column
/// overhead, which dominates at the orders of an MPS two-site update with χ ≤ 24 (a 32 × 32
/// Gram matrix decomposes in roughly half the time of `dsyevd`). Above a few dozen rows
/// LAPACK's blocked routines are faster; `RealGramDecomposer` switches at `RealGramDecomposer.smallOrderLimit`.
///
/// One instance per thread: the workspaces are not shared safely.
public final class SmallSymmetricEigensolver {
    private let matrix = WorkspaceBuffer<Double>()
    private let reflectors = WorkspaceBuffer<Double>()
    private let scales = WorkspaceBuffer<Double>()
    private let offDiagonal = WorkspaceBuffer<Double>()
    private let diagonal = WorkspaceBuffer<Double>()
    private let rotations = WorkspaceBuffer<Double>()
    private let scratch = WorkspaceBuffer<Double>()
    private let order = WorkspaceBuffer<Int>()

    /// The most QL iterations spent on one eigenvalue before giving up.
    public static let iterationLimit = 60

    /// Creates a solver with empty workspaces.
    public init() {}

    /// Decomposes the symmetric `n × n` matrix whose upper triangle is in `a` (column-major,
    /// leading dimension `lda`; not modified).
    ///
    /// - `values` receives the `n` eigenvalues in *descending* order;
    /// - `vectors` (`n × n`, leading dimension `ldVectors ≥ n`) receives the orthonormal
    ///   eigenvectors as columns, in the same order.
    ///
    /// - Returns: `false` (outputs unspecified) when the QL iteration did not converge within
    ///   `iterationLimit` iterations for some eigenvalue, or the matrix is not finite.
    public func decompose(n: Int, a: UnsafePointer<Double>, lda: Int, values: UnsafeMutablePointer<Double>,
                          vectors: UnsafeMutablePointer<Double>, ldVectors: Int) -> Bool {
        precondition(n >= 1 && lda >= n && ldVectors >= n, "a symmetric eigenproblem of order \(n)")
        // Full symmetric copy, scaled so that the largest entry is 1 (no overflow or harmful
        // underflow in the plain square roots below).
        let m = matrix.reserve(n * n)
        var largest = 0.0
        for j in 0..<n {
            for i in 0...j {
                let x = a[i + j * lda]
                m[i + j * n] = x
                m[j + i * n] = x
                largest = max(largest, abs(x))
            }
        }
        guard largest.isFinite else { return false }
        if largest == 0 {
            for j in 0..<n {
                values[j] = 0
                let column = vectors + j * ldVectors
                column.update(repeating: 0, count: n)
                column[j] = 1
            }
            return true
        }
        let scale = 1 / largest
        for i in 0..<(n * n) { m[i] *= scale }

        let d = diagonal.reserve(n), e = offDiagonal.reserve(n)
        let v = reflectors.reserve(n * n), beta = scales.reserve(n)
        tridiagonalize(n, m, d, e, v, beta)
        // Q = H_0 ⋯ H_{n−3} explicitly; the QL rotations then turn it into the eigenvectors.
        let z = rotations.reserve(n * n)
        formReflectorProduct(n, v, beta, z)
        guard implicitQL(n, d, e, z) else { return false }

        // Descending order.
        let index = order.reserve(n)
        for i in 0..<n { index[i] = i }
        for i in 0..<n {
            var best = i
            for j in (i + 1)..<n where d[index[j]] > d[index[best]] { best = j }
            let chosen = index[best]
            index[best] = index[i]
            index[i] = chosen
        }
        for j in 0..<n {
            values[j] = d[index[j]] * largest
            (vectors + j * ldVectors).update(from: z + index[j] * n, count: n)
        }
        return true
    }

    /// `z = H_0 ⋯ H_{n−3}` (`n × n`), applying the reflectors to the identity from the last:
    /// when `H_k` is applied only rows and columns k + 1 … n − 1 differ from the identity.
    private func formReflectorProduct(_ n: Int, _ v: UnsafePointer<Double>, _ beta: UnsafePointer<Double>,
                                      _ z: UnsafeMutablePointer<Double>) {
        for i in 0..<(n * n) { z[i] = 0 }
        for i in 0..<n { z[i + i * n] = 1 }
        var k = n - 3
        while k >= 0 {
            let b = beta[k]
            if b != 0 {
                let length = n - k - 1, reflector = v + k * n
                for j in (k + 1)..<n {
                    let column = z + (k + 1) + j * n
                    let t = b * UnrolledDot.sum(reflector, column, length)
                    if t != 0 { for i in 0..<length { column[i] -= t * reflector[i] } }
                }
            }
            k -= 1
        }
    }

    /// Householder reduction of the full symmetric `m` (`n × n`, column-major, destroyed) to
    /// the tridiagonal (`d`, `e` with `e[i] = T[i + 1, i]`, `e[n − 1] = 0`): reflector k,
    /// `I − beta[k] · v_k v_kᵀ` on rows k + 1 … n − 1, is kept in `v[k·n ..< k·n + n − k − 1]`.
    private func tridiagonalize(_ n: Int, _ m: UnsafeMutablePointer<Double>, _ d: UnsafeMutablePointer<Double>,
                                _ e: UnsafeMutablePointer<Double>, _ v: UnsafeMutablePointer<Double>,
                                _ beta: UnsafeMutablePointer<Double>) {
        let p = scratch.reserve(n)
        for k in 0..<max(0, n - 2) {
            let length = n - k - 1
            let x = m + (k + 1) + k * n
            let reflector = v + k * n
            d[k] = m[k + k * n]
            guard let (alpha, b) = HouseholderReflector.make(from: x, length: length, into: reflector) else {
                beta[k] = 0
                e[k] = x[0]
                continue
            }
            beta[k] = b
            e[k] = alpha
            // A22 ← H A22 H with p = b·A22·v, w = p − (b/2)(vᵀp)·v, A22 −= v wᵀ + w vᵀ.
            let a22 = m + (k + 1) + (k + 1) * n
            for i in 0..<length { p[i] = 0 }
            for j in 0..<length {
                let column = a22 + j * n, vj = b * reflector[j]
                for i in 0..<length { p[i] += column[i] * vj }
            }
            let vp = UnrolledDot.sum(reflector, p, length)
            let half = 0.5 * b * vp
            for i in 0..<length { p[i] -= half * reflector[i] }
            for j in 0..<length {
                let column = a22 + j * n, vj = reflector[j], wj = p[j]
                for i in 0..<length { column[i] -= reflector[i] * wj + p[i] * vj }
            }
        }
        if n >= 2 {
            d[n - 2] = m[(n - 2) + (n - 2) * n]
            e[n - 2] = m[(n - 1) + (n - 2) * n]
            beta[n - 2] = 0
        }
        d[n - 1] = m[(n - 1) + (n - 1) * n]
        e[n - 1] = 0
        beta[n - 1] = 0
    }

    /// The implicit QL iteration with Wilkinson shifts on the tridiagonal (`d`, `e`),
    /// accumulating the rotations into the columns of `z` (`n × n`). On return `d` holds the
    /// eigenvalues (unordered) and column i of `z` the eigenvector of `d[i]`.
    private func implicitQL(_ n: Int, _ d: UnsafeMutablePointer<Double>, _ e: UnsafeMutablePointer<Double>,
                            _ z: UnsafeMutablePointer<Double>) -> Bool {
        let epsilon = Double.ulpOfOne
        for l in 0..<n {
            var iterations = 0
            while true {
                var m = l
                while m < n - 1 {
                    let dd = abs(d[m]) + abs(d[m + 1])
                    if abs(e[m]) <= epsilon * dd { break }
                    m += 1
                }
                if m == l { break }
                if iterations == SmallSymmetricEigensolver.iterationLimit { return false }
                iterations += 1
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = (g * g + 1).squareRoot()
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i], b = c * e[i]
                    r = (f * f + g * g).squareRoot()
                    e[i + 1] = r
                    if r == 0 {
                        d[i + 1] -= p
                        e[m] = 0
                        deflated = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    let left = z + i * n, right = z + (i + 1) * n
                    for k in 0..<n {
                        let zr = right[k], zl = left[k]
                        right[k] = s * zl + c * zr
                        left[k] = c * zl - s * zr
                    }
                    i -= 1
                }
                if deflated { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
        for i in 0..<n where !d[i].isFinite { return false }
        return true
    }
}

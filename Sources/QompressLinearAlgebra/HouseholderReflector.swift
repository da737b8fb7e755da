/// The Householder reflector of the small Swift factorisations (`SmallHouseholderQR`,
/// `SmallSymmetricEigensolver`): H = I − β v vᵀ with H x = α e₀, v₀ = x₀ − α and α of the sign
/// opposite to x₀ (no cancellation), in LAPACK's convention.
enum HouseholderReflector {
    /// Writes v for `x` (`length` ≥ 1 entries) into `v` and returns (α, β), or `nil` when
    /// x₁ … x_{length−1} are all zero (x is already reduced: H = I, and `v` is not written).
    @inline(__always)
    static func make(from x: UnsafePointer<Double>, length: Int, into v: UnsafeMutablePointer<Double>)
        -> (alpha: Double, beta: Double)? {
        var sigma = 0.0
        for i in 1..<max(1, length) { sigma += x[i] * x[i] }
        guard sigma != 0 else { return nil }
        let x0 = x[0]
        let norm = (x0 * x0 + sigma).squareRoot()
        let alpha = x0 <= 0 ? norm : -norm
        let v0 = x0 - alpha
        v[0] = v0
        for i in 1..<max(1, length) { v[i] = x[i] }
        return (alpha, 2 / (v0 * v0 + sigma))
    }
}

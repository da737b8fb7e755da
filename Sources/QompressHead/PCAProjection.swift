import QompressLinearAlgebra

/// Principal-component projection to k dimensions, fitted on a set of rows: x ↦ (x − μ) V_k
/// with V_k the top k right singular vectors of the centred data (LAPACK `dgesdd` through
/// `RealSingularValueDecomposer`, `info` checked there). Compared with cosine similarity.
public struct PCAProjection: Sendable {
    /// The column means μ.
    public let mean: [Double]
    /// The components, `d × k` (column c is the c-th principal direction).
    public let components: Matrix

    /// Fits the projection on `data` (rows are samples).
    /// - Throws: `HeadError.dimensionMismatch` unless 1 ≤ k ≤ min(rows, columns); LAPACK failures.
    public init(fitting data: Matrix, dimension k: Int) throws {
        let n = data.rows, d = data.columns
        guard k >= 1, k <= min(n, d) else {
            throw HeadError.dimensionMismatch("PCA to \(k) dimensions needs at least \(k) samples and features, got \(n)×\(d)")
        }
        let mu = data.columnSums.map { $0 / Double(n) }
        // Column-major copy of the centred data.
        var a = [Double](repeating: 0, count: n * d)
        for r in 0..<n { for c in 0..<d { a[c * n + r] = data[r, c] - mu[c] } }
        let m = min(n, d)
        var s = [Double](repeating: 0, count: m), u = [Double](repeating: 0, count: n * m), vt = [Double](repeating: 0, count: m * d)
        try a.withUnsafeMutableBufferPointer { pa in
            try s.withUnsafeMutableBufferPointer { ps in
                try u.withUnsafeMutableBufferPointer { pu in
                    try vt.withUnsafeMutableBufferPointer { pv in
                        _ = try RealSingularValueDecomposer().decompose(
                            m: n, n: d, a: pa.baseAddress!, lda: n, singularValues: ps.baseAddress!,
                            u: pu.baseAddress!, ldu: n, vTranspose: pv.baseAddress!, ldvTranspose: m)
                    }
                }
            }
        }
        var v = Matrix(zeros: d, k)
        for c in 0..<k { for f in 0..<d { v[f, c] = vt[f * m + c] } }   // Vᵀ is m × d column-major
        mean = mu
        components = v
    }

    /// Projects rows to k dimensions.
    /// - Throws: `HeadError.dimensionMismatch` for the wrong width.
    public func project(_ x: Matrix) throws -> Matrix {
        guard x.columns == mean.count else {
            throw HeadError.dimensionMismatch("PCA was fitted on \(mean.count) features, got \(x.columns)")
        }
        var centred = x
        try centred.addToEachRow(mean.map { -$0 })
        return try Matrix.product(centred, components)
    }
}

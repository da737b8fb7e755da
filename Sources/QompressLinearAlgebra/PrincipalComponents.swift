/// Principal components of a set of rows: the mean and the leading eigenvectors of the sample
/// covariance (`SymmetricEigensolver`, LAPACK's `dsyevd`), each signed so that its
/// largest-magnitude entry is positive. The package's one PCA: the CLIP-ACQUA baseline and
/// figure and the projection head's PCA baselines all use it.
public struct PrincipalComponents: Sendable {
    /// The mean row.
    public var mean: [Double]
    /// The components as columns, `dimension × count`, by decreasing variance.
    public var basis: Matrix
    /// The variance along each component, decreasing.
    public var variances: [Double]

    /// Fits `count` components to `rows` (samples × features).
    /// - Throws: `MatrixError.invalidArgument` unless 1 ≤ count ≤ min(rows, features) and there are at
    ///   least two finite rows; `SimulationError.lapackFailure` when `dsyevd` reports an error.
    public init(fitting rows: Matrix, count: Int) throws {
        let d = rows.columns, n = rows.rows
        guard count >= 1, count <= d, count <= n else {
            throw MatrixError.invalidArgument("cannot take \(count) principal components of \(n) rows of \(d)-d data (at most min(rows, features))")
        }
        guard n >= 2, rows.isFinite else { throw MatrixError.invalidArgument("PCA needs at least two finite rows") }
        var mean = rows.columnSums
        for c in 0..<d { mean[c] /= Double(n) }
        var centred = rows
        try centred.addToEachRow(mean.map { -$0 })
        var covariance = try Matrix.product(centred, centred, transposingLeft: true)
        for i in 0..<covariance.elements.count { covariance.elements[i] /= Double(n - 1) }
        let (eigenvalues, vectors) = try SymmetricEigensolver.decompose(covariance)
        // Eigenvalues ascend; eigenvector j is column j.
        var basis = Matrix(zeros: d, count)
        for k in 0..<count {
            let column = d - 1 - k
            // Fix the sign so the largest-magnitude entry is positive (deterministic output).
            var pivot = 0
            for r in 0..<d where abs(vectors[r, column]) > abs(vectors[pivot, column]) { pivot = r }
            let sign: Double = vectors[pivot, column] < 0 ? -1 : 1
            for r in 0..<d { basis[r, k] = sign * vectors[r, column] }
        }
        self.mean = mean
        self.basis = basis
        self.variances = (0..<count).map { max(0, eigenvalues[d - 1 - $0]) }
    }

    /// Coordinates of `rows` along the components.
    /// - Throws: `MatrixError.shapeMismatch` for rows of another width.
    public func project(_ rows: Matrix) throws -> Matrix {
        var centred = rows
        try centred.addToEachRow(mean.map { -$0 })
        return try Matrix.product(centred, basis)
    }

    /// Rows rebuilt from their coordinates.
    public func reconstruct(_ coordinates: Matrix) throws -> Matrix {
        var rows = try Matrix.product(coordinates, basis, transposingRight: true)
        try rows.addToEachRow(mean)
        return rows
    }
}

import CLapack
import QompressLinearAlgebra

/// Principal components of a set of rows: the mean and the leading eigenvectors of the sample
/// covariance, from LAPACK's symmetric divide-and-conquer eigensolver `dsyevd`.
public struct PrincipalComponents: Sendable {
    /// The mean row.
    public var mean: [Double]
    /// The components as columns, `dimension × count`, by decreasing variance.
    public var basis: Matrix
    /// The variance along each component, decreasing.
    public var variances: [Double]

    /// Fits `count` components to `rows` (samples × features).
    /// - Throws: `ACQUAError.invalidConfiguration` unless 1 ≤ count ≤ features and there are at
    ///   least two rows, `ACQUAError.lapackFailure` when `dsyevd` reports an error.
    public init(fitting rows: Matrix, count: Int) throws {
        let d = rows.columns, n = rows.rows
        guard count >= 1, count <= d else {
            throw ACQUAError.invalidConfiguration("cannot take \(count) principal components of \(d)-d data")
        }
        guard n >= 2, rows.isFinite else { throw ACQUAError.invalidConfiguration("PCA needs at least two finite rows") }
        var mean = rows.columnSums
        for c in 0..<d { mean[c] /= Double(n) }
        var centred = rows
        try centred.addToEachRow(mean.map { -$0 })
        var covariance = try Matrix.product(centred, centred, transposingLeft: true)
        for i in 0..<covariance.elements.count { covariance.elements[i] /= Double(n - 1) }
        // The covariance is symmetric, so row- and column-major storage coincide.
        var eigenvalues = [Double](repeating: 0, count: d)
        let info = covariance.elements.withUnsafeMutableBufferPointer { a in
            eigenvalues.withUnsafeMutableBufferPointer { w in
                LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                               Int32(d), a.baseAddress, Int32(d), w.baseAddress)
            }
        }
        guard info == 0 else { throw ACQUAError.lapackFailure(routine: "dsyevd", info: Int(info)) }
        // Eigenvalues ascend; eigenvector j is column j of the (row-major) result.
        var basis = Matrix(zeros: d, count)
        for k in 0..<count {
            let column = d - 1 - k
            // Fix the sign so the largest-magnitude entry is positive (deterministic output).
            var pivot = 0
            for r in 0..<d where abs(covariance[r, column]) > abs(covariance[pivot, column]) { pivot = r }
            let sign: Double = covariance[pivot, column] < 0 ? -1 : 1
            for r in 0..<d { basis[r, k] = sign * covariance[r, column] }
        }
        self.mean = mean
        self.basis = basis
        self.variances = (0..<count).map { max(0, eigenvalues[d - 1 - $0]) }
    }

    /// Coordinates of `rows` along the components.
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

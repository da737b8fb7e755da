import QompressLinearAlgebra

/// Distances between every row of one matrix and every row of another.
public enum PairwiseDistances {
    /// D_ij = ‖a_i − b_j‖², `a.rows × b.rows` (clamped at 0 against rounding).
    /// - Throws: `TrainingError.dimensionMismatch` for different widths.
    public static func squared(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        guard a.columns == b.columns else {
            throw TrainingError.dimensionMismatch("rows of \(a.columns) and \(b.columns) values cannot be compared")
        }
        var d = Matrix(zeros: a.rows, b.rows)
        for i in 0..<a.rows {
            for j in 0..<b.rows {
                var s = 0.0
                for c in 0..<a.columns { let x = a[i, c] - b[j, c]; s += x * x }
                d[i, j] = s
            }
        }
        return d
    }
}

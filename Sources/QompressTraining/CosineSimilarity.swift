import QompressLinearAlgebra

/// Cosine similarity helpers.
public enum CosineSimilarity {
    /// a·b / (‖a‖‖b‖); 0 when either vector is zero.
    /// - Precondition: `a` and `b` have the same length (a programming error otherwise; for rows
    ///   of data use `rowwise`, which throws).
    public static func between(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "vectors of different length")
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in 0..<a.count { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        let denominator = (na * nb).squareRoot()
        return denominator > 0 ? dot / denominator : 0
    }

    /// The similarity of each row of `a` with the same row of `b`.
    /// - Throws: `TrainingError.dimensionMismatch` for different shapes.
    public static func rowwise(_ a: Matrix, _ b: Matrix) throws -> [Double] {
        try Loss.check(a, b)
        return (0..<a.rows).map { between(a.row($0), b.row($0)) }
    }

    /// Rows scaled to unit Euclidean norm (zero rows stay zero).
    public static func normalizedRows(_ m: Matrix) -> Matrix {
        var out = m
        for r in 0..<m.rows {
            var n = 0.0
            for c in 0..<m.columns { n += m[r, c] * m[r, c] }
            n = n.squareRoot()
            if n > 0 { for c in 0..<m.columns { out[r, c] = m[r, c] / n } }
        }
        return out
    }
}

import QompressLinearAlgebra
import QompressTraining

/// How the target distance d_x between a pair's original embeddings is measured.
public enum PairDistance: String, Hashable, Sendable, Codable, CaseIterable {
    /// ‖x_i/‖x_i‖ − x_t/‖x_t‖‖₂, in [0, 2] (the default).
    case euclidean
    /// 1 − cos(x_i, x_t), in [0, 2].
    case cosine

    /// The distance between two embeddings.
    public func between(_ a: [Double], _ b: [Double]) -> Double {
        fromCosine(CosineSimilarity.between(a, b))
    }

    /// The distance of each row of `a` to the same row of `b`.
    public func rowwise(_ a: Matrix, _ b: Matrix) -> [Double] {
        (0..<a.rows).map { between(a.row($0), b.row($0)) }
    }
}

/// Euclidean distances between rows.
enum LatentDistance {
    /// ‖a_r − b_r‖₂ for every row r.
    static func rowwise(_ a: Matrix, _ b: Matrix) -> [Double] {
        (0..<a.rows).map { r in
            var s = 0.0
            for c in 0..<a.columns { let d = a[r, c] - b[r, c]; s += d * d }
            return s.squareRoot()
        }
    }
}

extension PairDistance {
    /// The distance of two unit-norm embeddings whose cosine similarity is `cosine`.
    public func fromCosine(_ cosine: Double) -> Double {
        switch self {
        case .euclidean: return (max(0, 2 - 2 * cosine)).squareRoot()
        case .cosine: return 1 - cosine
        }
    }
}

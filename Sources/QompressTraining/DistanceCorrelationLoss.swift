import QompressCore
import QompressLinearAlgebra

/// Keeps the ranking of distances: 1 − Pearson's r between target distances t_p and latent
/// distances r_p = ‖a_{i_p} − b_{j_p}‖₂ over a set of pairs p = (i_p, j_p).
///
/// With centred values T = t − t̄, R = r − r̄ and sums S_tt, S_rr, S_tr:
/// ∂r/∂r_p = T_p/√(S_tt S_rr) − r · R_p/S_rr, and ∂r_p/∂a_i = (a_i − b_j)/r_p. The loss is
/// scale-free in the latents, so it constrains order and shape, not magnitude (the paper's
/// |Δd| term sets the scale). When either sample is constant the term is 1 with zero gradient.
public enum DistanceCorrelationLoss {
    /// The loss over `pairs` (row of `a`, row of `b`) with one target per pair, and its
    /// gradients with respect to `a` and `b`.
    /// - Throws: `TrainingError.dimensionMismatch` for inconsistent shapes or indices out of
    ///   range, `TrainingError.nonFiniteValue` for non-finite targets.
    public static func evaluate(_ a: Matrix, _ b: Matrix, pairs: [(Int, Int)], targets: [Double]) throws
        -> (value: Double, gradientA: Matrix, gradientB: Matrix) {
        guard a.columns == b.columns, pairs.count == targets.count else {
            throw TrainingError.dimensionMismatch(
                "\(pairs.count) pairs with \(targets.count) targets over rows of \(a.columns) and \(b.columns) values")
        }
        guard pairs.allSatisfy({ (0..<a.rows).contains($0.0) && (0..<b.rows).contains($0.1) }) else {
            throw TrainingError.dimensionMismatch("a pair index lies outside \(a.rows) × \(b.rows) rows")
        }
        guard targets.allSatisfy(\.isFinite) else { throw TrainingError.nonFiniteValue("target distance") }
        let k = a.columns
        var ga = Matrix(zeros: a.rows, k), gb = Matrix(zeros: b.rows, k)
        guard pairs.count >= 2 else { return (1, ga, gb) }
        let latent = pairs.map { p -> Double in
            var s = 0.0
            for c in 0..<k { let d = a[p.0, c] - b[p.1, c]; s += d * d }
            return s.squareRoot()
        }
        let moments = CentredMoments(targets, latent)
        let tMean = moments.meanX, rMean = moments.meanY, srr = moments.syy
        guard let correlation = moments.correlation else { return (1, ga, gb) }
        let norm = (moments.sxx * srr).squareRoot()
        for (p, (i, j)) in pairs.enumerated() where latent[p] > 0 {
            // ∂(1 − r)/∂r_p, then through r_p to the latents.
            let slope = -((targets[p] - tMean) / norm - correlation * (latent[p] - rMean) / srr) / latent[p]
            for c in 0..<k {
                let g = slope * (a[i, c] - b[j, c])
                ga.elements[i * k + c] += g
                gb.elements[j * k + c] -= g
            }
        }
        return (1 - correlation, ga, gb)
    }

    /// Every (i, j) of an `rows × columns` grid, row-major.
    public static func allPairs(rows: Int, columns: Int) -> [(Int, Int)] {
        (0..<rows).flatMap { i in (0..<columns).map { (i, $0) } }
    }
}

import QompressLinearAlgebra

/// The distance-preservation term of CLIP-ACQUA: (1/B) Σ_b |d_b − ‖z_a,b − z_b,b‖₂|.
///
/// Gradients: with r = ‖z_a − z_b‖₂ and u = (z_a − z_b)/r, ∂/∂z_a = sign(r − d) · u and
/// ∂/∂z_b = −sign(r − d) · u, each divided by B. Two subgradients are fixed: at r = d the
/// sign is 0 (the term is at its minimum), and at r = 0 the direction u is taken as 0, so
/// coinciding latents receive no gradient from this term.
public enum PairDistanceLoss {
    /// The loss and its gradients with respect to both latent batches.
    /// - Throws: `TrainingError.dimensionMismatch` for inconsistent shapes,
    ///   `TrainingError.nonFiniteValue` for non-finite target distances.
    public static func evaluate(_ a: Matrix, _ b: Matrix, targets: [Double]) throws
        -> (value: Double, gradientA: Matrix, gradientB: Matrix) {
        try Loss.check(a, b)
        guard targets.count == a.rows else {
            throw TrainingError.dimensionMismatch("\(targets.count) target distances for \(a.rows) pairs")
        }
        guard targets.allSatisfy(\.isFinite) else { throw TrainingError.nonFiniteValue("target distance") }
        let scale = 1 / Double(max(a.rows, 1))
        var value = 0.0
        var ga = Matrix(zeros: a.rows, a.columns), gb = Matrix(zeros: a.rows, a.columns)
        for r in 0..<a.rows {
            var squared = 0.0
            for c in 0..<a.columns { let d = a[r, c] - b[r, c]; squared += d * d }
            let distance = squared.squareRoot()
            value += abs(targets[r] - distance)
            let sign: Double = distance > targets[r] ? 1 : (distance < targets[r] ? -1 : 0)
            guard distance > 0, sign != 0 else { continue }
            for c in 0..<a.columns {
                let g = sign * (a[r, c] - b[r, c]) / distance * scale
                ga[r, c] = g
                gb[r, c] = -g
            }
        }
        return (value * scale, ga, gb)
    }
}

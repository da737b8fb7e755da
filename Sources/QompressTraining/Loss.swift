import QompressLinearAlgebra

/// A loss value with its gradient with respect to the prediction.
public struct LossResult: Sendable {
    /// The scalar loss.
    public var value: Double
    /// ∂loss/∂prediction, the same shape as the prediction.
    public var gradient: Matrix
}

/// Reconstruction losses, reduced as the mean over the batch of a per-sample norm:
/// L1 = (1/B) Σ_b ‖x̂_b − x_b‖₁ and MSE = (1/B) Σ_b ‖x̂_b − x_b‖₂².
public enum Loss {
    /// The L1 loss; the subgradient of |0| is taken as 0.
    /// - Throws: `TrainingError.dimensionMismatch` for shapes that differ.
    public static func l1(prediction: Matrix, target: Matrix) throws -> LossResult {
        try elementwise(prediction, target) { d in (abs(d), d > 0 ? 1 : (d < 0 ? -1 : 0)) }
    }

    /// The mean squared error.
    /// - Throws: `TrainingError.dimensionMismatch` for shapes that differ.
    public static func meanSquaredError(prediction: Matrix, target: Matrix) throws -> LossResult {
        try elementwise(prediction, target) { d in (d * d, 2 * d) }
    }

    /// (1/B) Σ f(x̂ − x) with its gradient f′(x̂ − x)/B, where `term(d)` gives (f(d), f′(d)).
    private static func elementwise(_ prediction: Matrix, _ target: Matrix,
                                    _ term: (Double) -> (value: Double, slope: Double)) throws -> LossResult {
        try check(prediction, target)
        let scale = 1 / Double(max(prediction.rows, 1))
        var value = 0.0
        var gradient = prediction
        for i in 0..<prediction.elements.count {
            let (v, slope) = term(prediction.elements[i] - target.elements[i])
            value += v
            gradient.elements[i] = slope * scale
        }
        return LossResult(value: value * scale, gradient: gradient)
    }

    static func check(_ a: Matrix, _ b: Matrix) throws {
        guard a.rows == b.rows, a.columns == b.columns else {
            throw TrainingError.dimensionMismatch("prediction is \(a.rows)×\(a.columns), target \(b.rows)×\(b.columns)")
        }
    }
}

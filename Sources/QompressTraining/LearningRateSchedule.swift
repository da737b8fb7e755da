import Foundation

/// The learning rate as a function of the optimisation step.
public enum LearningRateSchedule: Hashable, Sendable, Codable {
    /// The same rate at every step.
    case constant(Double)
    /// Cosine decay from `initial` to `minimum` over `steps` steps, then `minimum`.
    case cosine(initial: Double, minimum: Double, steps: Int)

    /// The rate at step `step` (0-based).
    public func rate(at step: Int) -> Double {
        switch self {
        case let .constant(rate):
            return rate
        case let .cosine(initial, minimum, steps):
            guard steps > 0, step < steps else { return minimum }
            return minimum + (initial - minimum) * (1 + cos(.pi * Double(step) / Double(steps))) / 2
        }
    }
}

/// Gradient clipping by global norm.
public enum GradientClipping {
    /// Scales all gradients so that their joint Euclidean norm is at most `maxNorm`.
    /// - Returns: the norm before clipping.
    @discardableResult
    public static func clipGlobalNorm(_ parameters: [ParameterTensor], maxNorm: Double) -> Double {
        var squared = 0.0
        for p in parameters { for g in p.gradient { squared += g * g } }
        let norm = squared.squareRoot()
        if norm > maxNorm, norm > 0 {
            let scale = maxNorm / norm
            for p in parameters { for i in 0..<p.gradient.count { p.gradient[i] *= scale } }
        }
        return norm
    }
}

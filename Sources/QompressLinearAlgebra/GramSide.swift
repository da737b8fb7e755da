/// Which singular vectors a Gram decomposition computes: the left ones, from the eigenvectors
/// of `A·Aᵀ`, or the right ones, from those of `Aᵀ·A`.
public enum GramSide: Hashable, Sendable {
    /// `U`, from `A·Aᵀ` (`m × m`); for matrices with `m ≤ n`.
    case left
    /// `V`, from `Aᵀ·A` (`n × n`); for matrices with `n ≤ m`.
    case right
}

import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// Variants of the quantum-inspired head beyond the paper, compared as `qi-<name>`.
public enum HeadVariant: String, Hashable, Sendable, Codable, CaseIterable {
    /// The paper's head with only the parameters its outputs depend on (`CompactHead`).
    case compact
    /// A learned Givens butterfly (`GivensMixing`, 12 stages) in front of the compact head, so
    /// that information crosses positions; about d/2 angles per stage.
    case mix

    /// The butterfly stages of `mix`.
    public static let mixingStages = 12

    /// A fresh model of this variant.
    /// - Throws: `HeadError.dimensionMismatch` when k does not divide d, layer errors.
    public func make(inputDimension d: Int, outputDimension k: Int, generator: inout SeededGenerator,
                     threads: Int = 0) throws -> Layer {
        let head = try CompactHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &generator)
        head.threads = threads
        switch self {
        case .compact:
            return head
        case .mix:
            let mixing = try GivensMixing(width: d, strides: GivensMixing.butterflyStrides(width: d, stages: Self.mixingStages))
            return try Sequential([mixing, head])
        }
    }
}

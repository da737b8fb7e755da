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
    /// The compact head entangled by a trained RZZ ladder (`EntangledHead`), compared by the
    /// exact bond-dimension-2 overlap (`EntangledFidelity`); reported as `entangled`.
    case entangled
    /// The Givens butterfly of `mix` in front of the entangled head; reported as
    /// `qi-mix-entangled`.
    case mixEntangled = "mix-entangled"

    /// The method name in comparison rows.
    public var methodName: String { self == .entangled ? "entangled" : "qi-" + rawValue }

    /// The similarity that ranks documents, and the distillation student's logit.
    public var similarities: (ranking: any PairSimilarity, student: any PairSimilarity) {
        switch self {
        case .compact, .mix: return (FidelitySimilarity(), LogFidelitySimilarity())
        case .entangled, .mixEntangled: return (EntangledFidelity(), EntangledFidelity(logarithmic: true))
        }
    }

    /// The butterfly stages of `mix`.
    public static let mixingStages = 12

    /// A fresh model of this variant, its quantum-inspired part on `threads` workers in
    /// `precision` (`.float64` by default; see `HeadPrecision`).
    /// - Throws: `HeadError.dimensionMismatch` when k does not divide d, layer errors.
    public func make(inputDimension d: Int, outputDimension k: Int, generator: inout SeededGenerator,
                     threads: Int = 0, precision: HeadPrecision = .float64) throws -> Layer {
        func compactHead() throws -> CompactHead {
            let head = try CompactHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &generator)
            head.threads = threads
            head.precision = precision
            return head
        }
        switch self {
        case .compact:
            return try compactHead()
        case .mix:
            let mixing = try GivensMixing(width: d, strides: GivensMixing.butterflyStrides(width: d, stages: Self.mixingStages))
            return try Sequential([mixing, try compactHead()])
        case .entangled:
            let head = try EntangledHead(inputDimension: d, outputDimension: k, generator: &generator)
            head.threads = threads
            head.precision = precision
            return head
        case .mixEntangled:
            let mixing = try GivensMixing(width: d, strides: GivensMixing.butterflyStrides(width: d, stages: Self.mixingStages))
            let head = try EntangledHead(inputDimension: d, outputDimension: k, generator: &generator)
            head.threads = threads
            head.precision = precision
            return try Sequential([mixing, head])
        }
    }
}

/// The CLIP-ACQUA objectives selectable by name (`--objective`); `ACQUALoss.named(_:)` builds one.
public enum ACQUAObjectiveName: String, Hashable, Sendable, Codable, CaseIterable {
    /// The paper's loss: reconstruction and the matching pairs' distance error (α = 1/3 each).
    case paper
    /// The paper's terms plus relational terms over all image–text pairs of a batch
    /// (similarity distillation and distance correlations); the default.
    case distill

    /// The term weights of the objective.
    public var weights: [ACQUALoss.Term: Double] {
        switch self {
        case .paper:
            return [.imageReconstruction: 1.0 / 3, .textReconstruction: 1.0 / 3, .pairDistance: 1.0 / 3]
        case .distill:
            return [.imageReconstruction: 1, .textReconstruction: 1, .pairDistance: 6,
                    .distillation: 6, .crossPairCorrelation: 1, .matchingPairCorrelation: 3]
        }
    }

    /// τ of the distillation term.
    public var temperature: Double { 0.02 }
}

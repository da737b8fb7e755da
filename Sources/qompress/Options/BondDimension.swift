import ArgumentParser

/// The `--chi` value: a positive bond-dimension limit, or `inf` for none (an exact MPS when
/// the cutoff is 0 too).
enum BondDimension: Hashable, ExpressibleByArgument, CustomStringConvertible {
    /// At most this many Schmidt values per bond.
    case limit(Int)
    /// No limit.
    case unlimited

    init?(argument: String) {
        switch argument.lowercased() {
        case "inf", "none", "unlimited": self = .unlimited
        default:
            guard let value = Int(argument), value >= 1 else { return nil }
            self = .limit(value)
        }
    }

    /// The limit as a spec stores it (`nil` = none).
    var maxBondDimension: Int? {
        switch self {
        case let .limit(chi): return chi
        case .unlimited: return nil
        }
    }

    var description: String {
        switch self {
        case let .limit(chi): return String(chi)
        case .unlimited: return "inf"
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

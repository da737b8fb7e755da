extension BackendSpec {
    /// A bond-dimension limit as a user gives it (`--chi 16`, `--chi inf`, `chi=math.inf`).
    public enum BondLimit: Hashable, Sendable, CustomStringConvertible {
        /// At most this many Schmidt values per bond (≥ 1).
        case limit(Int)
        /// No limit.
        case unlimited

        /// The limit as a spec stores it (`nil` = none).
        public var maxBondDimension: Int? {
            switch self {
            case let .limit(chi): return chi
            case .unlimited: return nil
            }
        }

        /// `16` or `inf`.
        public var description: String {
            switch self {
            case let .limit(chi): return String(chi)
            case .unlimited: return "inf"
            }
        }
    }
}

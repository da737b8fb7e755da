import ArgumentParser
import Qompress

/// The `--chi` value: a positive bond-dimension limit, or `inf` for none (an exact MPS when
/// the cutoff is 0 too).
typealias BondDimension = BackendSpec.BondLimit

extension BackendSpec.BondLimit: ExpressibleByArgument {
    /// `16`, or `inf` / `none` / `unlimited`; `nil` for anything else (0 included).
    public init?(argument: String) {
        switch argument.lowercased() {
        case "inf", "none", "unlimited": self = .unlimited
        default:
            guard let value = Int(argument), value >= 1 else { return nil }
            self = .limit(value)
        }
    }
}

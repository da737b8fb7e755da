/// Which simulator runs a circuit, with its options: a backend's name and the knobs the
/// command line offers for every backend (`--backend`, `--chi`, `--cutoff`).
///
/// A spec is plain data: checkpoints record it, commands parse it, and a `BackendRegistry`
/// turns it into a configuration and a register. A spec does not know which backends exist,
/// so a new backend needs no change here. Options that do not apply to a backend are refused
/// by the registry (`BackendRegistry.validate(_:)`), the same way for every command.
///
/// JSON form (checkpoints, reports): `{"name": "mps", "max_bond_dimension": 16, "cutoff": 1e-12}`,
/// with absent keys for absent options. The enum form written before 0.4
/// (`{"statevector": {}}`, `{"mps": {"maxBondDimension": 16, "cutoff": 0}}`) still decodes.
public struct BackendSpec: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The registry name (`"statevector"`, `"mps"`, …).
    public var name: String
    /// The largest bond dimension a truncating backend keeps; `nil` = no limit.
    public var maxBondDimension: Int?
    /// The relative discarded weight one truncation may drop; `nil` = none given (a truncating
    /// backend then uses 0 when χ is unlimited and its default otherwise).
    public var cutoff: Double?

    /// Creates a spec.
    public init(name: String, maxBondDimension: Int? = nil, cutoff: Double? = nil) {
        self.name = name
        self.maxBondDimension = maxBondDimension
        self.cutoff = cutoff
    }

    /// The exact statevector.
    public static let statevector = BackendSpec(name: "statevector")

    /// The MPS with bond-dimension limit `maxBondDimension` (`nil` = none) and relative
    /// discarded-weight cutoff `cutoff`; `mps(maxBondDimension: nil, cutoff: 0)` is exact.
    public static func mps(maxBondDimension: Int?, cutoff: Double) -> BackendSpec {
        BackendSpec(name: "mps", maxBondDimension: maxBondDimension, cutoff: cutoff)
    }

    /// Whether the spec sets a truncation option.
    public var hasTruncationOptions: Bool { maxBondDimension != nil || cutoff != nil }

    public var description: String {
        guard hasTruncationOptions else { return name }
        let chi = maxBondDimension.map(String.init) ?? "∞"
        return "\(name)(χ=\(chi), cutoff=\(cutoff.map { "\($0)" } ?? "default"))"
    }

    private enum CodingKeys: String, CodingKey {
        case name, maxBondDimension = "max_bond_dimension", cutoff
    }

    /// The keys of the enum form written before 0.4.
    private enum LegacyKeys: String, CodingKey {
        case statevector, mps, maxBondDimension, cutoff
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.name) {
            name = try container.decode(String.self, forKey: .name)
            maxBondDimension = try container.decodeIfPresent(Int.self, forKey: .maxBondDimension)
            cutoff = try container.decodeIfPresent(Double.self, forKey: .cutoff)
            return
        }
        let legacy = try decoder.container(keyedBy: LegacyKeys.self)
        if legacy.contains(.statevector) {
            self = .statevector
        } else if legacy.contains(.mps) {
            let options = try legacy.nestedContainer(keyedBy: LegacyKeys.self, forKey: .mps)
            self = .mps(maxBondDimension: try options.decodeIfPresent(Int.self, forKey: .maxBondDimension),
                        cutoff: try options.decode(Double.self, forKey: .cutoff))
        } else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath, debugDescription: "a backend spec needs a \"name\""))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(maxBondDimension, forKey: .maxBondDimension)
        try container.encodeIfPresent(cutoff, forKey: .cutoff)
    }
}

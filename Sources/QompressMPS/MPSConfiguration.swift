import Foundation
import QompressCore

/// Truncation settings of an `MPSBackend`.
///
/// Two knobs bound the work of every two-site update: the maximum bond dimension
/// `maxBondDimension` (χ_max) and `cutoff`, a bound on the *relative* discarded weight of
/// one truncation (the sum of the discarded squared Schmidt values divided by the sum of
/// all of them). After each SVD the smallest Schmidt values are discarded while their
/// accumulated relative weight stays at or below `cutoff`, and then as many more as needed
/// to keep at most χ_max. The `exact` configuration never truncates (only singular values
/// below the numerical rank of the decomposition — rounding noise — are dropped).
///
/// The defaults (χ_max = 64, cutoff = 1e-12) are measured in `Docs/MPS.md`: the cutoff only
/// removes weight far below double-precision significance of the observables, and χ_max = 64
/// keeps a two-site update on a 128 × 128 matrix (milliseconds) while being exact for
/// shallow circuits (up to six brickwork layers).
public struct MPSConfiguration: Hashable, Sendable, Codable, CustomStringConvertible, DefaultConfigurable {
    /// The largest bond dimension kept, or `nil` for no limit (exact mode).
    public let maxBondDimension: Int?
    /// The largest relative discarded weight one truncation may drop (0 = none).
    public let cutoff: Double
    /// Whether two-site updates use real arithmetic (`dgesdd`) while the state and the gate
    /// are real. Mathematically identical results; about twice as fast on real circuits.
    public let prefersRealArithmetic: Bool

    /// The default maximum bond dimension.
    public static let defaultMaxBondDimension = 64
    /// The default cutoff on the relative discarded weight.
    public static let defaultCutoff = 1e-12

    /// Creates a truncating configuration.
    /// - Parameters:
    ///   - maxBondDimension: χ_max, at least 1.
    ///   - cutoff: the relative discarded-weight cutoff, finite and in `0..<1`.
    ///   - prefersRealArithmetic: use the real-arithmetic path for real states and gates.
    /// - Throws: `SimulationError.invalidArgument` for χ_max < 1 or a negative, NaN,
    ///   infinite or ≥ 1 cutoff.
    public init(maxBondDimension: Int = MPSConfiguration.defaultMaxBondDimension,
                cutoff: Double = MPSConfiguration.defaultCutoff,
                prefersRealArithmetic: Bool = true) throws {
        try MPSConfiguration.validate(maxBondDimension: maxBondDimension, cutoff: cutoff)
        self.maxBondDimension = maxBondDimension
        self.cutoff = cutoff
        self.prefersRealArithmetic = prefersRealArithmetic
    }

    private init(uncheckedMaxBondDimension: Int?, cutoff: Double, prefersRealArithmetic: Bool) {
        self.maxBondDimension = uncheckedMaxBondDimension
        self.cutoff = cutoff
        self.prefersRealArithmetic = prefersRealArithmetic
    }

    /// No truncation at all: results are exact up to rounding, bond dimensions grow as the
    /// entanglement requires (up to 2^(n/2)).
    public static let exact = MPSConfiguration(uncheckedMaxBondDimension: nil, cutoff: 0, prefersRealArithmetic: true)

    /// χ_max = 64, cutoff = 1e-12, real arithmetic when possible.
    public static let `default` = MPSConfiguration(
        uncheckedMaxBondDimension: defaultMaxBondDimension, cutoff: defaultCutoff, prefersRealArithmetic: true)

    /// The exact configuration with a choice of arithmetic.
    public static func exact(prefersRealArithmetic: Bool) -> MPSConfiguration {
        MPSConfiguration(uncheckedMaxBondDimension: nil, cutoff: 0, prefersRealArithmetic: prefersRealArithmetic)
    }

    /// Whether this is the exact (non-truncating) mode.
    public var isExact: Bool { maxBondDimension == nil && cutoff == 0 }

    private static func validate(maxBondDimension: Int?, cutoff: Double) throws {
        if let chi = maxBondDimension, chi < 1 {
            throw SimulationError.invalidArgument("the maximum bond dimension must be at least 1, got \(chi)")
        }
        guard cutoff.isFinite, cutoff >= 0, cutoff < 1 else {
            throw SimulationError.invalidArgument("the discarded-weight cutoff must be finite and in [0, 1), got \(cutoff)")
        }
    }

    private enum CodingKeys: String, CodingKey { case maxBondDimension, cutoff, prefersRealArithmetic }

    /// Decodes and validates a configuration.
    /// - Throws: `SimulationError.invalidArgument` for out-of-range values, or a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let chi = try container.decodeIfPresent(Int.self, forKey: .maxBondDimension)
        let cutoff = try container.decode(Double.self, forKey: .cutoff)
        let real = try container.decodeIfPresent(Bool.self, forKey: .prefersRealArithmetic) ?? true
        try MPSConfiguration.validate(maxBondDimension: chi, cutoff: cutoff)
        self.init(uncheckedMaxBondDimension: chi, cutoff: cutoff, prefersRealArithmetic: real)
    }

    /// `MPS(exact)` or `MPS(χ_max = …, cutoff = …)`.
    public var description: String {
        isExact ? "MPS(exact)" : "MPS(χ_max = \(maxBondDimension.map(String.init) ?? "∞"), cutoff = \(cutoff))"
    }
}

extension MPSConfiguration: BackendConfiguration {
    /// The MPS register.
    public typealias Register = MPSBackend

    /// `mps` with this χ_max (`nil` = no limit) and cutoff.
    public var spec: BackendSpec {
        .mps(maxBondDimension: maxBondDimension == Int.max ? nil : maxBondDimension, cutoff: cutoff)
    }

    /// The configuration a spec records: χ_max as given (`nil` = no limit); a missing cutoff
    /// is 0 without a χ limit (exact) and `defaultCutoff` with one.
    /// - Throws: `SimulationError.invalidArgument` for χ < 1 or a cutoff outside [0, 1).
    public init(spec: BackendSpec) throws {
        let cutoff = spec.cutoff ?? (spec.maxBondDimension == nil ? 0 : MPSConfiguration.defaultCutoff)
        if spec.maxBondDimension == nil && cutoff == 0 {
            self = .exact
        } else {
            try self.init(maxBondDimension: spec.maxBondDimension ?? Int.max, cutoff: cutoff)
        }
    }

    /// Up to `MPSBackend.maxQubitCount` qubits; dense read-outs up to
    /// `MPSBackend.maxDenseQubitCount`; exact only without truncation.
    public var capabilities: BackendCapabilities {
        BackendCapabilities(name: "mps", isExact: isExact,
                            maxQubits: MPSBackend.maxQubitCount, maxDenseQubits: MPSBackend.maxDenseQubitCount)
    }

    /// n site tensors of at most χ × 2 × χ complex numbers, χ = min(χ_max, 2^⌊n/2⌋).
    public func estimatedRegisterBytes(qubitCount: Int) -> Double {
        let exactBond = pow(2, Double(qubitCount / 2))
        let chi = min(exactBond, Double(maxBondDimension ?? Int.max))
        return Double(qubitCount) * 2 * chi * chi * 16
    }
}

import Qompress

/// The backend options every simulating `qompress_*` function takes, resolved as the CLI's
/// `--backend`, `--chi`, `--cutoff` are: a registry name and, for a truncating backend, χ_max
/// (the backend's default when none is given, or no limit) and the cutoff.
struct BackendOptions {
    /// The spec the options describe, checked by the registry.
    var spec: BackendSpec

    /// Reads the C arguments. `chiMode`: 0 = the backend's default χ_max, 1 = `chi`, 2 = no
    /// limit; `hasCutoff`: whether `cutoff` is given.
    /// - Throws: `BoundaryError` for a null or non-UTF-8 name, χ < 1 or a cutoff outside [0, 1);
    ///   `SimulationError.invalidArgument` (from the registry) for an unknown backend or χ and
    ///   cutoff given to a backend that does not truncate.
    init(name: UnsafePointer<CChar>?, chiMode: Int32, chi: Int64, hasCutoff: Int32, cutoff: Double) throws {
        let name = try string(name, "the backend name")
        var chiLimit: Int?
        switch chiMode {
        case 0, 2: break
        case 1:
            guard chi >= 1, chi <= Int64(Int.max) else { throw BoundaryError("chi must be at least 1, got \(chi)") }
            chiLimit = Int(chi)
        default: throw BoundaryError("the chi mode must be 0 (default), 1 (a limit) or 2 (none), got \(chiMode)")
        }
        var cutoffValue: Double?
        if hasCutoff != 0 {
            guard cutoff.isFinite, cutoff >= 0, cutoff < 1 else {
                throw BoundaryError("cutoff must be finite and in [0, 1), got \(cutoff)")
            }
            cutoffValue = cutoff
        }
        spec = try resolveSpec(name: name, chiGiven: chiMode != 0, maxBondDimension: chiLimit, cutoff: cutoffValue)
    }
}

/// The registry every function of the C ABI chooses backends through.
private var registry: BackendRegistry { .standard }

/// The spec of a backend name under the rules every front end shares (`BackendRegistry.spec`).
private func resolveSpec(name: String, chiGiven: Bool, maxBondDimension: Int?, cutoff: Double?) throws -> BackendSpec {
    let limit: BackendSpec.BondLimit? = chiGiven ? (maxBondDimension.map { .limit($0) } ?? .unlimited) : nil
    return try registry.spec(named: name, bondLimit: limit, cutoff: cutoff)
}

/// A fresh register of `qubitCount` qubits in |0…0⟩ on the chosen backend, with
/// `threadsPerRegister` workers inside it (0 = all cores).
func makeRegister(_ options: BackendOptions, qubitCount: Int, threadsPerRegister: Int = 0) throws -> any Backend {
    try registry.register(for: options.spec, qubitCount: qubitCount, threads: threadsPerRegister)
}

/// The configuration of the chosen backend (which names its register type), with
/// `threadsPerRegister` workers inside each register; batches use 1 and spread samples instead.
func makeConfiguration(_ options: BackendOptions, threadsPerRegister: Int) throws -> any BackendConfiguration {
    try registry.configuration(for: options.spec, threads: threadsPerRegister)
}

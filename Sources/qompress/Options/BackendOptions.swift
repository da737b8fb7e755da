import ArgumentParser
import Qompress

extension BackendSpec: ExpressibleByArgument {
    /// A backend name as given to `--backend` (its options come from `--chi` and `--cutoff`).
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(name: argument.lowercased() == "sv" ? "statevector" : argument.lowercased())
    }
}

/// `--backend`, `--chi`, `--cutoff` and `--threads`: how every command that simulates chooses
/// its backend, through `BackendRegistry.standard`.
///
/// The options mean the same everywhere: `--chi` is a positive χ_max or `inf`; without it a
/// truncating backend keeps its default (χ_max = 64); `--cutoff` defaults to 1e-12 with a χ
/// limit and 0 without (so `--chi inf` alone is exact). Options that do not apply to a chosen
/// backend are refused before any work starts. Sweeps take several backends (`--backend
/// statevector,mps`); `--chi` and `--cutoff` then apply to the truncating ones.
struct BackendOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The simulator: \(BackendRegistry.standard.names.joined(separator: " or ")).",
                               valueName: "name"))
    var backend: CommaSeparated<BackendSpec> = CommaSeparated([.statevector])
    @Option(help: ArgumentHelp("Truncating backends (mps): the bond-dimension limit χ_max, or inf for none (default \(MPSConfiguration.defaultMaxBondDimension)).",
                               valueName: "chi"))
    var chi: BondDimension?
    @Option(help: "Truncating backends (mps): the relative discarded weight one SVD may drop, in [0, 1) (default \(MPSConfiguration.defaultCutoff) with a χ limit, 0 with --chi inf).")
    var cutoff: Double?
    @Option(help: "Worker threads (0 = all cores). Results do not depend on it.")
    var threads: Int = 0

    /// The registry the options resolve against.
    var registry: BackendRegistry { .standard }

    func validate() throws {
        guard threads >= 0 else { throw ValidationError("--threads must be ≥ 0, got \(threads)") }
        _ = try specs()
    }

    /// Every chosen backend's spec, in the order given, with `--chi`/`--cutoff` applied to the
    /// truncating ones.
    /// - Throws: `ValidationError` for an unknown backend, χ/cutoff given to no truncating
    ///   backend, or values the backend refuses.
    func specs() throws -> [BackendSpec] {
        let entries = try backend.values.map { spec -> BackendRegistry.Entry in
            do { return try registry.entry(named: spec.name) } catch { throw ValidationError(message(error)) }
        }
        if chi != nil || cutoff != nil, !entries.contains(where: \.acceptsTruncation) {
            throw ValidationError("--chi and --cutoff apply to truncating backends (\(registry.entries.filter(\.acceptsTruncation).map(\.name).joined(separator: ", "))), not to \(entries.map(\.name).joined(separator: ", "))")
        }
        return try entries.map { entry in
            do {
                return try registry.spec(named: entry.name, bondLimit: entry.acceptsTruncation ? chi : nil,
                                         cutoff: entry.acceptsTruncation ? cutoff : nil)
            } catch { throw ValidationError(message(error)) }
        }
    }

    /// The one chosen backend (commands that run one).
    /// - Throws: `ValidationError` when several were given.
    func spec() throws -> BackendSpec {
        let all = try specs()
        guard all.count == 1 else { throw ValidationError("--backend takes one backend here, got \(backend)") }
        return all[0]
    }

    /// The configuration of the one chosen backend, with `threads` workers inside a register.
    func configuration() throws -> any BackendConfiguration {
        try registry.configuration(for: try spec(), threads: threads)
    }

    private func message(_ error: Error) -> String {
        if let error = error as? SimulationError, case let .invalidArgument(text) = error { return text }
        return "\(error)"
    }
}

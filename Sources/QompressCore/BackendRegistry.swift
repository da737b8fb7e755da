/// The one place that maps a backend's name and options (a `BackendSpec`) to a configuration
/// and a register.
///
/// Commands, model factories, checkpoints and the C ABI all choose backends through a
/// registry; `BackendRegistry.standard` (in the `Qompress` umbrella) holds the statevector
/// and the MPS. Adding a backend is one `Entry` — `BackendRegistry.standard.adding(entry)` —
/// and nothing else: options that do not apply to it are refused here, the same way for
/// every caller.
public struct BackendRegistry: Sendable {
    /// One backend the registry can make.
    public struct Entry: Sendable {
        /// The name specs use (`"statevector"`, `"mps"`).
        public let name: String
        /// One line for help texts.
        public let summary: String
        /// Whether `--chi` and `--cutoff` apply (a truncating backend).
        public let acceptsTruncation: Bool
        /// The χ_max a command uses when none is given (truncating backends only).
        public let defaultMaxBondDimension: Int?
        private let configure: @Sendable (BackendSpec, Int) throws -> any BackendConfiguration

        /// Creates an entry whose `configure(spec, threads)` builds the configuration of a spec
        /// (threads: workers inside one register, 0 = all cores; results do not depend on it).
        public init<C: BackendConfiguration>(name: String, summary: String, acceptsTruncation: Bool = false,
                                             defaultMaxBondDimension: Int? = nil,
                                             configure: @escaping @Sendable (BackendSpec, Int) throws -> C) {
            self.name = name
            self.summary = summary
            self.acceptsTruncation = acceptsTruncation
            self.defaultMaxBondDimension = defaultMaxBondDimension
            self.configure = { try configure($0, $1) }
        }

        /// The configuration of `spec` (already checked by the registry).
        func configuration(for spec: BackendSpec, threads: Int) throws -> any BackendConfiguration {
            try configure(spec, threads)
        }
    }

    /// The backends, in the order help texts list them.
    public private(set) var entries: [Entry]

    /// A registry of the given backends.
    /// - Precondition: names are distinct (a programming error, not user input).
    public init(_ entries: [Entry]) {
        precondition(Set(entries.map(\.name)).count == entries.count, "backend names must be distinct")
        self.entries = entries
    }

    /// This registry with `entry` added (replacing an entry of the same name).
    public func adding(_ entry: Entry) -> BackendRegistry {
        BackendRegistry(entries.filter { $0.name != entry.name } + [entry])
    }

    /// The registered names, in order.
    public var names: [String] { entries.map(\.name) }

    /// The entry called `name` (case-insensitive).
    /// - Throws: `SimulationError.invalidArgument` naming the backends there are.
    public func entry(named name: String) throws -> Entry {
        guard let entry = entries.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw SimulationError.invalidArgument(
                "unknown backend \"\(name)\"; available: \(names.joined(separator: ", "))")
        }
        return entry
    }

    /// Checks a spec by building its configuration (no register): a known name, truncation
    /// options only for a backend that truncates, and values the backend accepts.
    /// - Throws: `SimulationError.invalidArgument` with a message for the command line.
    public func validate(_ spec: BackendSpec) throws {
        _ = try configuration(for: spec)
    }

    /// The spec of backend `name` with the options a user gave, under the rules every front end
    /// shares (the CLI's `--backend/--chi/--cutoff`, the C ABI, Python): a truncating backend
    /// keeps its `defaultMaxBondDimension` when no limit is given; χ and a cutoff given to a
    /// backend that does not truncate are refused.
    /// - Throws: `SimulationError.invalidArgument` for an unknown name, refused options, or
    ///   values the backend refuses.
    public func spec(named name: String, bondLimit: BackendSpec.BondLimit? = nil, cutoff: Double? = nil) throws -> BackendSpec {
        let entry = try entry(named: name)
        var spec = BackendSpec(name: entry.name)
        if entry.acceptsTruncation {
            spec.maxBondDimension = bondLimit.map(\.maxBondDimension) ?? entry.defaultMaxBondDimension
            spec.cutoff = cutoff
        } else if bondLimit != nil || cutoff != nil {
            throw refusingTruncation(by: entry)
        }
        try validate(spec)
        return spec
    }

    /// The error for χ or a cutoff given to `entry`, which does not truncate.
    private func refusingTruncation(by entry: Entry) -> SimulationError {
        .invalidArgument("chi and cutoff apply to truncating backends (\(entries.filter(\.acceptsTruncation).map(\.name).joined(separator: ", "))), not to \(entry.name)")
    }

    /// The configuration `spec` describes, with `threads` workers inside each register.
    /// - Throws: `SimulationError.invalidArgument` for an unknown name, truncation options
    ///   given to a backend that does not truncate, or a negative thread count; the backend's
    ///   own errors for bad option values.
    public func configuration(for spec: BackendSpec, threads: Int = 1) throws -> any BackendConfiguration {
        let entry = try entry(named: spec.name)
        if !entry.acceptsTruncation, spec.hasTruncationOptions { throw refusingTruncation(by: entry) }
        guard threads >= 0 else { throw SimulationError.invalidArgument("threads must be ≥ 0, got \(threads)") }
        return try entry.configuration(for: spec, threads: threads)
    }

    /// A register of `qubitCount` qubits in |0…0⟩ on the backend `spec` describes.
    /// - Throws: as `configuration(for:threads:)`, `SimulationError.unsupported` above the
    ///   backend's qubit limit, and the backend's own errors.
    public func register(for spec: BackendSpec, qubitCount: Int, threads: Int = 1) throws -> any Backend {
        try Self.makeRegister(configuration(for: spec, threads: threads), qubitCount: qubitCount)
    }

    private static func makeRegister<C: BackendConfiguration>(_ configuration: C, qubitCount: Int) throws -> any Backend {
        try configuration.checkSupports(qubitCount: qubitCount)
        return try configuration.makeRegister(qubitCount: qubitCount)
    }
}

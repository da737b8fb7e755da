/// The settings of one backend type, which also name that type: from a configuration value,
/// generic code finds the register it makes (`Register`) and the spec that records it.
///
/// This is what lets a `BackendRegistry` hand out backends as values: a caller opens the
/// `any BackendConfiguration` it gets and builds a `QuantumLayer<C.Register>` or a
/// `BatchEvaluator<C.Register>` without a switch over backends.
public protocol BackendConfiguration: Sendable {
    /// The register type these settings configure.
    associatedtype Register: Backend where Register.Configuration == Self

    /// The spec that records these settings (what a checkpoint stores); a registry turns it
    /// back into an equivalent configuration.
    var spec: BackendSpec { get }

    /// What registers made with these settings can promise (the largest qubit count, exactness,
    /// dense read-outs), known before any register exists.
    var capabilities: BackendCapabilities { get }

    /// About how many bytes one register of `qubitCount` qubits takes at most, so that batch
    /// code can decide how many registers to keep alive at once (`QuantumLayer` keeps a
    /// batch's registers for the backward pass when they fit in `retainedBatchBytes`).
    func estimatedRegisterBytes(qubitCount: Int) -> Double

    /// The most samples one `RegisterBatch` of `circuit` holds, or `nil` when the backend runs
    /// `circuit` one register per sample. A sample's results must not depend on the batch it
    /// runs in (its lane never mixes with another's, bit for bit), so batch code may put fewer
    /// samples in each batch — to give every thread a share — without changing any result.
    func batchWidth(for circuit: Circuit) -> Int?

    /// A batch of `samples` (at most `batchWidth(for:)`) registers for `circuit`, or `nil` when
    /// `batchWidth(for:)` is `nil`.
    /// - Throws: `SimulationError.invalidArgument` for a sample count outside 1…width.
    func makeBatch(for circuit: Circuit, samples: Int) throws -> (any RegisterBatch)?
}

extension BackendConfiguration {
    /// No batch registers: every sample runs on its own register.
    public func batchWidth(for circuit: Circuit) -> Int? { nil }

    /// No batch registers.
    public func makeBatch(for circuit: Circuit, samples: Int) throws -> (any RegisterBatch)? { nil }

    /// The memory a batch's registers may keep between a forward and a backward pass (256 MiB:
    /// 2^24 statevector amplitudes).
    public static var retainedBatchBytes: Double { 256 * 1024 * 1024 }

    /// A register of `qubitCount` qubits in |0…0⟩ with these settings.
    /// - Throws: as `Backend.init(qubitCount:configuration:)`.
    public func makeRegister(qubitCount: Int) throws -> Register {
        try Register(qubitCount: qubitCount, configuration: self)
    }

    /// Throws `SimulationError.unsupported` when `qubitCount` exceeds `capabilities.maxQubits`.
    public func checkSupports(qubitCount: Int) throws {
        guard qubitCount <= capabilities.maxQubits else {
            throw SimulationError.unsupported(
                "the \(capabilities.name) backend takes at most \(capabilities.maxQubits) qubits, got \(qubitCount)")
        }
    }
}

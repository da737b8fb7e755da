import Qompress

/// The backend options every simulating `qompress_*` function takes: a name and, for the MPS,
/// χ and the cutoff (each with a flag saying whether it was given).
struct BackendOptions {
    /// `"statevector"` or `"mps"`.
    var name: String
    /// The MPS bond-dimension limit, when given.
    var chi: Int?
    /// The MPS relative discarded-weight cutoff, when given.
    var cutoff: Double?

    /// Reads the C arguments.
    init(name: UnsafePointer<CChar>?, hasChi: Int32, chi: Int64, hasCutoff: Int32, cutoff: Double) throws {
        self.name = try string(name, "the backend name")
        if hasChi != 0 {
            guard chi >= 1, chi <= Int64(Int.max) else { throw BoundaryError("chi must be at least 1, got \(chi)") }
            self.chi = Int(chi)
        }
        if hasCutoff != 0 {
            guard cutoff.isFinite, cutoff >= 0, cutoff < 1 else {
                throw BoundaryError("cutoff must be finite and in [0, 1), got \(cutoff)")
            }
            self.cutoff = cutoff
        }
    }
}

/// The one place that maps a backend name and its options to a simulator: a fresh register of
/// `qubitCount` qubits in |0…0⟩. (After the backend registry lands in the umbrella, this
/// function becomes a call to it.)
///
/// - Parameter threadsPerRegister: worker threads inside one statevector register (0 = all
///   cores); batches use 1 and spread samples across cores instead.
/// - Throws: `BoundaryError` for an unknown name or χ/cutoff given to the statevector, and the
///   backend's own errors (too many qubits, bad configuration).
func makeRegister(_ options: BackendOptions, qubitCount: Int, threadsPerRegister: Int = 0) throws -> any Backend {
    switch options.name {
    case "statevector":
        guard options.chi == nil, options.cutoff == nil else {
            throw BoundaryError("chi and cutoff apply to the mps backend only")
        }
        return try StatevectorBackend(qubitCount: qubitCount, configuration: StatevectorConfiguration(threadCount: threadsPerRegister))
    case "mps":
        let configuration = try MPSConfiguration(maxBondDimension: options.chi ?? MPSConfiguration.defaultMaxBondDimension,
                                                 cutoff: options.cutoff ?? MPSConfiguration.defaultCutoff)
        return try MPSBackend(qubitCount: qubitCount, configuration: configuration)
    default:
        throw BoundaryError("unknown backend \"\(options.name)\"; expected statevector or mps")
    }
}

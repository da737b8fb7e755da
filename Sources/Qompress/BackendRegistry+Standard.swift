import QompressCore
import QompressMPS
import QompressStatevector

extension BackendRegistry {
    /// The package's backends: the exact statevector and the truncating MPS.
    public static let standard = BackendRegistry([.statevector, .mps])
}

extension BackendRegistry.Entry {
    /// The exact statevector; `threads` workers inside each register (large states only).
    public static let statevector = BackendRegistry.Entry(
        name: "statevector", summary: "exact statevector (up to ~30 qubits, memory permitting)"
    ) { _, threads in StatevectorConfiguration(threadCount: threads) }

    /// The MPS: χ_max as given (`nil` = no limit), cutoff as given (`nil`: 0 without a χ
    /// limit, `MPSConfiguration.defaultCutoff` with one).
    public static let mps = BackendRegistry.Entry(
        name: "mps", summary: "matrix product state truncated to χ_max with a discarded-weight cutoff",
        acceptsTruncation: true, defaultMaxBondDimension: MPSConfiguration.defaultMaxBondDimension
    ) { spec, _ in try MPSConfiguration(spec: spec) }
}

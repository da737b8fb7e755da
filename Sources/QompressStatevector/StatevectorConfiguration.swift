import QompressCore

/// Settings of the exact statevector backend.
public struct StatevectorConfiguration: Hashable, Sendable, DefaultConfigurable {
    /// Worker threads for large states; 0 means one per active processor core.
    public var threadCount: Int
    /// States of at least this many qubits are processed by several threads; smaller ones
    /// by one (thread start-up costs more than it saves below it; see Docs/Performance.md).
    public var parallelThreshold: Int
    /// Whether `run` groups gates into cache-sized blocks (one memory pass per block
    /// instead of one per gate). Off only to measure its effect.
    public var cacheBlocking: Bool

    /// Creates a configuration.
    public init(threadCount: Int = 0, parallelThreshold: Int = 16, cacheBlocking: Bool = true) {
        self.threadCount = threadCount
        self.parallelThreshold = parallelThreshold
        self.cacheBlocking = cacheBlocking
    }

    /// All cores, measured threshold, cache blocking on.
    public static let `default` = StatevectorConfiguration()
}

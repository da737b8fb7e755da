import Foundation
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
    /// Whether a state whose amplitudes are all real is stored and evolved as 2^n real numbers
    /// (half the memory traffic, a quarter of the multiplications) until a gate or observable
    /// makes it complex. Results are the same to rounding; off only to measure its effect.
    public var realArithmetic: Bool
    /// Whether the rotation loops use the AVX2 + FMA kernels when the CPU has them (chosen at
    /// run time; the package itself targets baseline x86-64). FMA rounds once where SSE2 rounds
    /// twice, so results differ in the last bits; off only to measure or to compare.
    public var vectorExtensions: Bool
    /// Whether batch code runs small circuits of real gates on `StatevectorBatch`es (several
    /// samples per kernel pass) instead of one register per sample. Results are the same to
    /// rounding; off only to measure its effect or to compare.
    public var batchedSamples: Bool
    /// The most bytes one register may take, besides the memory the system has free when it is
    /// made; `nil` means `defaultMemoryFraction` of the physical memory, so that one command
    /// cannot take the machine even when memory happens to be free.
    public var memoryCeiling: Double?

    /// The share of physical memory one register may take by default.
    public static let defaultMemoryFraction = 0.75

    /// Creates a configuration.
    public init(threadCount: Int = 0, parallelThreshold: Int = 16, cacheBlocking: Bool = true,
                realArithmetic: Bool = true, vectorExtensions: Bool = true, memoryCeiling: Double? = nil,
                batchedSamples: Bool = true) {
        self.batchedSamples = batchedSamples
        self.memoryCeiling = memoryCeiling
        self.threadCount = threadCount
        self.parallelThreshold = parallelThreshold
        self.cacheBlocking = cacheBlocking
        self.realArithmetic = realArithmetic
        self.vectorExtensions = vectorExtensions
    }

    /// All cores, measured threshold, cache blocking, real arithmetic and vector extensions on.
    public static let `default` = StatevectorConfiguration()
}

extension StatevectorConfiguration: BackendConfiguration {
    /// The statevector register.
    public typealias Register = StatevectorBackend

    /// `statevector`: the thread count is not part of the spec (results do not depend on it).
    public var spec: BackendSpec { .statevector }

    /// Exact, up to `StatevectorBackend.qubitLimit` qubits (memory permitting), dense read-outs
    /// at any size it takes.
    public var capabilities: BackendCapabilities {
        BackendCapabilities(name: "statevector", isExact: true,
                            maxQubits: StatevectorBackend.qubitLimit, maxDenseQubits: StatevectorBackend.qubitLimit)
    }

    /// 16 · 2^n bytes (complex amplitudes), rounded up to whole 2 MiB huge pages from 1 MiB.
    public func estimatedRegisterBytes(qubitCount: Int) -> Double {
        let bytes = 16 * pow(2, Double(qubitCount)), page = Double(2 << 20)
        return bytes >= Double(HugePageAllocation.threshold) ? (bytes / page).rounded(.up) * page : bytes
    }

    /// For circuits a `StatevectorBatch` runs (real gates) and real arithmetic on: as many samples
    /// as keep a batch near 64 KiB (32 at n ≤ 8, 4 at n = 11); `nil` above 11 qubits, where a
    /// sample's own register fills the vector units, or when `batchedSamples` is off.
    public func batchWidth(for circuit: Circuit) -> Int? {
        guard batchedSamples, realArithmetic, circuit.qubitCount <= 11, StatevectorBatch.runs(circuit) else { return nil }
        return min(32, 8192 >> circuit.qubitCount)
    }

    /// A `StatevectorBatch` of `samples` samples when `batchWidth(for:)` allows one.
    /// - Throws: `SimulationError.invalidArgument` for `samples` outside 1…width.
    public func makeBatch(for circuit: Circuit, samples: Int) throws -> (any RegisterBatch)? {
        guard let width = batchWidth(for: circuit) else { return nil }
        guard (1...width).contains(samples) else {
            throw SimulationError.invalidArgument("a batch of this circuit takes 1…\(width) samples, got \(samples)")
        }
        return try StatevectorBatch(qubitCount: circuit.qubitCount, samples: samples, configuration: self)
    }
}

import Foundation
import Numerics
import QompressCore

/// The exact statevector backend: 2^n complex128 amplitudes in one contiguous buffer.
///
/// Gates run through kernels specialised by class (permutations, diagonals, real rotations,
/// general 2×2 and 4×4, controlled gates touching only the controlled half). `run` fuses
/// consecutive one-qubit gates, folds the leading rotations of a product state into the
/// state itself, and groups the rest into cache-sized blocks so that many gates cost one
/// pass over memory. Amplitude index bit q is qubit q.
///
/// A state whose amplitudes are all real (a real product state evolved by H, RY, CNOT, CZ,
/// SWAP, Toffoli and other real gates — the dressed circuits of the models) is kept in
/// *real form*: 2^n doubles instead of 2^n interleaved pairs, evolved by `RealKernels`.
/// The first gate or observable that needs complex numbers converts it in place. The form
/// is invisible to callers except through speed (`StatevectorConfiguration.realArithmetic`).
///
/// The buffer and its form (product, real, complex) belong to an `AmplitudeStorage`, whose
/// transitions are the only way the form changes; the loops belong to the `KernelSet` chosen
/// from a table when the register is made (portable or AVX2 + FMA). Read-outs are written once
/// over an `AmplitudeLayout` and specialised for both forms.
public final class StatevectorBackend: Backend {
    public typealias Configuration = StatevectorConfiguration

    /// The most qubits this backend accepts regardless of memory (2^40 amplitudes = 16 TiB).
    public static let qubitLimit = 40
    /// Qubits always local to a cache block (2^10 amplitudes = 16 KiB runs).
    static let lowQubits = 10
    /// Further qubits a cache block may hold: blocks of up to 2^16 amplitudes (1 MiB complex).
    /// Measured against 4 (2026-12-04, interleaved, one thread): the dressed circuit (W1) 9 %
    /// faster at n = 18, 31 % at n = 20, 15 % at n = 22 and 24 (fewer blocks per layer, so fewer
    /// passes over memory); random complex brickwork circuits 3 % faster.
    static let maxHighQubits = 6
    /// The same for a plan that runs in real form: 2^17 amplitudes, again 1 MiB. Measured
    /// against 6 (2026-12-05, interleaved, one thread): W1 1 % faster at n = 18, 2 % at n = 20,
    /// 8 % at n = 22 and 24.
    static let maxHighQubitsReal = 7
    /// States of at most this many qubits (1 MiB) stay in cache: gates run directly, without
    /// the gather and scatter of cache blocks (measured: blocking costs more than it saves
    /// at 16 qubits and gains 2–3× from 18 up).
    static let directQubitLimit = 16

    public let configuration: StatevectorConfiguration
    public let qubitCount: Int
    /// 2^n.
    var amplitudeCount: Int { storage.count }
    /// The amplitudes and their form (product, real or complex).
    let storage: AmplitudeStorage
    /// The loops this register runs on, chosen from `KernelSet`'s table when it was made.
    let kernels: KernelSet
    /// Where cache blocks gather their amplitudes, kept between runs (a register is used by one
    /// thread at a time, so one buffer serves every block).
    private let blockScratch = ScratchBuffer()

    public init(qubitCount: Int, configuration: StatevectorConfiguration = .default) throws {
        guard qubitCount >= 1 else { throw CircuitError.invalidQubitCount(qubitCount) }
        guard configuration.threadCount >= 0, configuration.parallelThreshold >= 0 else {
            throw SimulationError.invalidArgument("threadCount and parallelThreshold must be non-negative")
        }
        guard configuration.memoryCeiling.map({ $0 >= 0 && !$0.isNaN }) ?? true else {
            throw SimulationError.invalidArgument("the memory ceiling must be a non-negative number of bytes")
        }
        let needed = 16 * pow(2, Double(qubitCount))
        // Asking the system for its free memory costs a file read: only large states ask.
        if qubitCount > StatevectorBackend.qubitLimit || needed > 64 * 1024 * 1024
            || needed > (configuration.memoryCeiling ?? .infinity) {
            let available = MemoryBudget.allowedBytes(ceiling: configuration.memoryCeiling)
            guard qubitCount <= StatevectorBackend.qubitLimit, needed <= available else {
                throw SimulationError.stateTooLarge(qubits: qubitCount, bytesNeeded: needed, bytesAvailable: available)
            }
        }
        self.configuration = configuration
        self.qubitCount = qubitCount
        self.storage = AmplitudeStorage(count: 1 << qubitCount,
                                        product: [Matrix2.Column](repeating: .zeroState, count: qubitCount))
        self.kernels = KernelSet.entry(for: configuration)
    }

    public var capabilities: BackendCapabilities { configuration.capabilities }

    /// Threads used for a pass over this state.
    var threads: Int {
        guard qubitCount >= configuration.parallelThreshold else { return 1 }
        return configuration.threadCount == 0 ? ParallelLoop.coreCount : configuration.threadCount
    }

    // MARK: Preparation

    public func prepareZeroState() {
        storage.setProduct([Matrix2.Column](repeating: .zeroState, count: qubitCount))
    }

    public func prepare(productState states: [QubitState]) throws {
        guard states.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: states.count)
        }
        storage.setProduct(states.map {
            Matrix2.Column(ar: $0.alpha.real, ai: $0.alpha.imaginary, br: $0.beta.real, bi: $0.beta.imaginary)
        })
    }

    /// Writes out a pending product state (in real form when every factor is real and the
    /// configuration allows it), so that reads until the next change only read.
    public func settle() {
        storage.writeOut(allowingReal: configuration.realArithmetic, threads: threads)
    }

    // MARK: Evolution

    public func apply(_ instruction: Instruction, parameters: ParameterValues) throws {
        for q in instruction.qubits where q >= qubitCount {
            throw CircuitError.qubitOutOfRange(qubit: q, qubitCount: qubitCount)
        }
        let kernel: KernelOperation?
        if instruction.gate.arity == 1 {
            kernel = KernelOperation.single(instruction.qubits[0], try Matrix2.of(instruction.gate, parameters))
        } else {
            kernel = try KernelOperation.lower(multiQubit: instruction, values: parameters)
        }
        settle()
        if let kernel {
            if storage.isReal && !kernel.isReal { storage.makeComplex() }
            applyDirect(kernel)
        }
    }

    public func run(_ circuit: Circuit, parameters: ParameterValues) throws {
        try checkQubitCount(circuit.qubitCount)
        execute(try compile(circuit, parameters))
    }

    /// Runs `circuit` on both registers, compiling it once when both hold a written-out
    /// state (the case of an adjoint sweep).
    public func run(_ circuit: Circuit, parameters: ParameterValues, alsoOn other: StatevectorBackend) throws {
        try checkQubitCount(circuit.qubitCount)
        try other.checkQubitCount(qubitCount)
        guard storage.isWrittenOut, other.storage.isWrittenOut, other.configuration == configuration else {
            try run(circuit, parameters: parameters)
            try other.run(circuit, parameters: parameters)
            return
        }
        let plan = try compile(circuit, parameters)
        execute(plan)
        other.execute(plan)
    }

    /// The circuit compiled for this register's size, configuration and current state.
    /// Cache blocks hold 1 MiB: `maxHighQubits` further qubits, or `maxHighQubitsReal` when
    /// the plan will run in real form (its kernels are real and the state is, or will be
    /// written out, real).
    private func compile(_ circuit: Circuit, _ parameters: ParameterValues) throws -> ExecutionPlan {
        let blocked = configuration.cacheBlocking && qubitCount > StatevectorBackend.directQubitLimit
        func compile(maxHighQubits: Int) throws -> ExecutionPlan {
            try ExecutionPlan.compile(circuit, values: parameters, initialProduct: storage.pendingProduct,
                                      lowQubits: StatevectorBackend.lowQubits, maxHighQubits: maxHighQubits)
        }
        let plan = try compile(maxHighQubits: blocked ? StatevectorBackend.maxHighQubits : qubitCount)
        guard blocked, plan.isReal, !plan.blocks.isEmpty else { return plan }
        let real = storage.isReal
            || (configuration.realArithmetic && (plan.productState ?? storage.pendingProduct ?? [])
                .allSatisfy { $0.ai == 0 && $0.bi == 0 } && !storage.isWrittenOut)
        return real ? try compile(maxHighQubits: StatevectorBackend.maxHighQubitsReal) : plan
    }

    /// Executes a plan compiled for this register.
    private func execute(_ plan: ExecutionPlan) {
        if let product = plan.productState {
            storage.setProduct(product)
        }
        if plan.blocks.isEmpty { return }
        settle()
        if storage.isReal && !plan.isReal { storage.makeComplex() }
        for block in plan.blocks { execute(block, direct: !configuration.cacheBlocking) }
    }

    /// Applies a block of kernels. `direct` runs each kernel over the whole buffer in turn
    /// (one pass per kernel); otherwise the buffer is cut into cache-sized pieces and every
    /// kernel runs on a piece before the next piece is loaded.
    func execute(_ block: ExecutionPlan.Block, direct: Bool) {
        let n = qubitCount
        let p = storage.buffer
        let low = StatevectorBackend.lowQubits
        let ops = block.kernels
        let threads = self.threads
        let real = storage.isReal, w = storage.doublesPerAmplitude, kernels = self.kernels
        if direct || n <= StatevectorBackend.directQubitLimit {
            for op in ops { applyDirect(op) }
            return
        }
        let high = block.highQubits
        if high.isEmpty {
            // All kernels act below `low`: contiguous pieces, processed in place.
            let pieceBits = min(n, low + (real ? StatevectorBackend.maxHighQubitsReal : StatevectorBackend.maxHighQubits))
            let pieceCount = 1 << pieceBits
            ParallelLoop.forEach(tasks: amplitudeCount >> pieceBits, threads: threads) { s in
                let base = p + w * s * pieceCount
                for op in ops { kernels.apply(op, base, count: pieceCount, real: real) }
            }
            return
        }
        // Gather 2^|high| runs of 2^low amplitudes into a scratch buffer, apply, scatter.
        let others = (low..<n).filter { !high.contains($0) }
        let runCount = 1 << high.count
        let runLength = 1 << low
        let localCount = runCount * runLength
        var runOffsets = [Int](repeating: 0, count: runCount)
        for j in 0..<runCount {
            for (k, q) in high.enumerated() where (j >> k) & 1 == 1 { runOffsets[j] |= 1 << q }
        }
        let outerCount = 1 << others.count
        let workers = min(threads, outerCount)
        let scratch = blockScratch.reserve(w * localCount * workers)
        runOffsets.withUnsafeBufferPointer { offsets in
            others.withUnsafeBufferPointer { others in
                ParallelLoop.forEach(tasks: workers, threads: workers) { worker in
                    let local = scratch + w * localCount * worker
                    let start = outerCount * worker / workers, end = outerCount * (worker + 1) / workers
                    for outer in start..<end {
                        var base = 0
                        for (k, q) in others.enumerated() where (outer >> k) & 1 == 1 { base |= 1 << q }
                        for j in 0..<runCount {
                            (local + w * j * runLength).update(from: p + w * (base | offsets[j]), count: w * runLength)
                        }
                        for op in ops { kernels.apply(op, local, count: localCount, real: real) }
                        for j in 0..<runCount {
                            (p + w * (base | offsets[j])).update(from: local + w * j * runLength, count: w * runLength)
                        }
                    }
                }
            }
        }
    }

    /// Applies one kernel over the whole buffer. A large state is cut into independent
    /// slices when the kernel's qubits all lie below the slice size, and the slices are
    /// spread over the threads.
    @inline(__always)
    func applyDirect(_ op: KernelOperation) {
        let n = qubitCount
        let sliceBits = max(op.topQubit + 1, min(n, 14))
        let real = storage.isReal
        guard sliceBits < n, threads > 1 else {
            kernels.apply(op, storage.buffer, count: amplitudeCount, real: real)
            return
        }
        let sliceCount = 1 << sliceBits
        let p = storage.buffer, w = storage.doublesPerAmplitude, kernels = self.kernels
        ParallelLoop.forEach(tasks: 1 << (n - sliceBits), threads: threads) { s in
            kernels.apply(op, p + w * s * sliceCount, count: sliceCount, real: real)
        }
    }

    // MARK: Copies

    public func copy() -> StatevectorBackend {
        // The configuration was valid for this size already, so creation cannot fail.
        StatevectorBackend(qubitCount: qubitCount, configuration: configuration, storage: storage.copy(),
                           kernels: kernels)
    }

    private init(qubitCount n: Int, configuration: StatevectorConfiguration, storage: AmplitudeStorage,
                 kernels: KernelSet) {
        self.configuration = configuration
        self.qubitCount = n
        self.storage = storage
        self.kernels = kernels
    }
}

extension Matrix2.Column {
    /// |0⟩.
    static let zeroState = Matrix2.Column(ar: 1, ai: 0, br: 0, bi: 0)
}

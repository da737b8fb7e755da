import CQompressKernels
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
public final class StatevectorBackend: Backend {
    public typealias Configuration = StatevectorConfiguration

    /// The most qubits this backend accepts regardless of memory (2^40 amplitudes = 16 TiB).
    public static let qubitLimit = 40
    /// Qubits always local to a cache block (2^10 amplitudes = 16 KiB runs).
    static let lowQubits = 10
    /// Further qubits a cache block may hold (blocks of up to 2^14 amplitudes = 256 KiB).
    static let maxHighQubits = 4
    /// States of at most this many qubits (1 MiB) stay in cache: gates run directly, without
    /// the gather and scatter of cache blocks (measured: blocking costs more than it saves
    /// at 16 qubits and gains 2–3× from 18 up).
    static let directQubitLimit = 16
    /// Product states of at most this many qubits are written by doubling in place (no
    /// tables, one thread); larger ones from a table over these low qubits and one over the
    /// rest, in parallel.
    static let inPlaceProductQubits = 12

    /// Whether this CPU and OS support AVX2 and FMA (asked once).
    static let cpuHasAVX2FMA = qk_has_avx2_fma() != 0

    public let configuration: StatevectorConfiguration
    public let qubitCount: Int
    /// 2^n.
    let amplitudeCount: Int
    /// Interleaved real and imaginary parts, 2·2^n doubles; in real form the first 2^n
    /// doubles are the amplitudes.
    let storage: UnsafeMutablePointer<Double>
    /// Whether the buffer holds the state in real form.
    var isReal = false
    /// Whether the rotation loops run on the AVX2 + FMA kernels (the configuration allows it
    /// and the CPU has them).
    var usesAVX2: Bool { configuration.vectorExtensions && StatevectorBackend.cpuHasAVX2FMA }
    /// When non-nil the buffer is stale and the state is this product state.
    var lazyProduct: [Matrix2.Column]?

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
        self.amplitudeCount = 1 << qubitCount
        self.storage = .allocate(capacity: 2 << qubitCount)
        self.lazyProduct = [Matrix2.Column](repeating: .zeroState, count: qubitCount)
    }

    deinit { storage.deallocate() }

    public var capabilities: BackendCapabilities { configuration.capabilities }

    /// Threads used for a pass over this state.
    var threads: Int {
        guard qubitCount >= configuration.parallelThreshold else { return 1 }
        return configuration.threadCount == 0 ? ParallelLoop.coreCount : configuration.threadCount
    }

    // MARK: Preparation

    public func prepareZeroState() {
        lazyProduct = [Matrix2.Column](repeating: .zeroState, count: qubitCount)
    }

    public func prepare(productState states: [QubitState]) throws {
        guard states.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: states.count)
        }
        lazyProduct = states.map {
            Matrix2.Column(ar: $0.alpha.real, ai: $0.alpha.imaginary, br: $0.beta.real, bi: $0.beta.imaginary)
        }
    }

    /// Writes the pending product state into the buffer, if any: in real form when every
    /// factor is real and the configuration allows it.
    /// Writes out a pending product state, so that reads until the next change only read.
    public func settle() { materialize() }

    func materialize() {
        guard let factors = lazyProduct else { return }
        lazyProduct = nil
        if configuration.realArithmetic, factors.allSatisfy({ $0.ai == 0 && $0.bi == 0 }) {
            isReal = true
            writeRealProductState(factors)
        } else {
            isReal = false
            writeProductState(factors)
        }
    }

    /// Converts a state in real form to interleaved complex form in place (a no-op otherwise).
    func makeComplex() {
        guard isReal else { return }
        isReal = false
        let p = storage
        // Amplitude k moves to 2k; walking down never overwrites an amplitude not yet moved.
        var k = amplitudeCount - 1
        while k >= 0 {
            let value = p[k]
            p[2 * k + 1] = 0
            p[2 * k] = value
            k -= 1
        }
    }

    /// Doubles per amplitude in the buffer's current form.
    var doublesPerAmplitude: Int { isReal ? 1 : 2 }

    /// Fills the buffer in real form with ⊗_q factors[q] (all real).
    private func writeRealProductState(_ factors: [Matrix2.Column]) {
        let n = qubitCount
        let p = storage
        if n <= StatevectorBackend.inPlaceProductQubits {
            StatevectorBackend.fillRealProduct(factors[...], into: p)
            return
        }
        // amplitude(h·2^k + l) = H[h]·L[l], rows in parallel.
        let k = StatevectorBackend.inPlaceProductQubits
        let low = StatevectorBackend.realProductTable(factors[0..<k])
        let high = StatevectorBackend.realProductTable(factors[k..<n])
        let lowCount = low.count
        ParallelLoop.forEach(tasks: high.count, threads: threads) { h in
            let scale = high[h]
            let row = p + h * lowCount
            for l in 0..<lowCount { row[l] = scale * low[l] }
        }
    }

    /// Fills the buffer with ⊗_q factors[q], interleaved.
    private func writeProductState(_ factors: [Matrix2.Column]) {
        let n = qubitCount
        let p = storage
        if n <= StatevectorBackend.inPlaceProductQubits {
            StatevectorBackend.fillProduct(factors[...], into: p)
            return
        }
        // amplitude(h·2^k + l) = H[h]·L[l], rows in parallel.
        let k = StatevectorBackend.inPlaceProductQubits
        let low = StatevectorBackend.productTable(factors[0..<k])
        let high = StatevectorBackend.productTable(factors[k..<n])
        let lowCount = low.count / 2
        ParallelLoop.forEach(tasks: high.count / 2, threads: threads) { h in
            let hr = high[2 * h], hi = high[2 * h + 1]
            let row = p + 2 * (h * lowCount)
            for l in 0..<lowCount {
                let lr = low[2 * l], li = low[2 * l + 1]
                row[2 * l] = hr * lr - hi * li
                row[2 * l + 1] = hr * li + hi * lr
            }
        }
    }

    /// Writes the 2^count real amplitudes of a product of real one-qubit states (first factor =
    /// bit 0) to `p` by doubling in place: after factor q the first 2^(q+1) entries hold the
    /// product so far.
    private static func fillRealProduct(_ factors: ArraySlice<Matrix2.Column>, into p: UnsafeMutablePointer<Double>) {
        p[0] = 1
        for (q, f) in factors.enumerated() {
            let half = 1 << q
            for i in 0..<half {
                let v = p[i]
                p[i + half] = v * f.br
                p[i] = v * f.ar
            }
        }
    }

    /// `fillRealProduct` for complex factors, interleaved.
    private static func fillProduct(_ factors: ArraySlice<Matrix2.Column>, into p: UnsafeMutablePointer<Double>) {
        p[0] = 1
        p[1] = 0
        for (q, f) in factors.enumerated() {
            let half = 1 << q
            for k in 0..<half {
                let r = p[2 * k], i = p[2 * k + 1]
                p[2 * (k + half)] = r * f.br - i * f.bi
                p[2 * (k + half) + 1] = r * f.bi + i * f.br
                p[2 * k] = r * f.ar - i * f.ai
                p[2 * k + 1] = r * f.ai + i * f.ar
            }
        }
    }

    /// The real amplitudes of a product of real one-qubit states, as an array.
    private static func realProductTable(_ factors: ArraySlice<Matrix2.Column>) -> [Double] {
        [Double](unsafeUninitializedCapacity: 1 << factors.count) { buffer, count in
            fillRealProduct(factors, into: buffer.baseAddress!)
            count = buffer.count
        }
    }

    /// The interleaved amplitudes of a product of one-qubit states, as an array.
    private static func productTable(_ factors: ArraySlice<Matrix2.Column>) -> [Double] {
        [Double](unsafeUninitializedCapacity: 2 << factors.count) { buffer, count in
            fillProduct(factors, into: buffer.baseAddress!)
            count = buffer.count
        }
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
        materialize()
        if let kernel {
            if isReal && !kernel.isReal { makeComplex() }
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
        guard lazyProduct == nil, other.lazyProduct == nil, other.configuration == configuration else {
            try run(circuit, parameters: parameters)
            try other.run(circuit, parameters: parameters)
            return
        }
        let plan = try compile(circuit, parameters)
        execute(plan)
        other.execute(plan)
    }

    /// The circuit compiled for this register's size, configuration and current state.
    private func compile(_ circuit: Circuit, _ parameters: ParameterValues) throws -> ExecutionPlan {
        try ExecutionPlan.compile(
            circuit, values: parameters, initialProduct: lazyProduct,
            lowQubits: StatevectorBackend.lowQubits,
            maxHighQubits: configuration.cacheBlocking && qubitCount > StatevectorBackend.directQubitLimit
                ? StatevectorBackend.maxHighQubits : qubitCount)
    }

    /// Executes a plan compiled for this register.
    private func execute(_ plan: ExecutionPlan) {
        if let product = plan.productState {
            lazyProduct = product
        }
        if plan.blocks.isEmpty { return }
        materialize()
        if isReal && !plan.isReal { makeComplex() }
        for block in plan.blocks { execute(block, direct: !configuration.cacheBlocking) }
    }

    /// Applies a block of kernels. `direct` runs each kernel over the whole buffer in turn
    /// (one pass per kernel); otherwise the buffer is cut into cache-sized pieces and every
    /// kernel runs on a piece before the next piece is loaded.
    func execute(_ block: ExecutionPlan.Block, direct: Bool) {
        let n = qubitCount
        let p = storage
        let low = StatevectorBackend.lowQubits
        let ops = block.kernels
        let threads = self.threads
        let real = isReal, w = doublesPerAmplitude, avx = usesAVX2
        if direct || n <= StatevectorBackend.directQubitLimit {
            for op in ops { applyDirect(op) }
            return
        }
        let high = block.highQubits
        if high.isEmpty {
            // All kernels act below `low`: contiguous pieces, processed in place.
            let pieceBits = min(n, low + StatevectorBackend.maxHighQubits)
            let pieceCount = 1 << pieceBits
            ParallelLoop.forEach(tasks: amplitudeCount >> pieceBits, threads: threads) { s in
                let base = p + w * s * pieceCount
                for op in ops { StatevectorBackend.apply(op, base, count: pieceCount, real: real, avx: avx) }
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
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: w * localCount * workers)
        defer { scratch.deallocate() }
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
                        for op in ops { StatevectorBackend.apply(op, local, count: localCount, real: real, avx: avx) }
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
        let real = isReal
        guard sliceBits < n, threads > 1 else {
            StatevectorBackend.apply(op, storage, count: amplitudeCount, real: real, avx: usesAVX2)
            return
        }
        let sliceCount = 1 << sliceBits
        let p = storage, w = doublesPerAmplitude, avx = usesAVX2
        ParallelLoop.forEach(tasks: 1 << (n - sliceBits), threads: threads) { s in
            StatevectorBackend.apply(op, p + w * s * sliceCount, count: sliceCount, real: real, avx: avx)
        }
    }

    /// Applies `op` with the kernels of the buffer's form.
    @inline(__always)
    static func apply(_ op: KernelOperation, _ p: UnsafeMutablePointer<Double>, count: Int, real: Bool, avx: Bool) {
        if real { RealKernels.apply(op, p, count: count, avx: avx) } else { Kernels.apply(op, p, count: count, avx: avx) }
    }

    // MARK: Copies

    public func copy() -> StatevectorBackend {
        // The configuration was valid for this size already, so creation cannot fail.
        let other = StatevectorBackend(uncheckedQubitCount: qubitCount, configuration: configuration)
        if let product = lazyProduct {
            other.lazyProduct = product
        } else {
            other.lazyProduct = nil
            other.isReal = isReal
            other.storage.update(from: storage, count: doublesPerAmplitude * amplitudeCount)
        }
        return other
    }

    private init(uncheckedQubitCount n: Int, configuration: StatevectorConfiguration) {
        self.configuration = configuration
        self.qubitCount = n
        self.amplitudeCount = 1 << n
        self.storage = .allocate(capacity: 2 << n)
        self.lazyProduct = nil
    }
}

extension Matrix2.Column {
    /// |0⟩.
    static let zeroState = Matrix2.Column(ar: 1, ai: 0, br: 0, bi: 0)
}

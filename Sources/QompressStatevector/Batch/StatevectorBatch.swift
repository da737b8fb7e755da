import Foundation
import Numerics
import QompressCore

/// The statevector's `RegisterBatch`: the real states of up to `StatevectorBatch.maxWidth`
/// samples of a small circuit of real gates, stored as one row of lanes per amplitude so that
/// every kernel updates all samples at once.
///
/// Two devices make a batch cheaper than one register per sample: the lanes (a rotation
/// updates four samples per vector instruction, and the per-gate work — angles, plan, loop
/// set-up — is paid once per batch), and an `IndexFrame`, which applies CNOT and SWAP by
/// relabelling indices instead of moving amplitudes. The leading one-qubit gates are applied
/// to a product state per sample, which is then written out once.
///
/// It runs circuits of the gates whose matrices are real (`runs(_:)`); the statevector offers
/// it (`StatevectorConfiguration.batchWidth(for:)`) only for those, on at most
/// `maxQubits` qubits. Results equal the one-register-per-sample ones to rounding.
public final class StatevectorBatch: RegisterBatch {
    /// The number of qubits of each sample.
    public let qubitCount: Int
    /// The number of samples.
    public let sampleCount: Int
    /// Lanes per row: `sampleCount` rounded up to a multiple of 4 (the extra lanes hold |0…0⟩
    /// and see only identities).
    let width: Int
    /// 2^n, the number of rows.
    let rowCount: Int
    /// The map from row index to basis state.
    var frame: IndexFrame
    /// `rowCount × width` doubles, row-major.
    let rows: UnsafeMutablePointer<Double>
    /// Lane buffers: cosines, sines, sums, factors (`width` each).
    private let lanes: UnsafeMutablePointer<Double>
    /// The loops of this CPU (portable or AVX2 + FMA).
    let kernels: KernelSet

    /// The most qubits a batch takes (2^12 rows).
    public static let maxQubits = 12
    /// The most samples a batch takes.
    public static let maxWidth = 64

    /// A batch of `samples` registers of `qubitCount` qubits, each in |0…0⟩, on the loops
    /// `configuration` chooses (`StatevectorConfiguration.vectorExtensions`).
    /// - Throws: `SimulationError.invalidArgument` outside 1…`maxQubits` qubits or
    ///   1…`maxWidth` samples.
    public convenience init(qubitCount: Int, samples: Int, configuration: StatevectorConfiguration = .default) throws {
        try self.init(uninitialisedQubitCount: qubitCount, samples: samples, kernels: KernelSet.entry(for: configuration))
        prepareZeroState()
    }

    /// A batch whose rows are not written yet (`run` and `copy` write all of them).
    private init(uninitialisedQubitCount qubitCount: Int, samples: Int, kernels: KernelSet) throws {
        guard (1...Self.maxQubits).contains(qubitCount) else {
            throw SimulationError.invalidArgument("a statevector batch takes 1…\(Self.maxQubits) qubits, got \(qubitCount)")
        }
        guard (1...Self.maxWidth).contains(samples) else {
            throw SimulationError.invalidArgument("a statevector batch takes 1…\(Self.maxWidth) samples, got \(samples)")
        }
        self.qubitCount = qubitCount
        self.sampleCount = samples
        self.kernels = kernels
        width = (samples + 3) & ~3
        rowCount = 1 << qubitCount
        frame = IndexFrame(qubitCount: qubitCount)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: rowCount * width * 8, alignment: 64)
        rows = raw.bindMemory(to: Double.self, capacity: rowCount * width)
        lanes = .allocate(capacity: 4 * width)
    }

    deinit {
        UnsafeMutableRawPointer(rows).deallocate()
        lanes.deallocate()
    }

    /// Whether a batch runs every gate of `circuit`: the gates whose matrices are real (for
    /// every angle), on at most `maxQubits` qubits.
    public static func runs(_ circuit: Circuit) -> Bool {
        circuit.qubitCount <= maxQubits && circuit.instructions.allSatisfy { runs($0.gate) }
    }

    /// Whether a batch runs `gate`.
    static func runs(_ gate: Gate) -> Bool {
        switch gate {
        case .identity, .x, .z, .h, .ry, .cnot, .cz, .swap, .cry, .ccx: return true
        case .y, .s, .sdg, .t, .tdg, .sx, .sxdg, .rx, .rz, .phase, .u2, .u3, .cy, .ch, .iswap, .crx, .crz,
             .cphase, .rxx, .ryy, .rzz, .cswap, .unitary1, .unitary2, .controlledUnitary:
            return false
        }
    }

    /// Row `s` (its `width` lanes).
    @inline(__always) func row(_ s: Int) -> UnsafeMutablePointer<Double> { rows + s * width }

    var cosines: UnsafeMutablePointer<Double> { lanes }
    var sines: UnsafeMutablePointer<Double> { lanes + width }
    var sums: UnsafeMutablePointer<Double> { lanes + 2 * width }
    var factors: UnsafeMutablePointer<Double> { lanes + 3 * width }

    /// Every sample to |0…0⟩.
    func prepareZeroState() {
        rows.update(repeating: 0, count: rowCount * width)
        row(0).update(repeating: 1, count: width)
        frame = IndexFrame(qubitCount: qubitCount)
    }

    public func copy() -> StatevectorBatch {
        // The sizes were valid for `self`.
        let other = try! StatevectorBatch(uninitialisedQubitCount: qubitCount, samples: sampleCount, kernels: kernels)
        other.rows.update(from: rows, count: rowCount * width)
        other.frame = frame
        return other
    }

    // MARK: Running circuits

    public func run(_ circuit: Circuit, parameters: [ParameterValues]) throws {
        try check(circuit, parameters)
        let prefix = circuit.instructions.firstIndex { $0.gate.arity > 1 } ?? circuit.instructions.count
        try prepareProductState(circuit.instructions[..<prefix], parameters)
        let shared = Self.sharesWeights(parameters)
        for instruction in circuit.instructions[prefix...] {
            try apply(instruction, parameters, sharedWeights: shared, registers: [self])
        }
    }

    /// Throws unless `circuit` fits this batch and `parameters` has one entry per sample.
    func check(_ circuit: Circuit, _ parameters: [ParameterValues]) throws {
        guard circuit.qubitCount == qubitCount else {
            throw CircuitError.qubitCountMismatch(expected: qubitCount, got: circuit.qubitCount)
        }
        guard parameters.count == sampleCount else {
            throw SimulationError.qubitCountMismatch(expected: sampleCount, got: parameters.count)
        }
        if let bad = circuit.instructions.first(where: { !Self.runs($0.gate) }) {
            throw SimulationError.unsupported("a statevector batch runs real gates only, not \(bad.gate)")
        }
    }

    /// Whether every sample has the same weights (then a weight angle is evaluated once).
    static func sharesWeights(_ parameters: [ParameterValues]) -> Bool {
        parameters.dropFirst().allSatisfy { $0.weights == parameters[0].weights }
    }

    /// Writes cos(θ_b/2), sin(θ_b/2) of every lane into `cosines`/`sines` (identity on the
    /// padding lanes).
    func laneHalfAngles(_ angle: Angle, _ parameters: [ParameterValues], sharedWeights: Bool) throws {
        let once = angle.slot == nil || (sharedWeights && angle.slot?.kind == .weight)
        var last = Double.nan, c = 1.0, s = 0.0
        for b in 0..<width {
            if b >= sampleCount {
                c = 1; s = 0
            } else if b == 0 || !once {
                let theta = try angle.value(in: parameters[b])
                if theta != last {
                    last = theta
                    c = cos(theta / 2)
                    s = sin(theta / 2)
                }
            }
            cosines[b] = c
            sines[b] = s
        }
    }

    /// Applies the leading one-qubit gates to a product state per sample and writes it out.
    private func prepareProductState(_ gates: ArraySlice<Instruction>, _ parameters: [ParameterValues]) throws {
        frame = IndexFrame(qubitCount: qubitCount)
        // Per qubit two rows of lanes: the amplitudes of |0⟩ and |1⟩.
        let factors = UnsafeMutablePointer<Double>.allocate(capacity: 2 * qubitCount * width)
        defer { factors.deallocate() }
        for q in 0..<qubitCount {
            (factors + 2 * q * width).update(repeating: 1, count: width)
            (factors + (2 * q + 1) * width).update(repeating: 0, count: width)
        }
        let shared = Self.sharesWeights(parameters)
        for instruction in gates {
            let q = instruction.qubits[0]
            try applyOneQubit(instruction.gate, factors + 2 * q * width, factors + (2 * q + 1) * width,
                              parameters, sharedWeights: shared)
        }
        // The empty product is 1; each qubit doubles the rows written so far.
        row(0).update(repeating: 1, count: width)
        for q in 0..<qubitCount {
            let zero = factors + 2 * q * width, one = zero + width
            for s in 0..<(1 << q) {
                BatchRows.product(row(s + (1 << q)), row(s), one, width: width)
                BatchRows.product(row(s), row(s), zero, width: width)
            }
        }
    }
}

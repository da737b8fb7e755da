/// An ordered list of instructions on a fixed number of qubits: the package's circuit IR.
///
/// A value type: copying a circuit copies its description, never a simulation state.
/// Build one with the throwing builder methods, which validate every qubit index and
/// angle as the circuit is written:
///
///     var bell = try Circuit(qubitCount: 2)
///     try bell.h(0)
///     try bell.cnot(0, 1)
public struct Circuit: Hashable, Sendable, CustomStringConvertible {
    /// The number of qubits.
    public let qubitCount: Int
    /// The instructions in application order.
    public private(set) var instructions: [Instruction]

    /// An empty circuit on `qubitCount` qubits.
    /// - Throws: `CircuitError.invalidQubitCount` when `qubitCount < 1`.
    public init(qubitCount: Int) throws {
        guard qubitCount >= 1 else { throw CircuitError.invalidQubitCount(qubitCount) }
        self.qubitCount = qubitCount
        self.instructions = []
    }

    /// A circuit from already validated instructions.
    /// - Throws: `CircuitError` when an instruction does not fit `qubitCount` qubits.
    public init(qubitCount: Int, instructions: [Instruction]) throws {
        try self.init(qubitCount: qubitCount)
        for op in instructions { try append(op) }
    }

    /// Appends `gate` on `qubits`.
    /// - Throws: `CircuitError` for invalid qubits or angles.
    public mutating func append(_ gate: Gate, on qubits: [Int]) throws {
        instructions.append(try Instruction(gate, qubits, qubitCount: qubitCount))
    }

    /// Appends `gate` on `qubits`.
    public mutating func append(_ gate: Gate, on qubits: Int...) throws {
        try append(gate, on: qubits)
    }

    /// Appends an instruction, validating it against this circuit's size.
    public mutating func append(_ instruction: Instruction) throws {
        try append(instruction.gate, on: instruction.qubits)
    }

    /// Appends every instruction of `other`, which must have the same qubit count.
    public mutating func append(_ other: Circuit) throws {
        guard other.qubitCount == qubitCount else {
            throw CircuitError.qubitCountMismatch(expected: qubitCount, got: other.qubitCount)
        }
        instructions.append(contentsOf: other.instructions)
    }

    /// The inverse circuit: instructions reversed, each inverted. Running a circuit and then
    /// its inverse (with the same parameter values) returns the starting state.
    public var inverse: Circuit {
        var result = self
        result.instructions = instructions.reversed().map(\.inverse)
        return result
    }

    /// The circuit with every angle evaluated under `values`.
    /// - Throws: `CircuitError.unboundParameter` / `.nonFiniteParameter`.
    public func bound(to values: ParameterValues) throws -> Circuit {
        var result = self
        result.instructions = try instructions.map { try $0.bound(to: values) }
        return result
    }

    /// How many instructions use each gate name.
    public var gateCounts: [String: Int] {
        instructions.reduce(into: [:]) { $0[$1.gate.name, default: 0] += 1 }
    }

    /// The number of instructions.
    public var count: Int { instructions.count }

    /// The circuit depth: the length of the longest chain of instructions sharing qubits.
    public var depth: Int {
        var level = [Int](repeating: 0, count: qubitCount)
        for op in instructions {
            let next = op.qubits.map { level[$0] }.max()! + 1
            for q in op.qubits { level[q] = next }
        }
        return level.max() ?? 0
    }

    /// The number of input slots and weight slots the circuit reads (highest index + 1).
    public var parameterCounts: (inputs: Int, weights: Int) {
        var inputs = 0, weights = 0
        for op in instructions {
            for angle in op.gate.angles {
                guard let slot = angle.slot else { continue }
                switch slot.kind {
                case .input: inputs = max(inputs, slot.index + 1)
                case .weight: weights = max(weights, slot.index + 1)
                }
            }
        }
        return (inputs, weights)
    }

    public var description: String {
        "Circuit(\(qubitCount) qubits, \(instructions.count) instructions)\n"
            + instructions.map { "  " + $0.description }.joined(separator: "\n")
    }
}

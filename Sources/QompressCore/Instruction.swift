/// A gate applied to specific qubits of a register.
///
/// Qubits are listed control first, then target(s): `Instruction(.cnot, [2, 0])` flips
/// qubit 0 when qubit 2 is set. Construct through `init(_:_:qubitCount:)` or a `Circuit`
/// builder method, which validate arity, range, repetition and finiteness.
public struct Instruction: Hashable, Sendable, CustomStringConvertible {
    /// The gate.
    public let gate: Gate
    /// The qubits, in the order the gate's matrix expects them.
    public let qubits: [Int]

    /// Creates an instruction after validating it against a register of `qubitCount` qubits.
    /// - Throws: `CircuitError` for a wrong number of qubits, an index out of range, a repeated
    ///   qubit or a non-finite angle.
    public init(_ gate: Gate, _ qubits: [Int], qubitCount: Int) throws {
        guard qubits.count == gate.arity else {
            throw CircuitError.wrongArity(gate: gate.name, expected: gate.arity, got: qubits.count)
        }
        for (k, q) in qubits.enumerated() {
            guard q >= 0, q < qubitCount else { throw CircuitError.qubitOutOfRange(qubit: q, qubitCount: qubitCount) }
            if qubits[..<k].contains(q) { throw CircuitError.repeatedQubit(qubit: q, gate: gate.name) }
        }
        for angle in gate.angles where !angle.isFinite {
            throw CircuitError.nonFiniteAngle(gate: gate.name, value: angle.scale.isFinite ? angle.shift : angle.scale)
        }
        self.gate = gate
        self.qubits = qubits
    }

    /// Creates an instruction without validation; for code that derives it from a valid one.
    init(unchecked gate: Gate, _ qubits: [Int]) {
        self.gate = gate
        self.qubits = qubits
    }

    /// The inverse instruction on the same qubits.
    public var inverse: Instruction { Instruction(unchecked: gate.inverse, qubits) }

    /// The instruction with its angles evaluated under `values`.
    public func bound(to values: ParameterValues) throws -> Instruction {
        Instruction(unchecked: try gate.bound(to: values), qubits)
    }

    /// The instruction on other qubits: `qubits[k]` becomes `map[qubits[k]]`.
    /// - Throws: `CircuitError` when the mapped qubits are invalid for `qubitCount`.
    public func remapped(_ map: [Int], qubitCount: Int) throws -> Instruction {
        try Instruction(gate, qubits.map { q in
            guard q < map.count else { throw CircuitError.qubitOutOfRange(qubit: q, qubitCount: map.count) }
            return map[q]
        }, qubitCount: qubitCount)
    }

    public var description: String {
        let angles = gate.angles
        let args = angles.isEmpty ? "" : "(" + angles.map(\.description).joined(separator: ", ") + ")"
        return gate.name + args + " " + qubits.map { "q\($0)" }.joined(separator: ", ")
    }
}

import QompressCore

/// The backward sweep of a circuit, prepared once and reused for every sample of a batch.
///
/// Walking the circuit backwards, instructions are grouped into maximal runs whose qubits are
/// pairwise disjoint (a layer of rotations, a layer of CNOTs). Gates in such a group commute
/// with each other and with each other's generators, so every matrix element ⟨λ|G_k|ψ⟩ of
/// the group can be taken at the same point, and the whole group is then un-applied from ψ
/// and λ by one `run` of its inverse (which the backend may fuse into one pass).
struct AdjointPlan {
    struct Group {
        /// Instruction indices, descending.
        var members: [Int]
        /// The inverse of the group's instructions, in the order to apply them.
        var inverse: Circuit
    }

    let circuit: Circuit
    /// Groups in backward order.
    let groups: [Group]
    /// Per instruction: the generators, or `nil` when they depend on the values (U2, U3).
    private let fixed: [[DerivativeGenerator]?]

    init(_ circuit: Circuit) throws {
        self.circuit = circuit
        fixed = try circuit.instructions.map { instruction in
            switch instruction.gate {
            case .u2, .u3: return instruction.gate.isParametrised ? nil : []
            default: return try instruction.derivativeGenerators(.none)
            }
        }
        var groups: [Group] = []
        var members: [Int] = []
        var used = Set<Int>()
        func close() throws {
            guard !members.isEmpty else { return }
            let inverse = try Circuit(qubitCount: circuit.qubitCount,
                                      instructions: members.map { circuit.instructions[$0].inverse })
            groups.append(Group(members: members, inverse: inverse))
            members = []
            used = []
        }
        for k in stride(from: circuit.instructions.count - 1, through: 0, by: -1) {
            let qubits = circuit.instructions[k].qubits
            if qubits.contains(where: used.contains) { try close() }
            members.append(k)
            used.formUnion(qubits)
        }
        try close()
        self.groups = groups
    }

    /// The generators of instruction `k` under `values`.
    func generators(_ k: Int, _ values: ParameterValues) throws -> [DerivativeGenerator] {
        if let list = fixed[k] { return list }
        return try circuit.instructions[k].derivativeGenerators(values)
    }
}

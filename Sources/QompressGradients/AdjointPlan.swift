import Numerics
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
        /// The generators of the members whose values do not depend on the parameters, with
        /// the slot each feeds; members with value-dependent generators (U2, U3) are in
        /// `dynamicMembers`.
        var terms: [Term]
        /// `terms.map(\.observable)`, kept so that a sweep does not rebuild it.
        var observables: [PauliSum]
        /// Members whose generators must be computed per evaluation.
        var dynamicMembers: [Int]
    }

    /// One derivative generator and the slot it contributes to:
    /// ∂f/∂slot += scale · 2 Re(prefactor · ⟨λ|observable|ψ⟩).
    struct Term {
        var observable: PauliSum
        var prefactor: Complex<Double>
        var slot: ParameterSlot
        var scale: Double
    }

    let circuit: Circuit
    /// `circuit.parameterCounts`, computed once.
    let parameterCounts: (inputs: Int, weights: Int)
    /// Groups in backward order.
    let groups: [Group]
    /// Per instruction: the generators, or `nil` when they depend on the values (U2, U3).
    private let fixed: [[DerivativeGenerator]?]

    init(_ circuit: Circuit) throws {
        self.circuit = circuit
        self.parameterCounts = circuit.parameterCounts
        fixed = try circuit.instructions.map { instruction in
            switch instruction.gate {
            case .u2, .u3: return instruction.gate.isParametrised ? nil : []
            case .rx, .ry, .rz, .phase, .crx, .cry, .crz, .cphase, .rxx, .ryy, .rzz,
                 .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
                 .cnot, .cy, .cz, .ch, .swap, .iswap, .ccx, .cswap, .unitary1, .unitary2, .controlledUnitary:
                return try instruction.derivativeGenerators(.none)
            }
        }
        var groups: [Group] = []
        var members: [Int] = []
        var used = Set<Int>()
        let fixed = self.fixed
        func close() throws {
            guard !members.isEmpty else { return }
            let inverse = try Circuit(qubitCount: circuit.qubitCount,
                                      instructions: members.map { circuit.instructions[$0].inverse })
            var terms: [Term] = []
            var dynamicMembers: [Int] = []
            for k in members {
                guard let generators = fixed[k] else {
                    dynamicMembers.append(k)
                    continue
                }
                terms += AdjointPlan.terms(generators, of: circuit.instructions[k])
            }
            groups.append(Group(members: members, inverse: inverse, terms: terms,
                                observables: terms.map(\.observable), dynamicMembers: dynamicMembers))
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

    /// The terms of instruction `k` under `values` (for the value-dependent members).
    func terms(_ k: Int, _ values: ParameterValues) throws -> [Term] {
        let instruction = circuit.instructions[k]
        return AdjointPlan.terms(try fixed[k] ?? instruction.derivativeGenerators(values), of: instruction)
    }

    /// Pairs each generator with the slot its angle reads (constant angles have none).
    static func terms(_ generators: [DerivativeGenerator], of instruction: Instruction) -> [Term] {
        let angles = instruction.gate.angles
        return generators.compactMap { generator in
            let angle = angles[generator.angleIndex]
            guard let slot = angle.slot else { return nil }
            return Term(observable: generator.observable, prefactor: generator.prefactor, slot: slot, scale: angle.scale)
        }
    }
}

extension ParameterGradient {
    /// Adds a term's contribution scale · 2 Re(prefactor · ⟨λ|G|ψ⟩) to the slot it feeds.
    mutating func add(_ term: AdjointPlan.Term, _ element: Complex<Double>) {
        let derivative = term.scale * 2 * (term.prefactor * element).real
        switch term.slot.kind {
        case .input: inputs[term.slot.index] += derivative
        case .weight: weights[term.slot.index] += derivative
        }
    }
}

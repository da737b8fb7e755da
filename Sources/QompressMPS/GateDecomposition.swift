import QompressCore

/// Exact decompositions of the three-qubit gates into one- and two-qubit gates, which the
/// MPS then applies (and routes) one by one. Exact up to rounding when nothing is truncated.
enum GateDecomposition {
    /// The standard six-CNOT Toffoli on `[c0, c1, target]` (H, T, T† and CNOTs).
    static func toffoli(_ c0: Int, _ c1: Int, _ t: Int) -> [(Gate, [Int])] {
        [(.h, [t]),
         (.cnot, [c1, t]), (.tdg, [t]),
         (.cnot, [c0, t]), (.t, [t]),
         (.cnot, [c1, t]), (.tdg, [t]),
         (.cnot, [c0, t]), (.t, [c1]), (.t, [t]), (.h, [t]),
         (.cnot, [c0, c1]), (.t, [c0]), (.tdg, [c1]),
         (.cnot, [c0, c1])]
    }

    /// Fredkin on `[control, a, b]` as CNOT(b→a) · CCX(control, a → b) · CNOT(b→a).
    static func fredkin(_ c: Int, _ a: Int, _ b: Int) -> [(Gate, [Int])] {
        [(.cnot, [b, a])] + toffoli(c, a, b) + [(.cnot, [b, a])]
    }

    /// The decomposition of a three-qubit gate, or `nil` for gates of other arity.
    static func decompose(_ gate: Gate, on qubits: [Int]) -> [(Gate, [Int])]? {
        switch gate {
        case .ccx: return toffoli(qubits[0], qubits[1], qubits[2])
        case .cswap: return fredkin(qubits[0], qubits[1], qubits[2])
        default: return nil
        }
    }
}

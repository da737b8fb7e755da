extension Gate {
    /// The gate as one- and two-qubit gates on `qubits` (its own operands, control first), for
    /// backends that apply only those; `nil` for a gate that already acts on at most two
    /// qubits. Exact up to rounding.
    ///
    /// CCX is the standard six-CNOT Toffoli (H, T, T† and CNOTs); CSWAP on `[c, a, b]` is
    /// CNOT(b→a) · CCX(c, a → b) · CNOT(b→a).
    public func decomposition(on qubits: [Int]) -> [(gate: Gate, qubits: [Int])]? {
        switch self {
        case .ccx:
            return Gate.toffoli(qubits[0], qubits[1], qubits[2])
        case .cswap:
            let (c, a, b) = (qubits[0], qubits[1], qubits[2])
            return [(.cnot, [b, a])] + Gate.toffoli(c, a, b) + [(.cnot, [b, a])]
        case .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg, .rx, .ry, .rz, .phase, .u2, .u3,
             .cnot, .cy, .cz, .ch, .swap, .iswap, .crx, .cry, .crz, .cphase, .rxx, .ryy, .rzz,
             .unitary1, .unitary2, .controlledUnitary:
            return nil
        }
    }

    private static func toffoli(_ c0: Int, _ c1: Int, _ t: Int) -> [(gate: Gate, qubits: [Int])] {
        [(.h, [t]),
         (.cnot, [c1, t]), (.tdg, [t]),
         (.cnot, [c0, t]), (.t, [t]),
         (.cnot, [c1, t]), (.tdg, [t]),
         (.cnot, [c0, t]), (.t, [c1]), (.t, [t]), (.h, [t]),
         (.cnot, [c0, c1]), (.t, [c0]), (.tdg, [c1]),
         (.cnot, [c0, c1])]
    }
}

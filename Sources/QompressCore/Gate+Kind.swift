extension Gate {
    /// The gate set as a list: one case per `Gate` case, without its angles or matrix. Tests
    /// and tools that must cover every gate iterate `Gate.Kind.allCases`, and `Gate.make`
    /// switches over it exhaustively, so a new gate cannot be left out silently.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case identity, x, y, z, h, s, sdg, t, tdg, sx, sxdg, rx, ry, rz, phase, u2, u3
        case cnot, cy, cz, ch, swap, iswap, crx, cry, crz, cphase, rxx, ryy, rzz, ccx, cswap
        case unitary1, unitary2, controlledUnitary
    }

    /// The gate's kind.
    public var kind: Kind {
        switch self {
        case .identity: return .identity
        case .x: return .x
        case .y: return .y
        case .z: return .z
        case .h: return .h
        case .s: return .s
        case .sdg: return .sdg
        case .t: return .t
        case .tdg: return .tdg
        case .sx: return .sx
        case .sxdg: return .sxdg
        case .rx: return .rx
        case .ry: return .ry
        case .rz: return .rz
        case .phase: return .phase
        case .u2: return .u2
        case .u3: return .u3
        case .cnot: return .cnot
        case .cy: return .cy
        case .cz: return .cz
        case .ch: return .ch
        case .swap: return .swap
        case .iswap: return .iswap
        case .crx: return .crx
        case .cry: return .cry
        case .crz: return .crz
        case .cphase: return .cphase
        case .rxx: return .rxx
        case .ryy: return .ryy
        case .rzz: return .rzz
        case .ccx: return .ccx
        case .cswap: return .cswap
        case .unitary1: return .unitary1
        case .unitary2: return .unitary2
        case .controlledUnitary: return .controlledUnitary
        }
    }

    /// A gate of `kind`, its angles drawn from `angle()` in declaration order and its matrix
    /// (for the unitary kinds) from `unitary(qubits)`.
    public static func make(_ kind: Kind, angle: () throws -> Angle,
                            unitary: (_ qubits: Int) throws -> UnitaryMatrix) rethrows -> Gate {
        switch kind {
        case .identity: return .identity
        case .x: return .x
        case .y: return .y
        case .z: return .z
        case .h: return .h
        case .s: return .s
        case .sdg: return .sdg
        case .t: return .t
        case .tdg: return .tdg
        case .sx: return .sx
        case .sxdg: return .sxdg
        case .rx: return .rx(try angle())
        case .ry: return .ry(try angle())
        case .rz: return .rz(try angle())
        case .phase: return .phase(try angle())
        case .u2: return .u2(phi: try angle(), lambda: try angle())
        case .u3: return .u3(theta: try angle(), phi: try angle(), lambda: try angle())
        case .cnot: return .cnot
        case .cy: return .cy
        case .cz: return .cz
        case .ch: return .ch
        case .swap: return .swap
        case .iswap: return .iswap
        case .crx: return .crx(try angle())
        case .cry: return .cry(try angle())
        case .crz: return .crz(try angle())
        case .cphase: return .cphase(try angle())
        case .rxx: return .rxx(try angle())
        case .ryy: return .ryy(try angle())
        case .rzz: return .rzz(try angle())
        case .ccx: return .ccx
        case .cswap: return .cswap
        case .unitary1: return .unitary1(try unitary(1))
        case .unitary2: return .unitary2(try unitary(2))
        case .controlledUnitary: return .controlledUnitary(try unitary(1))
        }
    }
}

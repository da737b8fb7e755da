import Numerics
import QompressCore

/// A gate the reader knows without a user definition: the built-ins `U` and `CX`, and the
/// gates of `qelib1.inc`, each mapped to IR gates on the call's qubit positions.
struct StandardGate: Sendable {
    /// The number of real parameters.
    var parameterCount: Int
    /// The number of qubits.
    var qubitCount: Int
    /// The IR gates, on positions `0..<qubitCount` of the call's qubit list.
    var expansion: @Sendable ([Double]) throws -> [(Gate, [Int])]

    init(_ parameterCount: Int, _ qubitCount: Int,
         _ expansion: @escaping @Sendable ([Double]) throws -> [(Gate, [Int])]) {
        self.parameterCount = parameterCount
        self.qubitCount = qubitCount
        self.expansion = expansion
    }

    /// A fixed one-to-one mapping to an IR gate on all qubits in order.
    static func fixed(_ gate: Gate) -> StandardGate {
        StandardGate(0, gate.arity) { _ in [(gate, Array(0..<gate.arity))] }
    }

    /// A one-parameter mapping to an IR gate on all qubits in order.
    static func rotation(_ arity: Int, _ make: @escaping @Sendable (Angle) -> Gate) -> StandardGate {
        StandardGate(1, arity) { p in [(make(.constant(p[0])), Array(0..<arity))] }
    }
}

/// The built-in gates and `qelib1.inc`, mapped to the IR.
///
/// Conventions (see Docs/QASM.md): `U(θ,φ,λ)` is the IR's `u3` matrix, so `u1(λ) = U(0,0,λ)`
/// is exactly `phase(λ)`. Every mapping equals qelib1's own definition exactly, except where
/// qelib1 defines the gate only up to a global phase, which no measurement sees: `rz(φ) = u1(φ)`
/// (IR `rz` is e^{−iφZ/2}), `sx`/`sxdg` (qelib1's `sdg·h·sdg` is e^{−iπ/4}·√X), `ch`, `rxx`
/// and `rzz` (qelib1's `cx·u1·cx` is e^{iθ/2}·RZZ(θ)); these import as the IR's standard
/// matrices. Controlled versions (`crz`, `csx`, `cu3`, `cu`) are exact. Both spellings of
/// the multi-controlled gates are accepted (`c3x`/`cccx`, `c3sqrtx`/`cccsqrtx`,
/// `c4x`/`ccccx`, `rc3x`/`rcccx`).
enum StandardGateLibrary {
    /// `U` and `CX`, available in every program.
    static let builtins: [String: StandardGate] = [
        "U": StandardGate(3, 1) { p in [(u3(p[0], p[1], p[2]), [0])] },
        "CX": .fixed(.cnot),
    ]

    /// The gates `include "qelib1.inc";` defines.
    static let qelib1: [String: StandardGate] = [
        "u3": StandardGate(3, 1) { p in [(u3(p[0], p[1], p[2]), [0])] },
        "u": StandardGate(3, 1) { p in [(u3(p[0], p[1], p[2]), [0])] },
        "u2": StandardGate(2, 1) { p in [(.u2(phi: .constant(p[0]), lambda: .constant(p[1])), [0])] },
        "u1": .rotation(1) { .phase($0) },
        "p": .rotation(1) { .phase($0) },
        "u0": StandardGate(1, 1) { _ in [(.identity, [0])] },
        "id": .fixed(.identity),
        "cx": .fixed(.cnot),
        "x": .fixed(.x), "y": .fixed(.y), "z": .fixed(.z), "h": .fixed(.h),
        "s": .fixed(.s), "sdg": .fixed(.sdg), "t": .fixed(.t), "tdg": .fixed(.tdg),
        "sx": .fixed(.sx), "sxdg": .fixed(.sxdg),
        "rx": .rotation(1) { .rx($0) },
        "ry": .rotation(1) { .ry($0) },
        "rz": .rotation(1) { .rz($0) },
        "cz": .fixed(.cz), "cy": .fixed(.cy), "ch": .fixed(.ch), "swap": .fixed(.swap),
        "ccx": .fixed(.ccx), "cswap": .fixed(.cswap),
        "crx": .rotation(2) { .crx($0) },
        "cry": .rotation(2) { .cry($0) },
        "crz": .rotation(2) { .crz($0) },
        "cu1": .rotation(2) { .cphase($0) },
        "cp": .rotation(2) { .cphase($0) },
        "rxx": .rotation(2) { .rxx($0) },
        "rzz": .rotation(2) { .rzz($0) },
        "cu3": StandardGate(3, 2) { p in
            [(.controlledUnitary(try UnitaryMatrix(try u3(p[0], p[1], p[2]).matrix())), [0, 1])]
        },
        "cu": StandardGate(4, 2) { p in
            var m = try u3(p[0], p[1], p[2]).matrix()
            let phase = Complex<Double>(length: 1, phase: p[3])
            m.elements = m.elements.map { phase * $0 }
            return [(.controlledUnitary(try UnitaryMatrix(m)), [0, 1])]
        },
        "csx": StandardGate(0, 2) { _ in [(.controlledUnitary(try UnitaryMatrix(try Gate.sx.matrix())), [0, 1])] },
        "rccx": StandardGate(0, 3) { _ in relativePhaseToffoli },
        "rc3x": rc3x, "rcccx": rc3x,
        "c3x": c3x, "cccx": c3x,
        "c3sqrtx": c3sqrtx, "cccsqrtx": c3sqrtx,
        "c4x": c4x, "ccccx": c4x,
    ]

    private static let rc3x = StandardGate(0, 4) { _ in relativePhaseC3X }
    private static let c3x = StandardGate(0, 4) { _ in
        try MultiControlled.gates(applying: try Gate.x.matrix(), controls: [0, 1, 2], target: 3)
    }
    private static let c3sqrtx = StandardGate(0, 4) { _ in
        try MultiControlled.gates(applying: try Gate.sx.matrix(), controls: [0, 1, 2], target: 3)
    }
    private static let c4x = StandardGate(0, 5) { _ in
        try MultiControlled.gates(applying: try Gate.x.matrix(), controls: [0, 1, 2, 3], target: 4)
    }

    private static func u3(_ theta: Double, _ phi: Double, _ lambda: Double) -> Gate {
        .u3(theta: .constant(theta), phi: .constant(phi), lambda: .constant(lambda))
    }

    /// qelib1's `rccx` (Margolus): a Toffoli up to relative phases, with u2(0,π) = H and
    /// u1(±π/4) = T / T† exactly.
    private static let relativePhaseToffoli: [(Gate, [Int])] = [
        (.h, [2]), (.t, [2]), (.cnot, [1, 2]), (.tdg, [2]), (.cnot, [0, 2]),
        (.t, [2]), (.cnot, [1, 2]), (.tdg, [2]), (.h, [2]),
    ]

    /// qelib1's `rc3x`: a three-controlled X up to relative phases.
    private static let relativePhaseC3X: [(Gate, [Int])] = [
        (.h, [3]), (.t, [3]), (.cnot, [2, 3]), (.tdg, [3]), (.h, [3]),
        (.cnot, [0, 3]), (.t, [3]), (.cnot, [1, 3]), (.tdg, [3]),
        (.cnot, [0, 3]), (.t, [3]), (.cnot, [1, 3]), (.tdg, [3]),
        (.h, [3]), (.t, [3]), (.cnot, [2, 3]), (.tdg, [3]), (.h, [3]),
    ]
}

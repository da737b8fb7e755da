/// A quantum gate, independent of the qubits it is applied to.
///
/// Parametrised gates carry `Angle`s, which are constants or affine functions of a
/// parameter slot. Multi-qubit gates list their qubits control first, then target
/// (see `Instruction`). Matrices follow `SquareMatrix`'s convention: the first qubit is the
/// most significant index bit.
public enum Gate: Hashable, Sendable {
    /// Identity.
    case identity
    /// Pauli X.
    case x
    /// Pauli Y.
    case y
    /// Pauli Z.
    case z
    /// Hadamard.
    case h
    /// Phase S = diag(1, i).
    case s
    /// S† = diag(1, −i).
    case sdg
    /// T = diag(1, e^{iπ/4}).
    case t
    /// T† = diag(1, e^{−iπ/4}).
    case tdg
    /// √X = ½[[1+i, 1−i], [1−i, 1+i]].
    case sx
    /// √X†.
    case sxdg
    /// RX(θ) = exp(−iθX/2).
    case rx(Angle)
    /// RY(θ) = exp(−iθY/2).
    case ry(Angle)
    /// RZ(θ) = exp(−iθZ/2).
    case rz(Angle)
    /// Phase (U1) P(λ) = diag(1, e^{iλ}).
    case phase(Angle)
    /// U2(φ, λ) = U3(π/2, φ, λ).
    case u2(phi: Angle, lambda: Angle)
    /// U3(θ, φ, λ) = [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]].
    case u3(theta: Angle, phi: Angle, lambda: Angle)
    /// Controlled X on `[control, target]`.
    case cnot
    /// Controlled Y on `[control, target]`.
    case cy
    /// Controlled Z on `[control, target]` (symmetric).
    case cz
    /// Controlled Hadamard on `[control, target]`.
    case ch
    /// SWAP.
    case swap
    /// iSWAP: |01⟩ → i|10⟩, |10⟩ → i|01⟩.
    case iswap
    /// Controlled RX on `[control, target]`.
    case crx(Angle)
    /// Controlled RY on `[control, target]`.
    case cry(Angle)
    /// Controlled RZ on `[control, target]`.
    case crz(Angle)
    /// Controlled phase diag(1, 1, 1, e^{iλ}) (symmetric).
    case cphase(Angle)
    /// RXX(θ) = exp(−iθ X⊗X/2).
    case rxx(Angle)
    /// RYY(θ) = exp(−iθ Y⊗Y/2).
    case ryy(Angle)
    /// RZZ(θ) = exp(−iθ Z⊗Z/2).
    case rzz(Angle)
    /// Toffoli on `[control, control, target]`.
    case ccx
    /// Fredkin (controlled SWAP) on `[control, target, target]`.
    case cswap
    /// An arbitrary one-qubit unitary.
    case unitary1(UnitaryMatrix)
    /// An arbitrary two-qubit unitary on `[q0, q1]` (q0 the more significant index bit).
    case unitary2(UnitaryMatrix)
    /// An arbitrary one-qubit unitary on the target of `[control, target]`.
    case controlledUnitary(UnitaryMatrix)

    /// The number of qubits the gate acts on.
    public var arity: Int {
        switch self {
        case .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
             .rx, .ry, .rz, .phase, .u2, .u3, .unitary1:
            return 1
        case .cnot, .cy, .cz, .ch, .swap, .iswap, .crx, .cry, .crz, .cphase,
             .rxx, .ryy, .rzz, .unitary2, .controlledUnitary:
            return 2
        case .ccx, .cswap:
            return 3
        }
    }

    /// A short lowercase name, as in OpenQASM where one exists.
    public var name: String {
        switch self {
        case .identity: return "id"
        case .x: return "x"
        case .y: return "y"
        case .z: return "z"
        case .h: return "h"
        case .s: return "s"
        case .sdg: return "sdg"
        case .t: return "t"
        case .tdg: return "tdg"
        case .sx: return "sx"
        case .sxdg: return "sxdg"
        case .rx: return "rx"
        case .ry: return "ry"
        case .rz: return "rz"
        case .phase: return "p"
        case .u2: return "u2"
        case .u3: return "u3"
        case .cnot: return "cx"
        case .cy: return "cy"
        case .cz: return "cz"
        case .ch: return "ch"
        case .swap: return "swap"
        case .iswap: return "iswap"
        case .crx: return "crx"
        case .cry: return "cry"
        case .crz: return "crz"
        case .cphase: return "cp"
        case .rxx: return "rxx"
        case .ryy: return "ryy"
        case .rzz: return "rzz"
        case .ccx: return "ccx"
        case .cswap: return "cswap"
        case .unitary1: return "unitary1"
        case .unitary2: return "unitary2"
        case .controlledUnitary: return "cu"
        }
    }

    /// The gate's angles in declaration order (empty for fixed gates).
    public var angles: [Angle] {
        switch self {
        case let .rx(a), let .ry(a), let .rz(a), let .phase(a),
             let .crx(a), let .cry(a), let .crz(a), let .cphase(a),
             let .rxx(a), let .ryy(a), let .rzz(a):
            return [a]
        case let .u2(phi, lambda):
            return [phi, lambda]
        case let .u3(theta, phi, lambda):
            return [theta, phi, lambda]
        case .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
             .cnot, .cy, .cz, .ch, .swap, .iswap, .ccx, .cswap, .unitary1, .unitary2, .controlledUnitary:
            return []
        }
    }

    /// Whether any angle reads a parameter slot.
    public var isParametrised: Bool { angles.contains { !$0.isConstant } }

    /// The same gate with each angle replaced by `transform(angle)` (fixed gates unchanged).
    public func mapAngles(_ transform: (Angle) throws -> Angle) rethrows -> Gate {
        switch self {
        case let .rx(a): return .rx(try transform(a))
        case let .ry(a): return .ry(try transform(a))
        case let .rz(a): return .rz(try transform(a))
        case let .phase(a): return .phase(try transform(a))
        case let .crx(a): return .crx(try transform(a))
        case let .cry(a): return .cry(try transform(a))
        case let .crz(a): return .crz(try transform(a))
        case let .cphase(a): return .cphase(try transform(a))
        case let .rxx(a): return .rxx(try transform(a))
        case let .ryy(a): return .ryy(try transform(a))
        case let .rzz(a): return .rzz(try transform(a))
        case let .u2(phi, lambda): return .u2(phi: try transform(phi), lambda: try transform(lambda))
        case let .u3(theta, phi, lambda):
            return .u3(theta: try transform(theta), phi: try transform(phi), lambda: try transform(lambda))
        case .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
             .cnot, .cy, .cz, .ch, .swap, .iswap, .ccx, .cswap, .unitary1, .unitary2, .controlledUnitary:
            return self
        }
    }

    /// The gate with every angle evaluated under `values` (a gate of constants).
    /// - Throws: `CircuitError.unboundParameter` / `.nonFiniteParameter`.
    public func bound(to values: ParameterValues) throws -> Gate {
        try mapAngles { .constant(try $0.value(in: values)) }
    }
}

import Numerics
import QompressCore

/// A gate lowered to the kernel that applies it fastest, with concrete numbers.
///
/// Qubit indices are positions in the buffer the kernel runs on (global qubits for a
/// direct pass, local qubits inside a cache block).
enum KernelOperation: Sendable {
    /// General 2×2 on `q`.
    case single(q: Int, m: Matrix2)
    /// Real 2×2 [[a, b], [c, d]] on `q` (RY, H and their products).
    case singleReal(q: Int, a: Double, b: Double, c: Double, d: Double)
    /// diag(d0, d1) on `q`.
    case diagonal(q: Int, m: Matrix2)
    /// X on `t` where `c` is set.
    case cnot(c: Int, t: Int)
    /// 2×2 on `t` where `c` is set.
    case controlled(c: Int, t: Int, m: Matrix2)
    /// Exchange of qubits `a` and `b`.
    case swap(a: Int, b: Int)
    /// General 4×4 on `[q0, q1]` (`q0` the more significant matrix index bit), row-major,
    /// interleaved re/im (32 doubles).
    case two(q0: Int, q1: Int, m: [Double])
    /// diag of four phases on `[q0, q1]`, interleaved re/im (8 doubles).
    case diagonalTwo(q0: Int, q1: Int, d: [Double])
    /// X on `t` where `c0` and `c1` are set.
    case ccx(c0: Int, c1: Int, t: Int)
    /// Exchange of `a` and `b` where `c` is set.
    case cswap(c: Int, a: Int, b: Int)

    /// The highest qubit the kernel touches (no allocation).
    var topQubit: Int {
        switch self {
        case let .single(q, _), let .singleReal(q, _, _, _, _), let .diagonal(q, _): return q
        case let .cnot(c, t), let .controlled(c, t, _): return max(c, t)
        case let .swap(a, b): return max(a, b)
        case let .two(q0, q1, _), let .diagonalTwo(q0, q1, _): return max(q0, q1)
        case let .ccx(c0, c1, t): return max(c0, c1, t)
        case let .cswap(c, a, b): return max(c, a, b)
        }
    }

    /// Whether the kernel maps real amplitudes to real amplitudes, so that `RealKernels` can
    /// apply it to a state stored in real form.
    var isReal: Bool {
        switch self {
        case .singleReal, .cnot, .swap, .ccx, .cswap: return true
        case let .single(_, m), let .diagonal(_, m), let .controlled(_, _, m): return m.isReal
        case let .two(_, _, m): return stride(from: 1, to: m.count, by: 2).allSatisfy { m[$0] == 0 }
        case let .diagonalTwo(_, _, d): return stride(from: 1, to: d.count, by: 2).allSatisfy { d[$0] == 0 }
        }
    }

    /// The qubits the kernel touches.
    var qubits: [Int] {
        switch self {
        case let .single(q, _), let .singleReal(q, _, _, _, _), let .diagonal(q, _): return [q]
        case let .cnot(c, t), let .controlled(c, t, _): return [c, t]
        case let .swap(a, b): return [a, b]
        case let .two(q0, q1, _), let .diagonalTwo(q0, q1, _): return [q0, q1]
        case let .ccx(c0, c1, t): return [c0, c1, t]
        case let .cswap(c, a, b): return [c, a, b]
        }
    }

    /// The same kernel on relabelled qubits (`map[q]` replaces `q`).
    func remapped(_ map: [Int]) -> KernelOperation {
        switch self {
        case let .single(q, m): return .single(q: map[q], m: m)
        case let .singleReal(q, a, b, c, d): return .singleReal(q: map[q], a: a, b: b, c: c, d: d)
        case let .diagonal(q, m): return .diagonal(q: map[q], m: m)
        case let .cnot(c, t): return .cnot(c: map[c], t: map[t])
        case let .controlled(c, t, m): return .controlled(c: map[c], t: map[t], m: m)
        case let .swap(a, b): return .swap(a: map[a], b: map[b])
        case let .two(q0, q1, m): return .two(q0: map[q0], q1: map[q1], m: m)
        case let .diagonalTwo(q0, q1, d): return .diagonalTwo(q0: map[q0], q1: map[q1], d: d)
        case let .ccx(c0, c1, t): return .ccx(c0: map[c0], c1: map[c1], t: map[t])
        case let .cswap(c, a, b): return .cswap(c: map[c], a: map[a], b: map[b])
        }
    }

    /// The kernel for a one-qubit matrix, picking the cheapest class.
    static func single(_ q: Int, _ m: Matrix2) -> KernelOperation? {
        if m.isIdentity { return nil }
        if m.isDiagonal { return .diagonal(q: q, m: m) }
        if m.isReal { return .singleReal(q: q, a: m.r00, b: m.r01, c: m.r10, d: m.r11) }
        return .single(q: q, m: m)
    }

    /// Lowers a bound multi-qubit instruction (arity ≥ 2).
    static func lower(multiQubit op: Instruction, values: ParameterValues) throws -> KernelOperation {
        let q = op.qubits
        func controlled(_ target: Gate) throws -> KernelOperation {
            .controlled(c: q[0], t: q[1], m: try Matrix2.of(target, values))
        }
        switch op.gate {
        case .cnot:
            return .cnot(c: q[0], t: q[1])
        case .cy: return try controlled(.y)
        case .ch: return try controlled(.h)
        case let .crx(a): return try controlled(.rx(a))
        case let .cry(a): return try controlled(.ry(a))
        case let .crz(a): return try controlled(.rz(a))
        case let .controlledUnitary(u): return try controlled(.unitary1(u))
        case .swap:
            return .swap(a: q[0], b: q[1])
        case .cz, .cphase, .rzz:
            let m = try op.gate.matrix(values)
            return .diagonalTwo(q0: q[0], q1: q[1], d: (0..<4).flatMap { [m[$0, $0].real, m[$0, $0].imaginary] })
        case .iswap, .rxx, .ryy, .unitary2:
            let m = try op.gate.matrix(values)
            return .two(q0: q[0], q1: q[1], m: m.elements.flatMap { [$0.real, $0.imaginary] })
        case .ccx:
            return .ccx(c0: q[0], c1: q[1], t: q[2])
        case .cswap:
            return .cswap(c: q[0], a: q[1], b: q[2])
        case .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg, .rx, .ry, .rz, .phase, .u2, .u3, .unitary1:
            throw CircuitError.wrongArity(gate: op.gate.name, expected: op.gate.arity, got: op.qubits.count)
        }
    }
}

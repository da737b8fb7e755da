import Foundation
import Numerics
import QompressCore

extension Matrix2 {
    /// The 2×2 matrix of a one-qubit gate, computed without building a `SquareMatrix`
    /// (this is on the per-gate hot path of small states).
    /// - Throws: `CircuitError` for unbound or non-finite parameters, `.wrongArity` for a
    ///   multi-qubit gate.
    static func of(_ gate: Gate, _ values: ParameterValues) throws -> Matrix2 {
        @inline(__always) func diag(_ r1: Double, _ i1: Double) -> Matrix2 {
            Matrix2(r00: 1, i00: 0, r01: 0, i01: 0, r10: 0, i10: 0, r11: r1, i11: i1)
        }
        let h = 1 / 2.0.squareRoot()
        switch gate {
        case .identity: return .identity
        case .x: return Matrix2(r00: 0, i00: 0, r01: 1, i01: 0, r10: 1, i10: 0, r11: 0, i11: 0)
        case .y: return Matrix2(r00: 0, i00: 0, r01: 0, i01: -1, r10: 0, i10: 1, r11: 0, i11: 0)
        case .z: return diag(-1, 0)
        case .h: return Matrix2(r00: h, i00: 0, r01: h, i01: 0, r10: h, i10: 0, r11: -h, i11: 0)
        case .s: return diag(0, 1)
        case .sdg: return diag(0, -1)
        case .t: return diag(h, h)
        case .tdg: return diag(h, -h)
        case let .rx(a):
            let t = try a.value(in: values) / 2
            let c = cos(t), s = sin(t)
            return Matrix2(r00: c, i00: 0, r01: 0, i01: -s, r10: 0, i10: -s, r11: c, i11: 0)
        case let .ry(a):
            let t = try a.value(in: values) / 2
            let c = cos(t), s = sin(t)
            return Matrix2(r00: c, i00: 0, r01: -s, i01: 0, r10: s, i10: 0, r11: c, i11: 0)
        case let .rz(a):
            let t = try a.value(in: values) / 2
            let c = cos(t), s = sin(t)
            return Matrix2(r00: c, i00: -s, r01: 0, i01: 0, r10: 0, i10: 0, r11: c, i11: s)
        case let .phase(a):
            let l = try a.value(in: values)
            return diag(cos(l), sin(l))
        case let .u3(theta, phi, lambda):
            let t = try theta.value(in: values) / 2, p = try phi.value(in: values), l = try lambda.value(in: values)
            let c = cos(t), s = sin(t)
            return Matrix2(r00: c, i00: 0, r01: -s * cos(l), i01: -s * sin(l),
                           r10: s * cos(p), i10: s * sin(p), r11: c * cos(p + l), i11: c * sin(p + l))
        case .sx, .sxdg, .u2, .unitary1:
            return Matrix2(try gate.matrix(values))
        case .cnot, .cy, .cz, .ch, .swap, .iswap, .crx, .cry, .crz, .cphase, .rxx, .ryy, .rzz,
             .ccx, .cswap, .unitary2, .controlledUnitary:
            throw CircuitError.wrongArity(gate: gate.name, expected: gate.arity, got: 1)
        }
    }
}

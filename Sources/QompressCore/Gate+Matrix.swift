import Numerics
import Foundation

extension Gate {
    /// The gate's unitary matrix with its angles evaluated under `values`.
    ///
    /// The first qubit of the operation is the most significant index bit.
    /// - Throws: `CircuitError.unboundParameter` / `.nonFiniteParameter`.
    public func matrix(_ values: ParameterValues = .none) throws -> SquareMatrix {
        typealias C = Complex<Double>
        let i = C(0, 1)
        func angle(_ a: Angle) throws -> Double { try a.value(in: values) }
        func controlled(_ u: SquareMatrix) -> SquareMatrix {
            var m = SquareMatrix.identity(2 * u.dimension)
            for r in 0..<u.dimension { for c in 0..<u.dimension { m[u.dimension + r, u.dimension + c] = u[r, c] } }
            return m
        }
        switch self {
        case .identity: return .identity(2)
        case .x: return .two(.zero, .one, .one, .zero)
        case .y: return .two(.zero, -i, i, .zero)
        case .z: return .diagonal([.one, -.one])
        case .h:
            let r = C(1 / 2.0.squareRoot())
            return .two(r, r, r, -r)
        case .s: return .diagonal([.one, i])
        case .sdg: return .diagonal([.one, -i])
        case .t: return .diagonal([.one, C(length: 1, phase: .pi / 4)])
        case .tdg: return .diagonal([.one, C(length: 1, phase: -.pi / 4)])
        case .sx: return .two(C(0.5, 0.5), C(0.5, -0.5), C(0.5, -0.5), C(0.5, 0.5))
        case .sxdg: return .two(C(0.5, -0.5), C(0.5, 0.5), C(0.5, 0.5), C(0.5, -0.5))
        case let .rx(a):
            let t = try angle(a) / 2
            return .two(C(cos(t)), C(0, -sin(t)), C(0, -sin(t)), C(cos(t)))
        case let .ry(a):
            let t = try angle(a) / 2
            return .two(C(cos(t)), C(-sin(t)), C(sin(t)), C(cos(t)))
        case let .rz(a):
            let t = try angle(a) / 2
            return .diagonal([C(cos(t), -sin(t)), C(cos(t), sin(t))])
        case let .phase(a):
            return .diagonal([.one, C(length: 1, phase: try angle(a))])
        case let .u2(phi, lambda):
            return try Gate.u3(theta: .constant(.pi / 2), phi: phi, lambda: lambda).matrix(values)
        case let .u3(theta, phi, lambda):
            let t = try angle(theta) / 2, p = try angle(phi), l = try angle(lambda)
            return .two(C(cos(t)), -C(length: sin(t), phase: l),
                        C(length: sin(t), phase: p), C(length: cos(t), phase: p + l))
        case .cnot: return controlled(try Gate.x.matrix())
        case .cy: return controlled(try Gate.y.matrix())
        case .cz: return .diagonal([.one, .one, .one, -.one])
        case .ch: return controlled(try Gate.h.matrix())
        case .swap:
            var m = SquareMatrix.zero(4)
            m[0, 0] = .one; m[1, 2] = .one; m[2, 1] = .one; m[3, 3] = .one
            return m
        case .iswap:
            var m = SquareMatrix.zero(4)
            m[0, 0] = .one; m[1, 2] = i; m[2, 1] = i; m[3, 3] = .one
            return m
        case let .crx(a): return controlled(try Gate.rx(a).matrix(values))
        case let .cry(a): return controlled(try Gate.ry(a).matrix(values))
        case let .crz(a): return controlled(try Gate.rz(a).matrix(values))
        case let .cphase(a): return .diagonal([.one, .one, .one, C(length: 1, phase: try angle(a))])
        case let .rxx(a):
            let t = try angle(a) / 2
            let c = C(cos(t)), s = C(0, -sin(t))
            var m = SquareMatrix.zero(4)
            m[0, 0] = c; m[1, 1] = c; m[2, 2] = c; m[3, 3] = c
            m[0, 3] = s; m[1, 2] = s; m[2, 1] = s; m[3, 0] = s
            return m
        case let .ryy(a):
            let t = try angle(a) / 2
            let c = C(cos(t)), s = C(0, sin(t))
            var m = SquareMatrix.zero(4)
            m[0, 0] = c; m[1, 1] = c; m[2, 2] = c; m[3, 3] = c
            m[0, 3] = s; m[1, 2] = -s; m[2, 1] = -s; m[3, 0] = s
            return m
        case let .rzz(a):
            let t = try angle(a) / 2
            let minus = C(cos(t), -sin(t)), plus = C(cos(t), sin(t))
            return .diagonal([minus, plus, plus, minus])
        case .ccx:
            var m = SquareMatrix.identity(8)
            m[6, 6] = .zero; m[7, 7] = .zero; m[6, 7] = .one; m[7, 6] = .one
            return m
        case .cswap:
            var m = SquareMatrix.identity(8)
            m[5, 5] = .zero; m[6, 6] = .zero; m[5, 6] = .one; m[6, 5] = .one
            return m
        case let .unitary1(u), let .unitary2(u):
            return u.matrix
        case let .controlledUnitary(u):
            return controlled(u.matrix)
        }
    }

    /// The inverse gate: `U†`, parametrised the same way where the family allows it.
    public var inverse: Gate {
        switch self {
        case .identity, .x, .y, .z, .h, .cnot, .cy, .cz, .ch, .swap, .ccx, .cswap:
            return self
        case .s: return .sdg
        case .sdg: return .s
        case .t: return .tdg
        case .tdg: return .t
        case .sx: return .sxdg
        case .sxdg: return .sx
        case .rx, .ry, .rz, .phase, .crx, .cry, .crz, .cphase, .rxx, .ryy, .rzz:
            return mapAngles { $0.negated }
        case let .u2(phi, lambda):
            return .u3(theta: .constant(-.pi / 2), phi: lambda.negated, lambda: phi.negated)
        case let .u3(theta, phi, lambda):
            return .u3(theta: theta.negated, phi: lambda.negated, lambda: phi.negated)
        case .iswap:
            var m = SquareMatrix.zero(4)
            m[0, 0] = .one; m[1, 2] = Complex(0, -1); m[2, 1] = Complex(0, -1); m[3, 3] = .one
            return .unitary2(UnitaryMatrix(trusted: m))
        case let .unitary1(u): return .unitary1(u.adjoint)
        case let .unitary2(u): return .unitary2(u.adjoint)
        case let .controlledUnitary(u): return .controlledUnitary(u.adjoint)
        }
    }
}

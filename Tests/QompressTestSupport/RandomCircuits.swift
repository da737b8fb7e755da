import Numerics
import QompressCore

/// Random gates and circuits from a seed, covering every gate kind.
public struct RandomCircuits {
    public var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public mutating func angle() -> Angle { .constant(Double.random(in: -.pi ... .pi, using: &generator)) }

    public mutating func u3Matrix() throws -> SquareMatrix {
        try Gate.u3(theta: angle(), phi: angle(), lambda: angle()).matrix()
    }

    /// A random unitary: a U3 on one qubit; three rounds of U3⊗U3 then CNOT on two.
    public mutating func unitary(_ qubits: Int) throws -> UnitaryMatrix {
        if qubits == 1 { return try UnitaryMatrix(u3Matrix()) }
        var m = SquareMatrix.identity(4)
        for _ in 0..<3 { m = try Gate.cnot.matrix() * SquareMatrix.kron(u3Matrix(), u3Matrix()) * m }
        return try UnitaryMatrix(m)
    }

    /// Every gate kind with random angles.
    public mutating func allGates() throws -> [Gate] {
        [.identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
         .rx(angle()), .ry(angle()), .rz(angle()), .phase(angle()), .u2(phi: angle(), lambda: angle()),
         .u3(theta: angle(), phi: angle(), lambda: angle()),
         .cnot, .cy, .cz, .ch, .swap, .iswap, .crx(angle()), .cry(angle()), .crz(angle()), .cphase(angle()),
         .rxx(angle()), .ryy(angle()), .rzz(angle()), .ccx, .cswap,
         .unitary1(try unitary(1)), .unitary2(try unitary(2)), .controlledUnitary(try unitary(1))]
    }

    public mutating func qubits(_ count: Int, of n: Int) -> [Int] {
        Array((0..<n).shuffled(using: &generator).prefix(count))
    }

    public mutating func circuit(qubits n: Int, gates: Int) throws -> Circuit {
        var c = try Circuit(qubitCount: n)
        for _ in 0..<gates {
            let all = try allGates().filter { $0.arity <= n }
            let g = all[Int.random(in: 0..<all.count, using: &generator)]
            try c.append(g, on: qubits(g.arity, of: n))
        }
        return c
    }
}

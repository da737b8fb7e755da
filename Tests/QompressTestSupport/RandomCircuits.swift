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

    /// One gate of every kind (`Gate.Kind.allCases`, in order) with random angles and matrices.
    public mutating func allGates() throws -> [Gate] {
        try Gate.Kind.allCases.map { try gate(of: $0) }
    }

    /// A gate of `kind` with random angles (and a random matrix for the unitary kinds).
    public mutating func gate(of kind: Gate.Kind) throws -> Gate {
        var copy = self
        defer { self = copy }
        return try Gate.make(kind, angle: { copy.angle() }, unitary: { try copy.unitary($0) })
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

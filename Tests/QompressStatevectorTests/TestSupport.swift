import Numerics
import QompressCore
import QompressStatevector

/// An independent dense reference: applies a gate's matrix to a vector by index arithmetic,
/// sharing no code with the backend's kernels.
enum DenseReference {
    static func apply(_ matrix: SquareMatrix, on qubits: [Int], to state: [Complex<Double>]) -> [Complex<Double>] {
        let k = qubits.count
        var out = [Complex<Double>](repeating: .zero, count: state.count)
        for i in 0..<state.count {
            // Row index: first listed qubit is the most significant bit.
            var row = 0
            for q in qubits { row = (row << 1) | ((i >> q) & 1) }
            var cleared = i
            for q in qubits { cleared &= ~(1 << q) }
            for col in 0..<(1 << k) {
                var j = cleared
                for (pos, q) in qubits.enumerated() where (col >> (k - 1 - pos)) & 1 == 1 { j |= 1 << q }
                out[i] = out[i] + matrix[row, col] * state[j]
            }
        }
        return out
    }

    static func run(_ circuit: Circuit, values: ParameterValues = .none, from initial: [Complex<Double>]? = nil) throws -> [Complex<Double>] {
        var state = initial ?? ([Complex<Double>.one] + [Complex<Double>](repeating: .zero, count: (1 << circuit.qubitCount) - 1))
        for op in circuit.instructions { state = apply(try op.gate.matrix(values), on: op.qubits, to: state) }
        return state
    }

    /// ⟨ψ|P|ψ⟩ by applying each Pauli factor as a matrix.
    static func expectation(_ sum: PauliSum, _ state: [Complex<Double>]) throws -> Double {
        var total = 0.0
        for term in sum.terms {
            var v = state
            for f in term.string.factors {
                let g: Gate = f.pauli == .x ? .x : (f.pauli == .y ? .y : .z)
                v = apply(try g.matrix(), on: [f.qubit], to: v)
            }
            var dot = Complex<Double>.zero
            for i in 0..<v.count { dot = dot + state[i].conjugate * v[i] }
            total += term.coefficient * dot.real
        }
        return total
    }
}

/// Random gates and circuits from a seed, covering every gate kind.
struct RandomCircuits {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func angle() -> Angle { .constant(Double.random(in: -.pi ... .pi, using: &generator)) }

    mutating func u3Matrix() throws -> SquareMatrix {
        try Gate.u3(theta: angle(), phi: angle(), lambda: angle()).matrix()
    }

    /// A random unitary: a U3 on one qubit; three rounds of U3⊗U3 then CNOT on two.
    mutating func unitary(_ qubits: Int) throws -> UnitaryMatrix {
        if qubits == 1 { return try UnitaryMatrix(u3Matrix()) }
        var m = SquareMatrix.identity(4)
        for _ in 0..<3 { m = try Gate.cnot.matrix() * SquareMatrix.kron(u3Matrix(), u3Matrix()) * m }
        return try UnitaryMatrix(m)
    }

    /// Every gate kind with random angles.
    mutating func allGates() throws -> [Gate] {
        [.identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
         .rx(angle()), .ry(angle()), .rz(angle()), .phase(angle()), .u2(phi: angle(), lambda: angle()),
         .u3(theta: angle(), phi: angle(), lambda: angle()),
         .cnot, .cy, .cz, .ch, .swap, .iswap, .crx(angle()), .cry(angle()), .crz(angle()), .cphase(angle()),
         .rxx(angle()), .ryy(angle()), .rzz(angle()), .ccx, .cswap,
         .unitary1(try unitary(1)), .unitary2(try unitary(2)), .controlledUnitary(try unitary(1))]
    }

    mutating func qubits(_ count: Int, of n: Int) -> [Int] {
        Array((0..<n).shuffled(using: &generator).prefix(count))
    }

    mutating func circuit(qubits n: Int, gates: Int) throws -> Circuit {
        var c = try Circuit(qubitCount: n)
        for _ in 0..<gates {
            let all = try allGates().filter { $0.arity <= n }
            let g = all[Int.random(in: 0..<all.count, using: &generator)]
            try c.append(g, on: qubits(g.arity, of: n))
        }
        return c
    }
}

func maxDistance(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Double {
    zip(a, b).map { ($0 - $1).length }.max() ?? 0
}

import Numerics
import QompressCore

/// An independent dense reference: applies a gate's matrix to a vector by index arithmetic,
/// sharing no code with the backend's kernels.
public enum DenseReference {
    public static func apply(_ matrix: SquareMatrix, on qubits: [Int], to state: [Complex<Double>]) -> [Complex<Double>] {
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

    public static func run(_ circuit: Circuit, values: ParameterValues = .none, from initial: [Complex<Double>]? = nil) throws -> [Complex<Double>] {
        var state = initial ?? ([Complex<Double>.one] + [Complex<Double>](repeating: .zero, count: (1 << circuit.qubitCount) - 1))
        for op in circuit.instructions { state = apply(try op.gate.matrix(values), on: op.qubits, to: state) }
        return state
    }

    /// ⟨ψ|P|ψ⟩ by applying each Pauli factor as a matrix.
    public static func expectation(_ sum: PauliSum, _ state: [Complex<Double>]) throws -> Double {
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

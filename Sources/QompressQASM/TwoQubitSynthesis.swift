import Foundation
import Numerics
import QompressCore

/// An arbitrary two-qubit unitary as OpenQASM 2.0 statements, exact up to a global phase.
///
/// The basis is walked in Gray-code order |00⟩, |01⟩, |11⟩, |10⟩ (index 2·b(q0) + b(q1), q0 the
/// more significant bit), where neighbours differ in one qubit. Givens rotations G between
/// neighbours zero the matrix below its diagonal, column by column: G_k ⋯ G_1 U = D, diagonal.
/// Each G is a one-qubit unitary on the qubit where the two states differ, controlled on the
/// other qubit's value there (`cu(θ, φ, λ, γ)`, with X around the control for value 0), so
/// U = G_1† ⋯ G_k† D runs as D first, then G_k†, …, G_1†. D becomes `u1` on each qubit and a
/// `cu1`, dropping only D's first entry, a global phase.
enum TwoQubitSynthesis {
    /// Gray-code order of the four basis indices.
    static let gray = [0, 1, 3, 2]

    static func statements(_ u: SquareMatrix, qubits: (String, String),
                           call: (String, [Double], [String]) -> String) -> [String] {
        // M in Gray order: M[r][c] = U[gray[r]][gray[c]].
        var m = (0..<4).map { r in (0..<4).map { c in u[gray[r], gray[c]] } }
        var rotations: [(upper: Int, g: [[Complex<Double>]])] = []
        for column in 0..<3 {
            for row in stride(from: 3, through: column + 1, by: -1) {
                let a = m[row - 1][column], b = m[row][column]
                guard b.length > 1e-14 else { continue }
                let n = (a.lengthSquared + b.lengthSquared).squareRoot()
                // G (a, b)ᵀ = (n, 0)ᵀ with G = [[ā, b̄], [−b, a]] / n.
                let g = [[a.conjugate / Complex(n), b.conjugate / Complex(n)], [-b / Complex(n), a / Complex(n)]]
                for c in 0..<4 {
                    let x = m[row - 1][c], y = m[row][c]
                    m[row - 1][c] = g[0][0] * x + g[0][1] * y
                    m[row][c] = g[1][0] * x + g[1][1] * y
                }
                rotations.append((row - 1, g))
            }
        }
        var out: [String] = []
        // D (Gray order) back to basis order, then its phases relative to d(|00⟩).
        var d = [Double](repeating: 0, count: 4)
        for r in 0..<4 { d[gray[r]] = m[r][r].phase }
        let (q0, q1) = qubits
        let a1 = d[1] - d[0], a2 = d[2] - d[0], a3 = d[3] - d[0]
        if a2 != 0 { out.append(call("u1", [a2], [q0])) }
        if a1 != 0 { out.append(call("u1", [a1], [q1])) }
        if a3 - a1 - a2 != 0 { out.append(call("cu1", [a3 - a1 - a2], [q0, q1])) }
        for (upper, g) in rotations.reversed() {
            // G† acts on the pair (gray[upper], gray[upper + 1]).
            let s0 = gray[upper], s1 = gray[upper + 1]
            let differing = s0 ^ s1                       // 2: q0 differs, 1: q1 differs
            let (target, control) = differing == 2 ? (q0, q1) : (q1, q0)
            let controlValue = (s0 & (differing == 2 ? 1 : 2)) != 0
            // Order the 2×2 of G† as (target bit 0, target bit 1).
            let dagger = [[g[0][0].conjugate, g[1][0].conjugate], [g[0][1].conjugate, g[1][1].conjugate]]
            let firstIsZero = (s0 & differing) == 0
            let w = firstIsZero ? dagger : [[dagger[1][1], dagger[1][0]], [dagger[0][1], dagger[0][0]]]
            let e = EulerAngles(w[0][0], w[0][1], w[1][0], w[1][1])
            if !controlValue { out.append(call("x", [], [control])) }
            out.append(call("cu", [e.theta, e.phi, e.lambda, e.gamma], [control, target]))
            if !controlValue { out.append(call("x", [], [control])) }
        }
        return out
    }
}

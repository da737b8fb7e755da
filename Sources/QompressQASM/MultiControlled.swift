import Numerics
import QompressCore

/// Exact decompositions of multiply controlled one-qubit gates into IR gates, for the
/// qelib1 gates with more qubits than the IR has (`c3x`, `c3sqrtx`, `c4x`).
enum MultiControlled {
    /// The principal square root of a 2×2 unitary, itself unitary:
    /// √U = (U + s·I) / √(tr U + 2s) with s = √det U (the sign of s flipped when the
    /// denominator vanishes, as for U = −I).
    static func squareRoot(of u: SquareMatrix) -> SquareMatrix {
        let det = u[0, 0] * u[1, 1] - u[0, 1] * u[1, 0]
        var s = Complex.sqrt(det)
        var t = Complex.sqrt(u[0, 0] + u[1, 1] + 2 * s)
        if t.length < 1e-6 {
            s = -s
            t = Complex.sqrt(u[0, 0] + u[1, 1] + 2 * s)
        }
        return .two((u[0, 0] + s) / t, u[0, 1] / t, u[1, 0] / t, (u[1, 1] + s) / t)
    }

    /// Gates on positions `controls + [target]` that apply `u` to `target` when every control
    /// is set (Barenco et al. 1995, lemma 7.1, applied recursively):
    /// C^k(U) = C(V)·C^{k−1}X·C(V†)·C^{k−1}X·C^{k−1}(V) with V² = U, controls split as
    /// (first k−1, last).
    /// - Throws: `CircuitError.nonUnitaryMatrix` only if rounding broke unitarity (it does not
    ///   for the gates used here).
    static func gates(applying u: SquareMatrix, controls: [Int], target: Int) throws -> [(Gate, [Int])] {
        guard let last = controls.last else { return [(.unitary1(try UnitaryMatrix(u)), [target])] }
        if controls.count == 1 { return [(.controlledUnitary(try UnitaryMatrix(u)), [last, target])] }
        let x = try Gate.x.matrix()
        if controls.count == 2, u == x { return [(.ccx, controls + [target])] }
        let rest = Array(controls.dropLast())
        let v = try UnitaryMatrix(squareRoot(of: u))
        let flip = try gates(applying: x, controls: rest, target: last)
        return [(.controlledUnitary(v), [last, target])] + flip
            + [(.controlledUnitary(v.adjoint), [last, target])] + flip
            + (try gates(applying: v.matrix, controls: rest, target: target))
    }
}

/// The four pair sums a_xy = Σ λ_x ψ_y of a fused adjoint step over the amplitude pairs of one
/// qubit (x, y ∈ {0, 1} the value of the qubit), taken before the gate.
struct PairSums: Sendable {
    var a00 = 0.0, a01 = 0.0, a10 = 0.0, a11 = 0.0

    /// Lane-wise sum, in the order a reduction over a fixed partition adds its parts.
    static func + (l: PairSums, r: PairSums) -> PairSums {
        PairSums(a00: l.a00 + r.a00, a01: l.a01 + r.a01, a10: l.a10 + r.a10, a11: l.a11 + r.a11)
    }
}

import Numerics
import QompressCore
import QompressLinearAlgebra

/// A two-qubit gate in the memory order of a merged two-site tensor: entry `[a * 4 + b]`
/// maps input block `b = s_left + 2·s_right` to output block `a = t_left + 2·t_right`.
struct TwoSiteGate {
    /// 16 entries, row-major in (output block, input block).
    var entries: [Complex<Double>]

    /// Whether every entry is real.
    var isReal: Bool { entries.allSatisfy { $0.imaginary == 0 } }

    /// Converts a gate matrix on `[left, right]` (left = most significant index bit, as in
    /// `Gate.matrix`) or, with `reversed`, on `[right, left]`.
    init(_ matrix: SquareMatrix, reversed: Bool) {
        var e = [Complex<Double>](repeating: .zero, count: 16)
        for tl in 0..<2 { for tr in 0..<2 { for sl in 0..<2 { for sr in 0..<2 {
            let row = reversed ? 2 * tr + tl : 2 * tl + tr
            let column = reversed ? 2 * sr + sl : 2 * sl + sr
            e[(tl + 2 * tr) * 4 + (sl + 2 * sr)] = matrix[row, column]
        } } } }
        entries = e
    }

    /// The operator Schmidt rank of the real parts of the entries (1 … 4): the number of
    /// terms `Σ_o P_o ⊗ Q_o` the gate needs, so that Θ after it has rank at most this times
    /// the middle bond dimension (2 for a CNOT or any controlled gate dressed with one-qubit
    /// gates, 4 for a SWAP). Computed by modified Gram–Schmidt with column pivoting and
    /// reorthogonalisation on the reshuffled 4 × 4 matrix `R[(t_l, s_l), (t_r, s_r)]`:
    /// columns whose remainder is at most 10⁻¹⁴ of the largest column count as dependent.
    var realOperatorSchmidtRank: Int {
        var columns = [[Double]](repeating: [Double](repeating: 0, count: 4), count: 4)
        for tl in 0..<2 { for tr in 0..<2 { for sl in 0..<2 { for sr in 0..<2 {
            columns[tr + 2 * sr][tl + 2 * sl] = entries[(tl + 2 * tr) * 4 + (sl + 2 * sr)].real
        } } } }
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let largest = columns.map(norm).max() ?? 0
        guard largest > 0 else { return 1 }
        var basis: [[Double]] = []
        var remaining = columns
        while !remaining.isEmpty {
            let norms = remaining.map(norm)
            let best = norms.indices.max { norms[$0] < norms[$1] }!
            guard norms[best] > 1e-14 * largest else { break }
            let q = remaining[best].map { $0 / norms[best] }
            basis.append(q)
            remaining.remove(at: best)
            for i in remaining.indices {
                for _ in 0..<2 {
                    let d = zip(q, remaining[i]).reduce(0) { $0 + $1.0 * $1.1 }
                    for j in 0..<4 { remaining[i][j] -= d * q[j] }
                }
            }
        }
        return max(1, basis.count)
    }

    /// The gate followed by nothing, preceded by one-qubit gates on the left and right
    /// sites (row-major 2 × 2 each; `nil` for none): `G · (P_left ⊗ P_right)`.
    mutating func precede(left: [Complex<Double>]?, right: [Complex<Double>]?) {
        if left == nil && right == nil { return }
        let l = left ?? [.one, .zero, .zero, .one]
        let r = right ?? [.one, .zero, .zero, .one]
        var result = [Complex<Double>](repeating: .zero, count: 16)
        for a in 0..<4 {
            for b in 0..<4 {
                // (P_l ⊗ P_r)[c, b] with c = cl + 2 cr, b = bl + 2 br.
                var sum = Complex<Double>.zero
                for c in 0..<4 {
                    let g = entries[a * 4 + c]
                    if g == .zero { continue }
                    let p = l[(c & 1) * 2 + (b & 1)] * r[(c >> 1) * 2 + (b >> 1)]
                    sum = sum + g * p
                }
                result[a * 4 + b] = sum
            }
        }
        entries = result
    }
}

extension MPSBackend {
    /// Applies `gate` to sites `q`, `q + 1`: moves the centre there, merges the two sites,
    /// applies the gate, splits with an SVD, truncates per the configuration and leaves the
    /// centre on site `q + 1` (`centreRight`) or `q`. Real arithmetic while the state and the
    /// gate are real and the configuration prefers it, else complex.
    func updateTwoSites(_ q: Int, gate: TwoSiteGate, centreRight: Bool) throws {
        if centre < q { try moveCentre(to: q) } else if centre > q + 1 { try moveCentre(to: q + 1) }
        let gateIsReal = gate.isReal
        if isReal && gateIsReal && configuration.prefersRealArithmetic {
            try updateTwoSites(q, gate: gate, centreRight: centreRight, gateRank: gate.realOperatorSchmidtRank,
                               RealTwoSiteArithmetic.self)
            return
        }
        if !gateIsReal { isReal = false }
        try updateTwoSites(q, gate: gate, centreRight: centreRight, gateRank: 4, ComplexTwoSiteArithmetic.self)
    }

    /// The merge–gate–SVD–truncate–split step in `Arithmetic`, the centre already on `q` or
    /// `q + 1`; `gateRank` bounds the gate's operator Schmidt rank (4 for any gate).
    private func updateTwoSites<Arithmetic: TwoSiteArithmetic>(_ q: Int, gate: TwoSiteGate, centreRight: Bool,
                                                               gateRank: Int, _: Arithmetic.Type) throws {
        let chiL = bonds[q], chiM = bonds[q + 1], chiR = bonds[q + 2]
        let m = 2 * chiL, n = 2 * chiR, k = min(m, n)
        // Θ = Σ_o (P_o ⊗ Q_o)(A_q A_{q+1}) has rank at most gateRank · χm.
        let structuralRank = min(k, gateRank * chiM)
        let s = workspace.s.reserve(k)
        svdCount += 1
        let buffers = Arithmetic.buffers(workspace)

        // Θ[l, s1, s2, r] = Σ_m A_q[l, s1, m] A_{q+1}[m, s2, r]: an (2χl × χm)(χm × 2χr) product.
        let theta = Arithmetic.merge(sites[q], sites[q + 1], m: m, n: n, chiM: chiM, workspace: workspace)
        let gated = buffers.gated.reserve(m * n)
        Arithmetic.entries(of: gate).withUnsafeBufferPointer {
            MPSBackend.applyGate($0.baseAddress!, from: theta, to: gated, blockLength: chiL, blockCount: chiR)
        }

        if gramHints[q], try splitByGram(q, m: m, n: n, gated: gated, centreRight: centreRight,
                                         structuralRank: structuralRank, Arithmetic.self) {
            return
        }

        let u = buffers.u.reserve(m * k)
        let vt = buffers.vt.reserve(k * n)
        try Arithmetic.decompose(workspace, m: m, n: n, a: gated, singularValues: s, u: u, vt: vt, ldvt: k)
        let decision = decide(s, count: k, m: m, n: n, bond: q)
        gramHints[q] = gramResolves(decision, s, count: k, structuralRank: structuralRank)
        let keep = decision.keep, factor = decision.renormalization
        if factor != 1 { for i in 0..<keep { s[i] *= factor } }

        let left = reserveSite(q, count: m * keep)
        let right = reserveSite(q + 1, count: keep * n)
        if centreRight {
            for i in 0..<(m * keep) { left[i] = Arithmetic.site(u[i]) }
            for j in 0..<n {
                let source = vt + j * k, destination = right + j * keep
                for i in 0..<keep { destination[i] = Arithmetic.site(source[i], timesSingularValue: s[i]) }
            }
        } else {
            for j in 0..<keep {
                let source = u + j * m, destination = left + j * m
                let sj = s[j]
                for i in 0..<m { destination[i] = Arithmetic.site(source[i], scaledBy: sj) }
            }
            for j in 0..<n {
                let source = vt + j * k, destination = right + j * keep
                for i in 0..<keep { destination[i] = Arithmetic.site(source[i]) }
            }
        }
        bonds[q + 1] = keep
        centre = centreRight ? q + 1 : q
        noteBond(q)
    }

    /// Whether singular values from a Gram decomposition (`RealGramDecomposer`) settle
    /// `decision` as an SVD would. Θ has rank at most `structuralRank` (r) by construction,
    /// so an SVD finds its singular values from r on at rounding level, under its noise floor.
    /// Either the first r singular values are all resolved (then the rank, the cut and the
    /// weights are those of an SVD to about six digits, the rest being exact zeros), or the
    /// cut is a clear χ truncation — the kept values resolved, and a discarded weight of at
    /// least 10⁻⁹ and twice the cutoff, so that the truncation is reportable and the cutoff
    /// does not bind for any SVD either; the unresolved tail then changes the reported
    /// discarded weight by about `order · ε` at most. Also, after an SVD, whether the next
    /// update of the same bond tries the Gram route first.
    func gramResolves(_ decision: TruncationDecision, _ s: UnsafePointer<Double>, count k: Int,
                      structuralRank r: Int) -> Bool {
        if RealGramDecomposer.isResolved(s[r - 1], s[0]) { return true }
        guard let chi = configuration.maxBondDimension, decision.keep == chi, chi < k else { return false }
        return RealGramDecomposer.isResolved(s[chi - 1], s[0])
            && decision.discardedWeight >= max(1e-9, 2 * configuration.cutoff)
    }

    /// The split of the gated Θ (`m × n`, intact afterwards) from its Gram matrix, when the
    /// factor that stays orthonormal is on the smaller side (`U` with the centre moving right
    /// and `m ≤ n`, `V` with it staying left and `n ≤ m`; the usual square 2χ × 2χ case) and
    /// the Gram singular values settle the truncation as an SVD would (`gramResolves`). The other factor
    /// is the projection `Uᵀ·Θ` (= Σ·Vᵀ) or `Θ·V` (= U·Σ), times the renormalisation, so the
    /// truncated state is the orthogonal projection of Θ onto the kept singular vectors — the
    /// same truncation rule, the same report. Returns `false` (nothing changed) otherwise, and
    /// then clears the bond's hint, so that a bond whose Θ is rank-deficient or ill-conditioned
    /// goes straight to the SVD until an SVD finds it well-conditioned again (`gramHints`).
    private func splitByGram<Arithmetic: TwoSiteArithmetic>(_ q: Int, m: Int, n: Int,
                                                            gated: UnsafeMutablePointer<Arithmetic.Scalar>,
                                                            centreRight: Bool, structuralRank: Int,
                                                            _: Arithmetic.Type) throws -> Bool {
        let side: GramSide
        if centreRight && m <= n { side = .left } else if !centreRight && n <= m { side = .right } else { return false }
        let k = min(m, n)
        let s = workspace.s.reserve(k)
        let buffers = Arithmetic.buffers(workspace)
        let vectors = buffers.u.reserve(k * k)
        // At most χ_max vectors are ever kept.
        let vectorCount = min(k, configuration.maxBondDimension ?? k)
        guard try Arithmetic.gramDecompose(workspace, side, m: m, n: n, a: gated, singularValues: s,
                                           vectors: vectors, vectorCount: vectorCount) else {
            gramHints[q] = false
            return false
        }
        // Beyond the structural rank the Gram eigenvalues are rounding noise: exact zeros.
        for i in structuralRank..<k { s[i] = 0 }
        let decision = TruncationDecision(singularValues: s, count: k, rows: m, columns: n,
                                          maxBond: configuration.maxBondDimension, cutoff: configuration.cutoff)
        guard gramResolves(decision, s, count: k, structuralRank: structuralRank) else {
            gramHints[q] = false
            return false
        }
        record(decision, bond: q)
        gramSplitCount += 1
        let keep = decision.keep, factor = decision.renormalization
        let left = reserveSite(q, count: m * keep)
        let right = reserveSite(q + 1, count: keep * n)
        let projected = buffers.vt.reserve(max(m, n) * keep)
        switch side {
        case .left:
            for i in 0..<(m * keep) { left[i] = Arithmetic.site(vectors[i]) }
            Arithmetic.product(.transpose, .none, m: keep, n: n, k: m, alpha: factor, a: vectors, lda: m,
                               b: gated, ldb: m, c: projected, ldc: keep)
            for i in 0..<(keep * n) { right[i] = Arithmetic.site(projected[i]) }
        case .right:
            Arithmetic.product(.none, .none, m: m, n: keep, k: n, alpha: factor, a: gated, lda: m,
                               b: vectors, ldb: n, c: projected, ldc: m)
            for i in 0..<(m * keep) { left[i] = Arithmetic.site(projected[i]) }
            // Vᵀ's rows (only real arithmetic takes this route, so no conjugation).
            for j in 0..<n {
                let destination = right + j * keep
                for i in 0..<keep { destination[i] = Arithmetic.site(vectors[j + i * n]) }
            }
        }
        bonds[q + 1] = keep
        centre = centreRight ? q + 1 : q
        noteBond(q)
        return true
    }

    /// Applies the truncation rule and records a reportable truncation.
    func decide(_ s: UnsafePointer<Double>, count: Int, m: Int, n: Int, bond: Int) -> TruncationDecision {
        let decision = TruncationDecision(singularValues: s, count: count, rows: m, columns: n,
                                          maxBond: configuration.maxBondDimension, cutoff: configuration.cutoff)
        record(decision, bond: bond)
        return decision
    }

    /// Records `decision` in the report when it is a reportable truncation.
    func record(_ decision: TruncationDecision, bond: Int) {
        if decision.truncated {
            truncations.append(TruncationReport.Truncation(bond: bond, discardedWeight: decision.discardedWeight,
                                                            keptBondDimension: decision.keep))
            fidelityEstimate *= 1 - decision.discardedWeight
        }
    }

    /// `out = G · in` on the physical legs of a merged tensor laid out as `blockCount` groups
    /// of four contiguous blocks of `blockLength` elements (block `s_left + 2·s_right`); `g`
    /// holds the gate's 16 entries, row-major. Zero entries are skipped, unit entries copied.
    private static func applyGate<Scalar: Numeric>(_ g: UnsafePointer<Scalar>, from input: UnsafePointer<Scalar>,
                                                   to output: UnsafeMutablePointer<Scalar>, blockLength: Int,
                                                   blockCount: Int) {
        for r in 0..<blockCount {
            let base = 4 * blockLength * r
            for a in 0..<4 {
                let out = output + base + a * blockLength
                var first = true
                for b in 0..<4 {
                    let coefficient = g[a * 4 + b]
                    if coefficient == .zero { continue }
                    let source = input + base + b * blockLength
                    if first {
                        if coefficient == 1 {
                            out.update(from: source, count: blockLength)
                        } else {
                            for i in 0..<blockLength { out[i] = coefficient * source[i] }
                        }
                        first = false
                    } else {
                        for i in 0..<blockLength { out[i] = out[i] + coefficient * source[i] }
                    }
                }
                if first { out.update(repeating: .zero, count: blockLength) }
            }
        }
    }
}

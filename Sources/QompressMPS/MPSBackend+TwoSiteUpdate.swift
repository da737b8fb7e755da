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
            try updateTwoSites(q, gate: gate, centreRight: centreRight, RealTwoSiteArithmetic.self)
            return
        }
        if !gateIsReal { isReal = false }
        try updateTwoSites(q, gate: gate, centreRight: centreRight, ComplexTwoSiteArithmetic.self)
    }

    /// The merge–gate–SVD–truncate–split step in `Arithmetic`, the centre already on `q` or
    /// `q + 1`.
    private func updateTwoSites<Arithmetic: TwoSiteArithmetic>(_ q: Int, gate: TwoSiteGate, centreRight: Bool,
                                                               _: Arithmetic.Type) throws {
        let chiL = bonds[q], chiM = bonds[q + 1], chiR = bonds[q + 2]
        let m = 2 * chiL, n = 2 * chiR, k = min(m, n)
        let s = workspace.s.reserve(k)
        svdCount += 1
        let buffers = Arithmetic.buffers(workspace)

        // Θ[l, s1, s2, r] = Σ_m A_q[l, s1, m] A_{q+1}[m, s2, r]: an (2χl × χm)(χm × 2χr) product.
        let theta = Arithmetic.merge(sites[q], sites[q + 1], m: m, n: n, chiM: chiM, workspace: workspace)
        let gated = buffers.gated.reserve(m * n)
        Arithmetic.entries(of: gate).withUnsafeBufferPointer {
            MPSBackend.applyGate($0.baseAddress!, from: theta, to: gated, blockLength: chiL, blockCount: chiR)
        }

        let u = buffers.u.reserve(m * k)
        let vt = buffers.vt.reserve(k * n)
        try Arithmetic.decompose(workspace, m: m, n: n, a: gated, singularValues: s, u: u, vt: vt, ldvt: k)
        let keep = truncate(s, count: k, m: m, n: n, bond: q)

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

    /// `decide`, then rescales the kept singular values so that the state keeps its norm;
    /// returns how many are kept.
    func truncate(_ s: UnsafeMutablePointer<Double>, count: Int, m: Int, n: Int, bond: Int) -> Int {
        let decision = decide(s, count: count, m: m, n: n, bond: bond)
        let factor = decision.renormalization
        if factor != 1 { for i in 0..<decision.keep { s[i] *= factor } }
        return decision.keep
    }

    /// Applies the truncation rule and records a reportable truncation.
    func decide(_ s: UnsafePointer<Double>, count: Int, m: Int, n: Int, bond: Int) -> TruncationDecision {
        let decision = TruncationDecision(singularValues: s, count: count, rows: m, columns: n,
                                          maxBond: configuration.maxBondDimension, cutoff: configuration.cutoff)
        if decision.truncated {
            truncations.append(TruncationReport.Truncation(bond: bond, discardedWeight: decision.discardedWeight,
                                                            keptBondDimension: decision.keep))
            fidelityEstimate *= 1 - decision.discardedWeight
        }
        return decision
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

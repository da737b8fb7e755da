import Foundation

/// How many singular values an SVD keeps, and what the rest weighed.
struct TruncationDecision {
    /// Singular values kept (≥ 1).
    var keep: Int
    /// Singular values above the numerical noise floor (the numerical rank, ≥ keep).
    var rank: Int
    /// Σ s² over all singular values.
    var totalWeight: Double
    /// Σ s² over the kept ones.
    var keptWeight: Double
    /// Relative weight discarded above the noise floor: Σ_{keep ≤ i < rank} s_i² / total.
    var discardedWeight: Double
    /// Whether weight above the noise floor was discarded (a reportable truncation).
    var truncated: Bool { keep < rank }

    /// Applies the configured truncation to descending singular values `s[0..<count]` of
    /// an `m × n` matrix.
    ///
    /// Singular values at or below `s_0 · max(m, n) · ε_machine` are the numerical noise of
    /// the decomposition (the numerical rank) and are always dropped. Of the rest, the
    /// smallest are dropped while their accumulated relative weight is ≤ `cutoff`, and then
    /// more until at most `maxBond` remain.
    init(singularValues s: UnsafePointer<Double>, count: Int, rows m: Int, columns n: Int,
         maxBond: Int?, cutoff: Double) {
        var total = 0.0
        for i in 0..<count { total += s[i] * s[i] }
        totalWeight = total
        guard count > 0, total > 0, total.isFinite else {
            keep = 1; rank = 1; keptWeight = 0; discardedWeight = 0
            return
        }
        let floor = s[0] * Double(max(m, n)) * Double.ulpOfOne
        var r = count
        while r > 1 && s[r - 1] <= floor { r -= 1 }
        rank = r
        var k = r
        if cutoff > 0 {
            let budget = cutoff * total
            var tail = 0.0
            while k > 1 {
                let w = s[k - 1] * s[k - 1]
                if tail + w > budget { break }
                tail += w
                k -= 1
            }
        }
        if let chi = maxBond { k = min(k, chi) }
        keep = k
        var kept = 0.0
        for i in 0..<k { kept += s[i] * s[i] }
        keptWeight = kept
        var discarded = 0.0
        for i in k..<r { discarded += s[i] * s[i] }
        discardedWeight = discarded / total
    }

    /// The factor that restores the pre-truncation norm: √(total / kept).
    var renormalization: Double {
        truncated && keptWeight > 0 ? (totalWeight / keptWeight).squareRoot() : 1
    }
}

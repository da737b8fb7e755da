import QompressCore

/// The diagonal of a sum of Z strings, d(i) = Σ_t c_t (−1)^{|i ∧ z_t|}, as two tables over
/// the low and high bits of the index: d(h·2^k + l) = high[h] + low[l]. Exists only when
/// every string lies entirely within the low k qubits or entirely above them (for example
/// Σ g_i Z_i, the observable of a vector–Jacobian product).
struct DiagonalTables {
    /// Indexed by the low k bits.
    var low: [Double]
    /// Indexed by the remaining high bits.
    var high: [Double]

    /// The tables, or `nil` when a term has an X or Y factor or straddles the split.
    init?(_ observable: PauliSum, qubitCount n: Int) {
        let lowBits = min(n, 10)
        let lowMask = (1 << lowBits) - 1
        // Single-Z terms are summed per qubit and expanded by doubling (O(2^k) per table);
        // longer strings and constants are added term by term.
        var single = [Double](repeating: 0, count: n)
        var constant = 0.0
        var strings: [(z: Int, c: Double)] = []
        for term in observable.terms {
            guard term.string.isDiagonal else { return nil }
            let factors = term.string.factors
            switch factors.count {
            case 0: constant += term.coefficient
            case 1: single[factors[0].qubit] += term.coefficient
            default:
                let z = PauliMasks(term.string).z
                guard z & ~lowMask == 0 || z & lowMask == 0 else { return nil }
                strings.append((z, term.coefficient))
            }
        }
        /// Σ_q c_q (−1)^{bit q of i} over i < 2^count, for the qubits `first..<first + count`.
        func expand(_ first: Int, _ count: Int, start: Double) -> [Double] {
            var table = [Double](repeating: 0, count: 1 << count)
            table[0] = start + single[first..<(first + count)].reduce(0, +)
            for b in 0..<count {
                let step = -2 * single[first + b]
                for i in 0..<(1 << b) { table[i | (1 << b)] = table[i] + step }
            }
            return table
        }
        var low = expand(0, lowBits, start: constant)
        var high = expand(lowBits, n - lowBits, start: 0)
        for (z, c) in strings {
            if z & ~lowMask == 0 {
                for l in low.indices { low[l] += (l & z).nonzeroBitCount & 1 == 1 ? -c : c }
            } else {
                let zHigh = z >> lowBits
                for h in high.indices { high[h] += (h & zHigh).nonzeroBitCount & 1 == 1 ? -c : c }
            }
        }
        self.low = low
        self.high = high
    }
}

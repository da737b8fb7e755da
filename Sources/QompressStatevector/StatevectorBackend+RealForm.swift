import Numerics
import QompressCore

/// Reductions and observables on a state in real form (`isReal`), and the one-pass
/// application of diagonal observables shared by both forms.
extension StatevectorBackend {
    /// ⟨bra|P|self⟩ for one Pauli string when both states are in real form:
    /// phase · Σ_i (−1)^{|i ∧ z|} bra[i ⊕ x] · ket[i].
    func realPauliMatrixElement(_ string: PauliString, bra: UnsafeMutablePointer<Double>) -> Complex<Double> {
        if string.factors.count == 1 {
            return realSingleQubitPauliElement(string.factors[0].qubit, string.factors[0].pauli, bra: bra)
        }
        let masks = PauliMasks(string)
        let tasks = reductionTasks
        let ket = storage
        let count = amplitudeCount
        let sum = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: 0.0, { t in
            var sum = 0.0
            for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                let product = bra[i ^ masks.x] * ket[i]
                sum += (i & masks.z).nonzeroBitCount & 1 == 1 ? -product : product
            }
            return sum
        }, +)
        return masks.phase * Complex(sum)
    }

    /// ⟨bra|P_q|self⟩ for a single Pauli factor in real form, over the pairs (i, i + 2^q):
    /// s₁ = Σ b₀·a_x and s₂ = Σ b₁·a_y with (x, y) = (1, 0) for X and Y and (0, 1) for Z;
    /// X gives s₁ + s₂, Y gives i(s₂ − s₁), Z gives s₁ − s₂.
    func realSingleQubitPauliElement(_ q: Int, _ pauli: Pauli, bra: UnsafeMutablePointer<Double>) -> Complex<Double> {
        let ket = storage
        let half = 1 << q
        let runs = amplitudeCount >> (q + 1)
        let tasks = min(reductionTasks, runs)
        let crossed = pauli != .z
        /// (s₁, s₂) over the pair runs `range`.
        func sums(_ range: Range<Int>) -> (Double, Double) {
            var s1 = 0.0, s2 = 0.0
            for g in range {
                let b0 = bra + (g << (q + 1)), b1 = b0 + half
                let k0 = ket + (g << (q + 1)), k1 = k0 + half
                let x = crossed ? k1 : k0, y = crossed ? k0 : k1
                if half >= 4 {
                    var v1 = SIMD4<Double>(), v2 = SIMD4<Double>()
                    for j in Swift.stride(from: 0, to: half, by: 4) {
                        v1 += UnsafeRawPointer(b0 + j).loadUnaligned(as: SIMD4<Double>.self)
                            * UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
                        v2 += UnsafeRawPointer(b1 + j).loadUnaligned(as: SIMD4<Double>.self)
                            * UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<Double>.self)
                    }
                    s1 += v1.sum()
                    s2 += v2.sum()
                    continue
                }
                for j in 0..<half {
                    s1 += b0[j] * x[j]
                    s2 += b1[j] * y[j]
                }
            }
            return (s1, s2)
        }
        let total = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: SIMD2<Double>(), { t in
            let (s1, s2) = sums((runs * t / tasks)..<(runs * (t + 1) / tasks))
            return SIMD2(s1, s2)
        }, +)
        let (s1, s2) = (total[0], total[1])
        switch pauli {
        case .x: return Complex(s1 + s2, 0)
        case .y: return Complex(0, s2 - s1)
        case .z: return Complex(s1 - s2, 0)
        }
    }

    /// O|ψ⟩ in real form for a Pauli sum whose strings all have real phases (an even number
    /// of Y factors); `masks` are its terms' masks, in order.
    func applyRealPauliSum(_ observable: PauliSum, masks termMasks: [PauliMasks]) {
        let count = amplitudeCount
        let result = UnsafeMutablePointer<Double>.allocate(capacity: count)
        defer { result.deallocate() }
        result.initialize(repeating: 0, count: count)
        let ket = storage
        for (term, masks) in zip(observable.terms, termMasks) {
            let c = term.coefficient * masks.phase.real
            let tasks = reductionTasks
            ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                // Task t writes the images of its own indices: i ↦ i ⊕ x is a bijection.
                for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                    let value = c * ket[i]
                    result[i ^ masks.x] += (i & masks.z).nonzeroBitCount & 1 == 1 ? -value : value
                }
            }
        }
        storage.update(from: result, count: count)
    }

    /// Multiplies every amplitude by the diagonal of a Z-only observable, in one pass.
    func multiply(by diagonal: DiagonalTables) {
        let lowCount = diagonal.low.count
        let p = storage, w = doublesPerAmplitude
        diagonal.low.withUnsafeBufferPointer { low in
            diagonal.high.withUnsafeBufferPointer { high in
                ParallelLoop.forEach(tasks: high.count, threads: threads) { h in
                    let row = p + w * h * lowCount
                    let offset = high[h]
                    if w == 1 {
                        for l in 0..<lowCount { row[l] *= offset + low[l] }
                    } else {
                        for l in 0..<lowCount {
                            let d = offset + low[l]
                            row[2 * l] *= d
                            row[2 * l + 1] *= d
                        }
                    }
                }
            }
        }
    }
}

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

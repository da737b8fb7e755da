import Numerics
import QompressCore

extension StatevectorBackend {
    /// Tasks a reduction is split into: fixed for a given state size (never by thread
    /// count), so that sums are bit-identical on any number of threads; one for small states.
    var reductionTasks: Int { amplitudeCount >= 1 << 14 ? 64 : 1 }

    public func expectationsZ() -> [Double] {
        materialize()
        let n = qubitCount
        let blockBits = min(n, 10)
        let blockCount = amplitudeCount >> blockBits
        let tasks = min(blockCount, reductionTasks)
        // Per task: sums of p over bit q = 1 for the low qubits; per block: total p.
        var lowSums = [Double](repeating: 0, count: tasks * blockBits)
        var blockTotals = [Double](repeating: 0, count: blockCount)
        let p = storage
        lowSums.withUnsafeMutableBufferPointer { lowSums in
            blockTotals.withUnsafeMutableBufferPointer { totals in
                ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                    var fold = [Double](repeating: 0, count: 1 << blockBits)
                    let first = blockCount * t / tasks, last = blockCount * (t + 1) / tasks
                    for b in first..<last {
                        let base = p + 2 * (b << blockBits)
                        for k in 0..<(1 << blockBits) {
                            let r = base[2 * k], i = base[2 * k + 1]
                            fold[k] = r * r + i * i
                        }
                        var size = 1 << blockBits
                        for q in 0..<blockBits {
                            var odd = 0.0
                            for j in 0..<(size / 2) {
                                odd += fold[2 * j + 1]
                                fold[j] = fold[2 * j] + fold[2 * j + 1]
                            }
                            lowSums[t * blockBits + q] += odd
                            size /= 2
                        }
                        totals[b] = fold[0]
                    }
                }
            }
        }
        var ones = [Double](repeating: 0, count: n)
        for t in 0..<tasks { for q in 0..<blockBits { ones[q] += lowSums[t * blockBits + q] } }
        // Fold the block totals for the high qubits.
        var size = blockCount
        var fold = blockTotals
        for q in blockBits..<n {
            var odd = 0.0
            for j in 0..<(size / 2) {
                odd += fold[2 * j + 1]
                fold[j] = fold[2 * j] + fold[2 * j + 1]
            }
            ones[q] = odd
            size /= 2
        }
        let total = blockTotals.reduce(0, +)
        return ones.map { total - 2 * $0 }
    }

    public func expectation(of observable: PauliSum) throws -> Double {
        try matrixElement(of: observable, bra: self).real
    }

    public func matrixElement(of observable: PauliSum, bra: StatevectorBackend) throws -> Complex<Double> {
        try observable.validate(qubitCount: qubitCount)
        guard bra.qubitCount == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: bra.qubitCount)
        }
        materialize()
        bra.materialize()
        var result = Complex<Double>.zero
        for term in observable.terms {
            result = result + Complex(term.coefficient) * pauliMatrixElement(term.string, bra: bra.storage)
        }
        return result
    }

    /// ⟨bra|P|self⟩ for one Pauli string in one pass: P|i⟩ = i^{nY} (−1)^{|i ∧ z|} |i ⊕ x⟩.
    private func pauliMatrixElement(_ string: PauliString, bra: UnsafeMutablePointer<Double>) -> Complex<Double> {
        if string.factors.count == 1 {
            return singleQubitPauliElement(string.factors[0].qubit, string.factors[0].pauli, bra: bra)
        }
        let masks = PauliMasks(string)
        let tasks = reductionTasks
        var partial = [Double](repeating: 0, count: 2 * tasks)
        let ket = storage
        let count = amplitudeCount
        partial.withUnsafeMutableBufferPointer { partial in
            ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                var sr = 0.0, si = 0.0
                for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                    let j = i ^ masks.x
                    let kr = ket[2 * i], ki = ket[2 * i + 1]
                    let br = bra[2 * j], bi = -bra[2 * j + 1]
                    let odd = (i & masks.z).nonzeroBitCount & 1 == 1
                    let pr = br * kr - bi * ki, pi = br * ki + bi * kr
                    if odd { sr -= pr; si -= pi } else { sr += pr; si += pi }
                }
                partial[2 * t] = sr
                partial[2 * t + 1] = si
            }
        }
        var sum = Complex<Double>.zero
        for t in 0..<tasks { sum = sum + Complex(partial[2 * t], partial[2 * t + 1]) }
        return sum * masks.phase
    }

    /// ⟨bra|P_q|self⟩ for a single Pauli factor, over amplitude pairs (i, i + 2^q).
    private func singleQubitPauliElement(_ q: Int, _ pauli: Pauli, bra: UnsafeMutablePointer<Double>) -> Complex<Double> {
        let tasks = reductionTasks
        let pairs = amplitudeCount / 2
        let ket = storage
        let low = (1 << q) - 1
        // Per task: Σ conj(b0)·a0, Σ conj(b1)·a1, Σ conj(b0)·a1, Σ conj(b1)·a0 (re, im each).
        var partial = [Double](repeating: 0, count: 8 * tasks)
        partial.withUnsafeMutableBufferPointer { partial in
            ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                var s = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
                for k in (pairs * t / tasks)..<(pairs * (t + 1) / tasks) {
                    let i0 = ((k & ~low) << 1) | (k & low), i1 = i0 | (low + 1)
                    let a0r = ket[2 * i0], a0i = ket[2 * i0 + 1], a1r = ket[2 * i1], a1i = ket[2 * i1 + 1]
                    let b0r = bra[2 * i0], b0i = bra[2 * i0 + 1], b1r = bra[2 * i1], b1i = bra[2 * i1 + 1]
                    s.0 += b0r * a0r + b0i * a0i; s.1 += b0r * a0i - b0i * a0r
                    s.2 += b1r * a1r + b1i * a1i; s.3 += b1r * a1i - b1i * a1r
                    s.4 += b0r * a1r + b0i * a1i; s.5 += b0r * a1i - b0i * a1r
                    s.6 += b1r * a0r + b1i * a0i; s.7 += b1r * a0i - b1i * a0r
                }
                let base = 8 * t
                partial[base] = s.0; partial[base + 1] = s.1; partial[base + 2] = s.2; partial[base + 3] = s.3
                partial[base + 4] = s.4; partial[base + 5] = s.5; partial[base + 6] = s.6; partial[base + 7] = s.7
            }
        }
        var sums = [Double](repeating: 0, count: 8)
        for t in 0..<tasks { for k in 0..<8 { sums[k] += partial[8 * t + k] } }
        let d00 = Complex(sums[0], sums[1]), d11 = Complex(sums[2], sums[3])
        let d01 = Complex(sums[4], sums[5]), d10 = Complex(sums[6], sums[7])
        switch pauli {
        case .x: return d01 + d10
        case .y: return Complex(0, -1) * d01 + Complex(0, 1) * d10
        case .z: return d00 - d11
        }
    }

    public func applyPauliSum(_ observable: PauliSum) throws {
        try observable.validate(qubitCount: qubitCount)
        materialize()
        let result = UnsafeMutablePointer<Double>.allocate(capacity: 2 * amplitudeCount)
        defer { result.deallocate() }
        result.initialize(repeating: 0, count: 2 * amplitudeCount)
        let ket = storage
        let count = amplitudeCount
        for term in observable.terms {
            let masks = PauliMasks(term.string)
            let c = Complex(term.coefficient) * masks.phase
            let cr = c.real, ci = c.imaginary
            let tasks = reductionTasks
            ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                    let sign: Double = (i & masks.z).nonzeroBitCount & 1 == 1 ? -1 : 1
                    let kr = sign * ket[2 * i], ki = sign * ket[2 * i + 1]
                    let j = i ^ masks.x
                    result[2 * j] += cr * kr - ci * ki
                    result[2 * j + 1] += cr * ki + ci * kr
                }
            }
        }
        storage.update(from: result, count: 2 * amplitudeCount)
    }

    public func innerProduct(with other: StatevectorBackend) throws -> Complex<Double> {
        try other.matrixElement(of: PauliSum(.identity), bra: self)
    }

    public func norm() -> Double {
        materialize()
        let tasks = reductionTasks
        var partial = [Double](repeating: 0, count: tasks)
        let p = storage, count = amplitudeCount
        partial.withUnsafeMutableBufferPointer { partial in
            ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                var s = 0.0
                for k in (2 * count * t / tasks)..<(2 * count * (t + 1) / tasks) { s += p[k] * p[k] }
                partial[t] = s
            }
        }
        return partial.reduce(0, +).squareRoot()
    }

    public func amplitude(of basisState: Bitstring) throws -> Complex<Double> {
        guard basisState.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: basisState.count)
        }
        materialize()
        let i = try basisState.index()
        return Complex(storage[2 * i], storage[2 * i + 1])
    }

    public func probabilities() throws -> [Double] {
        materialize()
        let p = storage
        return (0..<amplitudeCount).map { p[2 * $0] * p[2 * $0] + p[2 * $0 + 1] * p[2 * $0 + 1] }
    }

    public func statevector() throws -> [Complex<Double>] {
        materialize()
        let p = storage
        return (0..<amplitudeCount).map { Complex(p[2 * $0], p[2 * $0 + 1]) }
    }

    public func sample<G: RandomNumberGenerator>(shots: Int, using generator: inout G) throws -> [Bitstring] {
        guard shots >= 0 else { throw SimulationError.invalidArgument("shots must be non-negative, got \(shots)") }
        if shots == 0 { return [] }
        var cumulative = try probabilities()
        for k in 1..<cumulative.count { cumulative[k] += cumulative[k - 1] }
        let total = cumulative[cumulative.count - 1]
        guard total > 0, total.isFinite else { throw SimulationError.zeroNorm }
        var result: [Bitstring] = []
        result.reserveCapacity(shots)
        for _ in 0..<shots {
            let u = Double.random(in: 0..<1, using: &generator) * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            result.append(Bitstring(index: lo, qubitCount: qubitCount))
        }
        return result
    }
}

/// The bit masks and phase of a Pauli string: P|i⟩ = phase · (−1)^{|i ∧ z|} |i ⊕ x⟩.
struct PauliMasks {
    var x = 0, z = 0
    var phase = Complex<Double>.one

    init(_ string: PauliString) {
        var yCount = 0
        for f in string.factors {
            switch f.pauli {
            case .x: x |= 1 << f.qubit
            case .z: z |= 1 << f.qubit
            case .y: x |= 1 << f.qubit; z |= 1 << f.qubit; yCount += 1
            }
        }
        let phases: [Complex<Double>] = [.one, Complex(0, 1), -.one, Complex(0, -1)]
        phase = phases[yCount % 4]
    }
}

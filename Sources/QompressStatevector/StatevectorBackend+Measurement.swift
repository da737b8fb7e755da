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
        let p = storage, real = isReal
        lowSums.withUnsafeMutableBufferPointer { lowSums in
            blockTotals.withUnsafeMutableBufferPointer { totals in
                ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                    var fold = [Double](repeating: 0, count: 1 << blockBits)
                    let first = blockCount * t / tasks, last = blockCount * (t + 1) / tasks
                    for b in first..<last {
                        if real {
                            let base = p + (b << blockBits)
                            for k in 0..<(1 << blockBits) { fold[k] = base[k] * base[k] }
                        } else {
                            let base = p + 2 * (b << blockBits)
                            for k in 0..<(1 << blockBits) {
                                let r = base[2 * k], i = base[2 * k + 1]
                                fold[k] = r * r + i * i
                            }
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
        settle()
        bra.settle()
        var result = Complex<Double>.zero
        for term in observable.terms {
            let element: Complex<Double>
            switch (isReal, bra.isReal) {
            case (true, true): element = realPauliMatrixElement(term.string, bra: bra.storage)
            case (false, false): element = pauliMatrixElement(term.string, bra: bra.storage)
            case (true, false), (false, true): element = mixedFormMatrixElement(term.string, bra: bra)
            }
            result = result + Complex(term.coefficient) * element
        }
        return result
    }

    /// ⟨bra|P|self⟩ when exactly one of the two registers is in real form, reading each in the
    /// form it has (a read does not convert either register): with P|i⟩ = phase (−1)^{|i ∧ z|}
    /// |i ⊕ x⟩, the element is phase · Σ_i (−1)^{|i ∧ z|} conj(bra[i ⊕ x]) ψ[i], summed over a
    /// fixed partition.
    private func mixedFormMatrixElement(_ string: PauliString, bra: StatevectorBackend) -> Complex<Double> {
        let masks = PauliMasks(string)
        let ket = storage, braStorage = bra.storage, ketIsReal = isReal, braIsReal = bra.isReal
        let count = amplitudeCount, tasks = reductionTasks
        let sum = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: SIMD2<Double>(), { t in
            var re = 0.0, im = 0.0
            for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                let j = i ^ masks.x
                let sign: Double = (i & masks.z).nonzeroBitCount & 1 == 0 ? 1 : -1
                let kr = ketIsReal ? ket[i] : ket[2 * i], ki = ketIsReal ? 0 : ket[2 * i + 1]
                let br = braIsReal ? braStorage[j] : braStorage[2 * j], bi = braIsReal ? 0 : braStorage[2 * j + 1]
                re += sign * (br * kr + bi * ki)
                im += sign * (br * ki - bi * kr)
            }
            return SIMD2(re, im)
        }, +)
        return masks.phase * Complex(sum.x, sum.y)
    }

    /// ⟨bra|P|self⟩ for one Pauli string in one pass: P|i⟩ = i^{nY} (−1)^{|i ∧ z|} |i ⊕ x⟩.
    private func pauliMatrixElement(_ string: PauliString, bra: UnsafeMutablePointer<Double>) -> Complex<Double> {
        if string.factors.count == 1 {
            return singleQubitPauliElement(string.factors[0].qubit, string.factors[0].pauli, bra: bra)
        }
        let masks = PauliMasks(string)
        let tasks = reductionTasks
        let ket = storage
        let count = amplitudeCount
        let sum = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: Complex<Double>.zero, { t in
            var sr = 0.0, si = 0.0
            for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                let j = i ^ masks.x
                let kr = ket[2 * i], ki = ket[2 * i + 1]
                let br = bra[2 * j], bi = -bra[2 * j + 1]
                let odd = (i & masks.z).nonzeroBitCount & 1 == 1
                let pr = br * kr - bi * ki, pi = br * ki + bi * kr
                if odd { sr -= pr; si -= pi } else { sr += pr; si += pi }
            }
            return Complex(sr, si)
        }, +)
        return sum * masks.phase
    }

    /// ⟨bra|P_q|self⟩ for a single Pauli factor, over amplitude pairs (i, i + 2^q) walked in
    /// contiguous runs. With a = ψ, b = bra and the pair (0, 1), s₁ = Σ b̄₀·a_x and
    /// s₂ = Σ b̄₁·a_y, where (x, y) = (1, 0) for X and Y and (0, 1) for Z:
    /// X gives s₁ + s₂, Y gives −i s₁ + i s₂, Z gives s₁ − s₂.
    private func singleQubitPauliElement(_ q: Int, _ pauli: Pauli, bra: UnsafeMutablePointer<Double>) -> Complex<Double> {
        let ket = storage
        let half = 1 << q
        let runs = amplitudeCount >> (q + 1)
        let tasks = min(reductionTasks, runs)
        let crossed = pauli != .z
        let sums = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: SIMD4<Double>(), { t in
            var r1 = 0.0, i1 = 0.0, r2 = 0.0, i2 = 0.0
            for g in (runs * t / tasks)..<(runs * (t + 1) / tasks) {
                let b0 = bra + 2 * (g << (q + 1)), b1 = b0 + 2 * half
                let k0 = ket + 2 * (g << (q + 1)), k1 = k0 + 2 * half
                let x = crossed ? k1 : k0, y = crossed ? k0 : k1
                if half >= 2 {
                    // Two complex numbers (four doubles) per step: re += b·x lane-wise,
                    // im += b·(x_im, −x_re) lane-wise; lanes are summed at the end.
                    let sign = SIMD4<Double>(1, -1, 1, -1)
                    var re1 = SIMD4<Double>(), im1 = SIMD4<Double>(), re2 = SIMD4<Double>(), im2 = SIMD4<Double>()
                    for j in stride(from: 0, to: 2 * half, by: 4) {
                        let bv = UnsafeRawPointer(b0 + j).loadUnaligned(as: SIMD4<Double>.self)
                        let cv = UnsafeRawPointer(b1 + j).loadUnaligned(as: SIMD4<Double>.self)
                        let xv = UnsafeRawPointer(x + j).loadUnaligned(as: SIMD4<Double>.self)
                        let yv = UnsafeRawPointer(y + j).loadUnaligned(as: SIMD4<Double>.self)
                        re1 += bv * xv
                        im1 += bv * SIMD4(xv[1], xv[0], xv[3], xv[2]) * sign
                        re2 += cv * yv
                        im2 += cv * SIMD4(yv[1], yv[0], yv[3], yv[2]) * sign
                    }
                    r1 += re1.sum(); i1 += im1.sum(); r2 += re2.sum(); i2 += im2.sum()
                    continue
                }
                for j in 0..<half {
                    let br = b0[2 * j], bi = b0[2 * j + 1], cr = b1[2 * j], ci = b1[2 * j + 1]
                    let xr = x[2 * j], xi = x[2 * j + 1], yr = y[2 * j], yi = y[2 * j + 1]
                    r1 += br * xr + bi * xi
                    i1 += br * xi - bi * xr
                    r2 += cr * yr + ci * yi
                    i2 += cr * yi - ci * yr
                }
            }
            return SIMD4(r1, i1, r2, i2)
        }, +)
        let (r1, i1, r2, i2) = (sums[0], sums[1], sums[2], sums[3])
        switch pauli {
        case .x: return Complex(r1 + r2, i1 + i2)
        case .y: return Complex(i1 - i2, r2 - r1)
        case .z: return Complex(r1 - r2, i1 - i2)
        }
    }

    public func applyPauliSum(_ observable: PauliSum) throws {
        try observable.validate(qubitCount: qubitCount)
        materialize()
        if let diagonal = DiagonalTables(observable, qubitCount: qubitCount) {
            multiply(by: diagonal)
            return
        }
        if isReal {
            // A string with an odd number of Y factors has an imaginary phase.
            let masks = observable.terms.map { PauliMasks($0.string) }
            if masks.allSatisfy({ $0.phase.imaginary == 0 }) {
                applyRealPauliSum(observable, masks: masks)
                return
            }
            makeComplex()
        }
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
        let p = storage, doubles = amplitudeCount * doublesPerAmplitude
        return ParallelLoop.reduce(tasks: tasks, threads: threads, initial: 0.0, { t in
            var s = 0.0
            for k in (doubles * t / tasks)..<(doubles * (t + 1) / tasks) { s += p[k] * p[k] }
            return s
        }, +).squareRoot()
    }

    public func amplitude(of basisState: Bitstring) throws -> Complex<Double> {
        guard basisState.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: basisState.count)
        }
        materialize()
        let i = try basisState.index()
        return isReal ? Complex(storage[i], 0) : Complex(storage[2 * i], storage[2 * i + 1])
    }

    public func probabilities() throws -> [Double] {
        materialize()
        let p = storage
        if isReal { return (0..<amplitudeCount).map { p[$0] * p[$0] } }
        return (0..<amplitudeCount).map { p[2 * $0] * p[2 * $0] + p[2 * $0 + 1] * p[2 * $0 + 1] }
    }

    public func statevector() throws -> [Complex<Double>] {
        materialize()
        let p = storage
        if isReal { return (0..<amplitudeCount).map { Complex(p[$0], 0) } }
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

import Numerics
import QompressCore

/// Expectations and matrix elements ⟨bra|O|ψ⟩ of Pauli sums, one string at a time, each loop
/// written once over the `AmplitudeLayout`s of the two registers' forms.
extension StatevectorBackend {
    /// A sum of Z strings (Σ_q c_q Z_q, the observable of a gradient of all ⟨Z_i⟩) is read in one
    /// pass, Σ_i |ψ_i|² d(i) with the diagonal's two tables, instead of one pass per term.
    public func expectation(of observable: PauliSum) throws -> Double {
        try observable.validate(qubitCount: qubitCount)
        guard observable.terms.count > 1, let diagonal = DiagonalTables(observable, qubitCount: qubitCount) else {
            return try matrixElement(of: observable, bra: self).real
        }
        settle()
        return storage.isReal ? expectation(of: diagonal, RealLayout.self) : expectation(of: diagonal, ComplexLayout.self)
    }

    /// Σ_i |ψ_i|² (high[h] + low[l]) over i = h·2^k + l, by rows h in a partition fixed by the size.
    private func expectation<Layout: AmplitudeLayout>(of diagonal: DiagonalTables, _: Layout.Type) -> Double {
        let lowCount = diagonal.low.count, rows = diagonal.high.count
        let p = UnsafePointer(storage.buffer), w = Layout.doublesPerAmplitude
        let tasks = min(reductionTasks, rows)
        return diagonal.low.withUnsafeBufferPointer { low in
            diagonal.high.withUnsafeBufferPointer { high in
                ParallelLoop.reduce(tasks: tasks, threads: threads, initial: 0.0, { task in
                    // Four partial sums, so that the loop is not one chain of dependent additions.
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                    for h in (rows * task / tasks)..<(rows * (task + 1) / tasks) {
                        let row = p + w * h * lowCount
                        let offset = high[h]
                        var l = 0
                        while l + 4 <= lowCount {
                            s0 += Layout.probability(row, l) * (offset + low[l])
                            s1 += Layout.probability(row, l + 1) * (offset + low[l + 1])
                            s2 += Layout.probability(row, l + 2) * (offset + low[l + 2])
                            s3 += Layout.probability(row, l + 3) * (offset + low[l + 3])
                            l += 4
                        }
                        while l < lowCount {
                            s0 += Layout.probability(row, l) * (offset + low[l])
                            l += 1
                        }
                    }
                    return (s0 + s1) + (s2 + s3)
                }, +)
            }
        }
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
            // A read converts neither register: mixed forms are read as they are.
            switch (storage.isReal, bra.storage.isReal) {
            case (true, true): element = pauliMatrixElement(term.string, bra: bra, RealLayout.self)
            case (false, false): element = pauliMatrixElement(term.string, bra: bra, ComplexLayout.self)
            case (true, false): element = mixedFormMatrixElement(term.string, bra: bra, RealLayout.self, ComplexLayout.self)
            case (false, true): element = mixedFormMatrixElement(term.string, bra: bra, ComplexLayout.self, RealLayout.self)
            }
            result = result + Complex(term.coefficient) * element
        }
        return result
    }

    /// ⟨bra|P|self⟩ for one Pauli string when both registers are written out in `Layout`, in one
    /// pass: P|i⟩ = phase · (−1)^{|i ∧ z|} |i ⊕ x⟩, summed over a fixed partition.
    private func pauliMatrixElement<Layout: AmplitudeLayout>(_ string: PauliString, bra: StatevectorBackend,
                                                             _: Layout.Type) -> Complex<Double> {
        if string.factors.count == 1 {
            return singleQubitPauliElement(string.factors[0].qubit, string.factors[0].pauli, bra: bra, Layout.self)
        }
        let masks = PauliMasks(string)
        let tasks = reductionTasks
        let ket = storage.buffer, braAmplitudes = bra.storage.buffer
        let count = amplitudeCount
        let sum = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: Layout.zeroSum, { t in
            var sum = Layout.zeroSum
            for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                Layout.accumulate(&sum, Layout.conjugateProduct(bra: braAmplitudes, i ^ masks.x, ket: ket, i),
                                  negated: (i & masks.z).nonzeroBitCount & 1 == 1)
            }
            return sum
        }, Layout.combine)
        return Layout.complex(sum) * masks.phase
    }

    /// ⟨bra|P_q|self⟩ for a single Pauli factor, from the pair sums s₁ and s₂ of
    /// `AmplitudeLayout.pairSums`: X gives s₁ + s₂, Y gives −i s₁ + i s₂, Z gives s₁ − s₂.
    private func singleQubitPauliElement<Layout: AmplitudeLayout>(_ q: Int, _ pauli: Pauli, bra: StatevectorBackend,
                                                                  _: Layout.Type) -> Complex<Double> {
        let ket = storage.buffer, braAmplitudes = bra.storage.buffer
        let runs = amplitudeCount >> (q + 1)
        let tasks = min(reductionTasks, runs)
        let crossed = pauli != .z
        let sums = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: PauliPairSums(), { t in
            Layout.pairSums(bra: braAmplitudes, ket: ket, qubit: q, runs: (runs * t / tasks)..<(runs * (t + 1) / tasks),
                            crossed: crossed)
        }, +)
        let (r1, i1, r2, i2) = (sums.s1.real, sums.s1.imaginary, sums.s2.real, sums.s2.imaginary)
        switch pauli {
        case .x: return Complex(r1 + r2, i1 + i2)
        case .y: return Complex(i1 - i2, r2 - r1)
        case .z: return Complex(r1 - r2, i1 - i2)
        }
    }

    /// ⟨bra|P|self⟩ when the registers are in different forms (`Ket` and `Bra`), reading each in
    /// the form it has: phase · Σ_i (−1)^{|i ∧ z|} conj(bra[i ⊕ x]) ψ[i], summed over a fixed
    /// partition.
    private func mixedFormMatrixElement<Ket: AmplitudeLayout, Bra: AmplitudeLayout>(
        _ string: PauliString, bra: StatevectorBackend, _: Ket.Type, _: Bra.Type
    ) -> Complex<Double> {
        let masks = PauliMasks(string)
        let ket = storage.buffer, braAmplitudes = bra.storage.buffer
        let count = amplitudeCount, tasks = reductionTasks
        let sum = ParallelLoop.reduce(tasks: tasks, threads: threads, initial: Complex<Double>.zero, { t in
            var re = 0.0, im = 0.0
            for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                let sign: Double = (i & masks.z).nonzeroBitCount & 1 == 0 ? 1 : -1
                let (kr, ki) = Ket.amplitude(ket, i)
                let (br, bi) = Bra.amplitude(braAmplitudes, i ^ masks.x)
                re += sign * (br * kr + bi * ki)
                im += sign * (br * ki - bi * kr)
            }
            return Complex(re, im)
        }, +)
        return masks.phase * sum
    }

    public func innerProduct(with other: StatevectorBackend) throws -> Complex<Double> {
        try other.matrixElement(of: PauliSum(.identity), bra: self)
    }
}

import Numerics
import QompressCore

/// O|ψ⟩ for a Pauli sum O: one pass of multiplications for a Z-only sum with separable
/// tables, else one pass per string into a new buffer; both written once over the
/// `AmplitudeLayout` of the register's form.
extension StatevectorBackend {
    public func applyPauliSum(_ observable: PauliSum) throws {
        try observable.validate(qubitCount: qubitCount)
        settle()
        if let diagonal = DiagonalTables(observable, qubitCount: qubitCount) {
            if storage.isReal { multiply(by: diagonal, RealLayout.self) } else { multiply(by: diagonal, ComplexLayout.self) }
            return
        }
        let masks = observable.terms.map { PauliMasks($0.string) }
        if storage.isReal {
            // A string with an odd number of Y factors has an imaginary phase.
            if masks.allSatisfy({ $0.phase.imaginary == 0 }) {
                applyPauliSum(observable, masks: masks, RealLayout.self)
                return
            }
            storage.makeComplex()
        }
        applyPauliSum(observable, masks: masks, ComplexLayout.self)
    }

    /// O|ψ⟩ for a register written out in `Layout` (in real form every string's phase must be
    /// real); `masks` are the terms' masks, in order.
    private func applyPauliSum<Layout: AmplitudeLayout>(_ observable: PauliSum, masks termMasks: [PauliMasks],
                                                        _: Layout.Type) {
        let count = amplitudeCount
        let doubles = Layout.doublesPerAmplitude * count
        let result = UnsafeMutablePointer<Double>.allocate(capacity: doubles)
        defer { result.deallocate() }
        result.initialize(repeating: 0, count: doubles)
        let ket = storage.buffer
        for (term, masks) in zip(observable.terms, termMasks) {
            let c = Complex(term.coefficient) * masks.phase
            let tasks = reductionTasks
            ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                // Task t writes the images of its own indices: i ↦ i ⊕ x is a bijection.
                for i in (count * t / tasks)..<(count * (t + 1) / tasks) {
                    let sign: Double = (i & masks.z).nonzeroBitCount & 1 == 1 ? -1 : 1
                    Layout.addImage(result, i ^ masks.x, of: ket, i, sign: sign, times: c)
                }
            }
        }
        storage.update(from: result)
    }

    /// Multiplies every amplitude of a register written out in `Layout` by the diagonal of a
    /// Z-only observable, in one pass.
    private func multiply<Layout: AmplitudeLayout>(by diagonal: DiagonalTables, _: Layout.Type) {
        let lowCount = diagonal.low.count
        let p = storage.buffer, w = Layout.doublesPerAmplitude
        diagonal.low.withUnsafeBufferPointer { low in
            diagonal.high.withUnsafeBufferPointer { high in
                ParallelLoop.forEach(tasks: high.count, threads: threads) { h in
                    let row = p + w * h * lowCount
                    let offset = high[h]
                    for l in 0..<lowCount { Layout.scale(row, l, by: offset + low[l]) }
                }
            }
        }
    }
}

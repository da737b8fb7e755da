import Numerics
import QompressCore

extension StatevectorBatch {
    public func expectationsZ() -> [[Double]] {
        let n = qubitCount
        let totals = UnsafeMutablePointer<Double>.allocate(capacity: n * width)
        defer { totals.deallocate() }
        kernels.batchExpectationsZ(rows, width: width, count: rowCount, masks: frame.rows, totals: totals)
        return (0..<sampleCount).map { b in (0..<n).map { totals[$0 * width + b] } }
    }

    public func applyWeightedZ(_ coefficients: [[Double]]) throws {
        guard coefficients.count == sampleCount else {
            throw SimulationError.qubitCountMismatch(expected: sampleCount, got: coefficients.count)
        }
        if let bad = coefficients.first(where: { $0.count != qubitCount }) {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: bad.count)
        }
        guard coefficients.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw SimulationError.invalidArgument("the coefficients of Σ g_q Z_q must be finite")
        }
        let n = qubitCount
        // g[q] as a row of lanes (zero on the padding lanes).
        let g = UnsafeMutablePointer<Double>.allocate(capacity: n * width)
        defer { g.deallocate() }
        g.initialize(repeating: 0, count: n * width)
        for (b, row) in coefficients.enumerated() { for q in 0..<n { g[q * width + b] = row[q] } }
        kernels.batchWeightedZ(rows, width: width, count: rowCount, masks: frame.rows, coefficients: g)
    }

    /// ⟨λ_b|O|ψ_b⟩ of every sample for a Pauli sum O, with this batch holding ψ.
    func matrixElements(of observable: PauliSum, bra lambda: StatevectorBatch) -> [Complex<Double>] {
        var elements = [Complex<Double>](repeating: .zero, count: sampleCount)
        for term in observable.terms {
            // P|i⟩ = phase · (−1)^{|i ∧ z|} |i ⊕ x⟩ on logical indices; in rows, the flip is
            // L⁻¹x and the sign the parity with the rows of z.
            let masks = PauliMasks(term.string)
            let flip = frame.flipMask(ofLogical: masks.x), sign = frame.parityMask(ofLogical: masks.z)
            sums.update(repeating: 0, count: width)
            for s in 0..<rowCount {
                BatchRows.accumulate(sums, lambda.row(s ^ flip), row(s), negative: parity(s & sign) == 1, width: width)
            }
            for b in 0..<sampleCount { elements[b] = elements[b] + masks.phase * Complex(term.coefficient * sums[b]) }
        }
        return elements
    }
}

import Numerics
import QompressCore

extension StatevectorBatch {
    public func adjointStep(matrixElementsOf observables: [PauliSum], lambda: StatevectorBatch, thenRun inverse: Circuit?,
                            parameters: [ParameterValues]) throws -> [[Complex<Double>]] {
        guard lambda.qubitCount == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: lambda.qubitCount)
        }
        guard lambda.sampleCount == sampleCount, lambda !== self, lambda.frame == frame else {
            throw SimulationError.invalidArgument("ψ and λ must be two batches of \(sampleCount) samples evolved alike")
        }
        for observable in observables { try observable.validate(qubitCount: qubitCount) }
        if let inverse { try check(inverse, parameters) }
        guard parameters.count == sampleCount else {
            throw SimulationError.qubitCountMismatch(expected: sampleCount, got: parameters.count)
        }
        // A rotation RY_q of the group whose generator Y_q is one of the observables is measured
        // in the pass that un-applies it (they commute, so before or after gives the same value).
        var fusedWith = [Int?](repeating: nil, count: inverse?.instructions.count ?? 0)
        var fused = Set<Int>()
        for (i, instruction) in (inverse?.instructions ?? []).enumerated() {
            guard case .ry = instruction.gate else { continue }
            let q = instruction.qubits[0]
            if let k = observables.indices.first(where: { !fused.contains($0) && Self.isY(observables[$0], on: q) }) {
                fusedWith[i] = k
                fused.insert(k)
            }
        }
        var elements = [[Complex<Double>]](repeating: [], count: observables.count)
        for k in observables.indices where !fused.contains(k) {
            elements[k] = matrixElements(of: observables[k], bra: lambda)
        }
        guard let inverse else { return elements }
        let shared = Self.sharesWeights(parameters)
        for (i, instruction) in inverse.instructions.enumerated() {
            guard let k = fusedWith[i], case .ry(let angle) = instruction.gate else {
                try apply(instruction, parameters, sharedWeights: shared, registers: [self, lambda])
                continue
            }
            try laneHalfAngles(angle, parameters, sharedWeights: shared)
            sums.update(repeating: 0, count: width)
            let q = instruction.qubits[0]
            kernels.batchRotateBoth(pairs(of: q), rows, lambda.rows, cosines: cosines, sines: sines, sums: sums)
            // ⟨λ|Y|ψ⟩ = i Σ (λ₁ψ₀ − λ₀ψ₁).
            elements[k] = (0..<sampleCount).map { Complex(0, sums[$0]) }
        }
        return elements
    }

    /// Whether `observable` is exactly Y on qubit `q`.
    private static func isY(_ observable: PauliSum, on q: Int) -> Bool {
        guard observable.terms.count == 1, let term = observable.terms.first, term.coefficient == 1,
              term.string.factors.count == 1, let factor = term.string.factors.first else { return false }
        return factor.qubit == q && factor.pauli == .y
    }
}

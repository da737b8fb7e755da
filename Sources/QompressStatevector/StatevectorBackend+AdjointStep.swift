import Numerics
import QompressCore

extension StatevectorBackend {
    /// The adjoint step, fused for the common case of a layer of real one-qubit rotations
    /// (the RY layers of a dressed circuit): one pass per gate over both registers computes
    /// the gate's matrix elements and un-applies it from ψ and λ, where the separate step
    /// needs one pass for each matrix element and one per gate per register. Any other group
    /// takes the separate step.
    public func adjointStep(matrixElementsOf observables: [PauliSum], lambda: StatevectorBackend,
                            thenRun inverse: Circuit?, parameters: ParameterValues) throws -> [Complex<Double>] {
        if let inverse, let fused = try fusedRotationStep(observables, lambda, inverse, parameters) {
            return fused
        }
        return try separateAdjointStep(matrixElementsOf: observables, lambda: lambda, thenRun: inverse,
                                       parameters: parameters)
    }

    /// The fused step, or `nil` when it does not apply: both registers must be written out in
    /// real form, `inverse` must consist of one-qubit real gates on distinct qubits, and every
    /// observable must be one Pauli factor (times a coefficient) on one of those qubits.
    private func fusedRotationStep(_ observables: [PauliSum], _ lambda: StatevectorBackend, _ inverse: Circuit,
                                   _ parameters: ParameterValues) throws -> [Complex<Double>]? {
        guard lambda !== self, lambda.qubitCount == qubitCount, inverse.qubitCount == qubitCount,
              storage.isReal, lambda.storage.isReal else { return nil }
        var gates: [(qubit: Int, m: Matrix2)] = []
        gates.reserveCapacity(inverse.count)
        var rotated: UInt64 = 0
        for instruction in inverse.instructions {
            guard instruction.gate.arity == 1 else { return nil }
            let q = instruction.qubits[0]
            guard rotated & (1 << q) == 0 else { return nil }
            let m = try Matrix2.of(instruction.gate, parameters)
            guard m.isReal else { return nil }
            rotated |= 1 << q
            gates.append((q, m))
        }
        // Per observable: its qubit, Pauli and coefficient.
        var wanted: [(qubit: Int, pauli: Pauli, coefficient: Double)] = []
        wanted.reserveCapacity(observables.count)
        for observable in observables {
            guard observable.terms.count == 1, observable.terms[0].string.factors.count == 1 else { return nil }
            let factor = observable.terms[0].string.factors[0]
            guard factor.qubit < qubitCount, rotated & (1 << factor.qubit) != 0 else { return nil }
            wanted.append((factor.qubit, factor.pauli, observable.terms[0].coefficient))
        }
        var results = [Complex<Double>](repeating: .zero, count: observables.count)
        for gate in gates {
            let measured = wanted.contains { $0.qubit == gate.qubit }
            let sums = rotateBoth(lambda, qubit: gate.qubit, gate.m, measuring: measured)
            for (k, w) in wanted.enumerated() where w.qubit == gate.qubit {
                // ⟨λ|P|ψ⟩ from the four pair sums (a_xy = Σ λ_x ψ_y over the pairs of the qubit).
                let value: Complex<Double>
                switch w.pauli {
                case .x: value = Complex(sums.a01 + sums.a10, 0)
                case .y: value = Complex(0, sums.a10 - sums.a01)
                case .z: value = Complex(sums.a00 - sums.a11, 0)
                }
                results[k] = Complex(w.coefficient) * value
            }
        }
        return results
    }

    /// Applies the real 2×2 `m` on `qubit` to both registers (real form) in one pass, and
    /// returns the pair sums before the gate when `measuring`. Summation runs over a partition
    /// fixed by the state size, so the sums do not depend on the thread count.
    private func rotateBoth(_ lambda: StatevectorBackend, qubit q: Int, _ m: Matrix2, measuring: Bool) -> PairSums {
        let psi = storage.buffer, lam = lambda.storage.buffer
        let runs = amplitudeCount >> (q + 1)
        let tasks = min(reductionTasks, runs)
        let a = m.r00, b = m.r01, c = m.r10, d = m.r11
        // Both registers' loops must be the same instruction set's (as their configurations
        // normally make them); otherwise the portable ones.
        let loops = kernels.instructionSet == lambda.kernels.instructionSet ? kernels : KernelSet.entry(.portable)
        return ParallelLoop.reduce(tasks: tasks, threads: threads, initial: PairSums(), {
            loops.rotateBoth(psi, lam, qubit: q, runs: (runs * $0 / tasks)..<(runs * ($0 + 1) / tasks), a, b, c, d,
                             measuring: measuring)
        }, +)
    }
}

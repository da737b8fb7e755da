import CQompressKernels
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
              lazyProduct == nil, lambda.lazyProduct == nil, isReal, lambda.isReal else { return nil }
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

    /// The four pair sums a_xy = Σ λ_x ψ_y over the amplitude pairs (x, y ∈ {0, 1} the value of
    /// the qubit), taken before the gate.
    struct PairSums {
        var a00 = 0.0, a01 = 0.0, a10 = 0.0, a11 = 0.0

        static func + (l: PairSums, r: PairSums) -> PairSums {
            PairSums(a00: l.a00 + r.a00, a01: l.a01 + r.a01, a10: l.a10 + r.a10, a11: l.a11 + r.a11)
        }
    }

    /// Applies the real 2×2 `m` on `qubit` to both registers (real form) in one pass, and
    /// returns the pair sums before the gate when `measuring`. Summation runs over a partition
    /// fixed by the state size, so the sums do not depend on the thread count.
    private func rotateBoth(_ lambda: StatevectorBackend, qubit q: Int, _ m: Matrix2, measuring: Bool) -> PairSums {
        let psi = storage, lam = lambda.storage
        let half = 1 << q
        let runs = amplitudeCount >> (q + 1)
        let tasks = min(reductionTasks, runs)
        let a = m.r00, b = m.r01, c = m.r10, d = m.r11
        let avx = usesAVX2 && lambda.usesAVX2

        /// The pass over the pair runs in `range`.
        func pass(_ range: Range<Int>) -> PairSums {
            var sums = PairSums()
            if avx {
                var s = (0.0, 0.0, 0.0, 0.0)
                withUnsafeMutableBytes(of: &s) { raw in
                    let sums = raw.baseAddress!.assumingMemoryBound(to: Double.self)
                    if half >= 4 {
                        qk_rotate_both(psi, lam, half, range.lowerBound, range.upperBound, a, b, c, d,
                                       measuring ? 1 : 0, sums)
                    } else {
                        qk_rotate_both_low(psi, lam, Int32(q), range.lowerBound, range.upperBound, a, b, c, d,
                                           measuring ? 1 : 0, sums)
                    }
                }
                return PairSums(a00: s.0, a01: s.1, a10: s.2, a11: s.3)
            }
            for g in range {
                let k0 = psi + (g << (q + 1)), k1 = k0 + half
                let l0 = lam + (g << (q + 1)), l1 = l0 + half
                if half >= 4 {
                    var s00 = SIMD4<Double>(), s01 = SIMD4<Double>(), s10 = SIMD4<Double>(), s11 = SIMD4<Double>()
                    for j in Swift.stride(from: 0, to: half, by: 4) {
                        let p0 = UnsafeRawPointer(k0 + j).loadUnaligned(as: SIMD4<Double>.self)
                        let p1 = UnsafeRawPointer(k1 + j).loadUnaligned(as: SIMD4<Double>.self)
                        let x0 = UnsafeRawPointer(l0 + j).loadUnaligned(as: SIMD4<Double>.self)
                        let x1 = UnsafeRawPointer(l1 + j).loadUnaligned(as: SIMD4<Double>.self)
                        if measuring {
                            s00 += x0 * p0; s01 += x0 * p1; s10 += x1 * p0; s11 += x1 * p1
                        }
                        UnsafeMutableRawPointer(k0 + j).storeBytes(of: a * p0 + b * p1, as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(k1 + j).storeBytes(of: c * p0 + d * p1, as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(l0 + j).storeBytes(of: a * x0 + b * x1, as: SIMD4<Double>.self)
                        UnsafeMutableRawPointer(l1 + j).storeBytes(of: c * x0 + d * x1, as: SIMD4<Double>.self)
                    }
                    if measuring {
                        sums.a00 += s00.sum(); sums.a01 += s01.sum(); sums.a10 += s10.sum(); sums.a11 += s11.sum()
                    }
                    continue
                }
                for j in 0..<half {
                    let p0 = k0[j], p1 = k1[j], x0 = l0[j], x1 = l1[j]
                    if measuring {
                        sums.a00 += x0 * p0; sums.a01 += x0 * p1; sums.a10 += x1 * p0; sums.a11 += x1 * p1
                    }
                    k0[j] = a * p0 + b * p1
                    k1[j] = c * p0 + d * p1
                    l0[j] = a * x0 + b * x1
                    l1[j] = c * x0 + d * x1
                }
            }
            return sums
        }

        return ParallelLoop.reduce(tasks: tasks, threads: threads, initial: PairSums(), {
            pass((runs * $0 / tasks)..<(runs * ($0 + 1) / tasks))
        }, +)
    }
}

import Numerics
import QompressCore
import QompressLinearAlgebra

extension MPSBackend {
    /// ⟨b|ψ⟩: a product of the selected χ × χ slices, O(nχ²).
    /// - Throws: `SimulationError.qubitCountMismatch` when the bitstring has another length.
    public func amplitude(of basisState: Bitstring) throws -> Complex<Double> {
        guard basisState.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: basisState.count)
        }
        flushPendingGates()
        let a = workspace.scratch.reserve(maxBond())
        let b = workspace.scratch2.reserve(maxBond())
        var current = a, next = b
        current[0] = .one
        for q in 0..<qubitCount {
            let chiL = bonds[q], chiR = bonds[q + 1]
            let bit = Int(basisState.bits[q])
            // next (1 × χr) = current (1 × χl) · A_q[:, bit, :] (χl × χr, leading dimension 2χl).
            BLAS.gemm(.none, .none, m: 1, n: chiR, k: chiL, a: current, lda: 1,
                      b: sites[q] + chiL * bit, ldb: 2 * chiL, c: next, ldc: 1)
            swap(&current, &next)
        }
        return current[0]
    }

    /// The largest bond dimension of the chain.
    func maxBond() -> Int { bonds.max() ?? 1 }

    /// All 2^n amplitudes (qubit q = bit q of the index), by contracting the chain.
    /// - Throws: `SimulationError.unsupported` above `maxDenseQubitCount` qubits.
    public func statevector() throws -> [Complex<Double>] {
        guard qubitCount <= MPSBackend.maxDenseQubitCount else {
            throw SimulationError.unsupported("a dense statevector of \(qubitCount) qubits from an MPS "
                                              + "(limit \(MPSBackend.maxDenseQubitCount))")
        }
        flushPendingGates()
        // T_q is 2^q × χ_q (column-major); T_{q+1}[idx + 2^q·s, r] = Σ_l T_q[idx, l] A_q[l, s, r].
        var t: [Complex<Double>] = [.one]
        var rows = 1
        for q in 0..<qubitCount {
            let chiL = bonds[q], chiR = bonds[q + 1]
            var next = [Complex<Double>](repeating: .zero, count: 2 * rows * chiR)
            t.withUnsafeBufferPointer { current in
                next.withUnsafeMutableBufferPointer { out in
                    for s in 0..<2 {
                        BLAS.gemm(.none, .none, m: rows, n: chiR, k: chiL, a: current.baseAddress!, lda: rows,
                                  b: sites[q] + chiL * s, ldb: 2 * chiL, c: out.baseAddress! + rows * s, ldc: 2 * rows)
                    }
                }
            }
            t = next
            rows *= 2
        }
        return t
    }

    /// All 2^n probabilities |⟨b|ψ⟩|² (qubit q = bit q of the index).
    /// - Throws: `SimulationError.unsupported` above `maxDenseQubitCount` qubits.
    public func probabilities() throws -> [Double] {
        try statevector().map(\.lengthSquared)
    }
}

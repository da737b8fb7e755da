import Numerics
import QompressCore
import QompressLinearAlgebra

extension MPSBackend {
    /// Replaces |ψ⟩ by O|ψ⟩ for the Pauli sum O, then recompresses at the configured
    /// truncation (so the norm changes and is *not* restored).
    ///
    /// - When every term acts on at most one qubit (Σ_q c_q P_q plus a constant), O is the
    ///   bond-dimension-2 MPO W_q = [[I, h_q], [0, I]] with h_q the sum of the terms on q;
    ///   the bonds double once and a single sweep recompresses them.
    /// - Otherwise each term c_k P_k|ψ⟩ is a local (bond-preserving) product, and the terms
    ///   are accumulated by direct sums, recompressing after each addition, so bonds never
    ///   exceed twice the truncated dimension (an MPO with one channel per term, applied one
    ///   channel at a time).
    ///
    /// Recompression canonicalises with QR from the left, then truncates with SVDs from the
    /// right, each at the orthogonality centre; its truncations are reported like gate ones.
    /// - Throws: `CircuitError.qubitOutOfRange` for terms on missing qubits, or
    ///   `SimulationError.lapackFailure`.
    public func applyPauliSum(_ observable: PauliSum) throws {
        try observable.validate(qubitCount: qubitCount)
        flushPendingGates()
        let terms = observable.terms.filter { $0.coefficient != 0 }
        if terms.isEmpty {
            scale(by: .zero)
            return
        }
        if terms.contains(where: { $0.string.factors.contains { $0.pauli == .y } }) { isReal = false }
        if terms.count == 1 {
            applyPauliString(terms[0].string)
            scale(by: Complex(terms[0].coefficient))
            return
        }
        if terms.allSatisfy({ $0.string.factors.count <= 1 }) {
            try applyLocalSumMPO(terms)
        } else {
            try applyTermBySum(terms)
        }
    }

    /// The 2 × 2 matrix of a Pauli, row-major.
    static func matrix(of pauli: Pauli) -> [Complex<Double>] {
        switch pauli {
        case .x: return [.zero, .one, .one, .zero]
        case .y: return [.zero, Complex(0, -1), Complex(0, 1), .zero]
        case .z: return [.one, .zero, .zero, -.one]
        }
    }

    /// Applies a Pauli string locally (no bond growth, canonical form kept).
    func applyPauliString(_ string: PauliString) {
        for factor in string.factors { applyLocal(MPSBackend.matrix(of: factor.pauli), site: factor.qubit) }
    }

    /// O = Σ_q h_q as the MPO W_q[a, b] with W[0,0] = W[1,1] = I, W[0,1] = h_q, W[1,0] = 0;
    /// the left boundary selects a = 0, the right boundary b = 1.
    private func applyLocalSumMPO(_ terms: [PauliSum.Term]) throws {
        let n = qubitCount
        var h = [Complex<Double>](repeating: .zero, count: 4 * n)
        for term in terms {
            let c = Complex(term.coefficient)
            if let factor = term.string.factors.first {
                let p = MPSBackend.matrix(of: factor.pauli)
                for i in 0..<4 { h[4 * factor.qubit + i] = h[4 * factor.qubit + i] + c * p[i] }
            } else {
                h[0] = h[0] + c
                h[3] = h[3] + c
            }
        }
        let identity: [Complex<Double>] = [.one, .zero, .zero, .one]
        var newBonds = bonds
        for j in 1..<n { newBonds[j] = 2 * bonds[j] }
        var newSites: [UnsafeMutablePointer<Complex<Double>>] = []
        for j in 0..<n {
            let chiL = bonds[j], chiR = bonds[j + 1]
            let dl = j == 0 ? 1 : 2, dr = j == n - 1 ? 1 : 2
            let bigL = chiL * dl, bigR = chiR * dr
            let out: UnsafeMutablePointer<Complex<Double>> = allocatePadded(bigL * 2 * bigR)
            out.initialize(repeating: .zero, count: bigL * 2 * bigR)
            let hj = Array(h[(4 * j)..<(4 * j + 4)])
            for aLocal in 0..<dl {
                for bLocal in 0..<dr {
                    let a = j == 0 ? 0 : aLocal, b = j == n - 1 ? 1 : bLocal
                    let w: [Complex<Double>]
                    if a == b { w = identity } else if a == 0 && b == 1 { w = hj } else { continue }
                    let source = sites[j]
                    for r in 0..<chiR {
                        for t in 0..<2 {
                            let destination = out + (chiL * aLocal) + bigL * (t + 2 * (r + chiR * bLocal))
                            for s in 0..<2 {
                                let coefficient = w[2 * t + s]
                                if coefficient == .zero { continue }
                                let from = source + chiL * (s + 2 * r)
                                for l in 0..<chiL { destination[l] = destination[l] + coefficient * from[l] }
                            }
                        }
                    }
                }
            }
            newSites.append(out)
        }
        for j in 0..<n {
            sites[j].deallocate()
            sites[j] = newSites[j]
            capacities[j] = newBonds[j] * 2 * newBonds[j + 1]
        }
        bonds = newBonds
        try recompress()
    }

    /// Σ_k c_k P_k|ψ⟩ accumulated by direct sums with a recompression after each addition.
    private func applyTermBySum(_ terms: [PauliSum.Term]) throws {
        let original = copy()
        original.resetReport()
        applyPauliString(terms[0].string)
        scale(by: Complex(terms[0].coefficient))
        for term in terms.dropFirst() {
            let addend = original.copy()
            addend.applyPauliString(term.string)
            addend.scale(by: Complex(term.coefficient))
            try addDirectSum(addend)
            try recompress()
        }
    }

    /// Replaces the chain by the direct sum self ⊕ other (bond dimensions add; the state
    /// becomes |self⟩ + |other⟩; the canonical form is lost until `recompress`).
    func addDirectSum(_ other: MPSBackend) throws {
        let n = qubitCount
        if !other.isReal { isReal = false }
        if n == 1 {
            other.flushPendingGates()
            for i in 0..<2 { sites[0][i] = sites[0][i] + other.sites[0][i] }
            return
        }
        var newBonds = bonds
        for j in 1..<n { newBonds[j] = bonds[j] + other.bonds[j] }
        for j in 0..<n {
            let la = bonds[j], ra = bonds[j + 1], lb = other.bonds[j], rb = other.bonds[j + 1]
            let bigL = newBonds[j], bigR = newBonds[j + 1]
            let out: UnsafeMutablePointer<Complex<Double>> = allocatePadded(bigL * 2 * bigR)
            out.initialize(repeating: .zero, count: bigL * 2 * bigR)
            let lOffset = j == 0 ? 0 : la, rOffset = j == n - 1 ? 0 : ra
            for r in 0..<ra { for s in 0..<2 {
                (out + bigL * (s + 2 * r)).update(from: sites[j] + la * (s + 2 * r), count: la)
            } }
            for r in 0..<rb { for s in 0..<2 {
                (out + lOffset + bigL * (s + 2 * (r + rOffset))).update(from: other.sites[j] + lb * (s + 2 * r), count: lb)
            } }
            sites[j].deallocate()
            sites[j] = out
            capacities[j] = bigL * 2 * bigR
        }
        bonds = newBonds
    }

    /// Restores the mixed canonical form and truncates every bond at the configured χ_max
    /// and cutoff: QR sweep left to right, then SVD sweep right to left (each SVD at the
    /// centre, so discarded weights are true Schmidt weights). The norm is preserved by
    /// rescaling the kept Schmidt values, as for gate truncations. Ends with centre 0.
    func recompress() throws {
        try canonicalizeFromLeft()
        for j in stride(from: qubitCount - 1, through: 1, by: -1) {
            let chiL = bonds[j], chiR = bonds[j + 1], chiLL = bonds[j - 1]
            let m = chiL, n = 2 * chiR, k = min(m, n)
            let a = workspace.gated.reserve(m * n)
            a.update(from: sites[j], count: m * n)
            let s = workspace.s.reserve(k)
            let u = workspace.u.reserve(m * k)
            let vt = workspace.vt.reserve(k * n)
            svdCount += 1
            try workspace.svd.decompose(m: m, n: n, a: a, lda: m, singularValues: s, u: u, ldu: m, vAdjoint: vt, ldvAdjoint: k)
            let decision = decide(s, count: k, m: m, n: n, bond: j - 1)
            let keep = decision.keep
            let factor = decision.renormalization
            let right = reserveSite(j, count: keep * n)
            for column in 0..<n {
                let source = vt + column * k, destination = right + column * keep
                for i in 0..<keep { destination[i] = source[i] }
            }
            // U·S (χl × keep), then A_{j−1} ← A_{j−1} · U·S.
            for column in 0..<keep {
                let sj = s[column] * factor
                let p = u + column * m
                for i in 0..<m { p[i] = Complex(sj * p[i].real, sj * p[i].imaginary) }
            }
            let t = workspace.theta.reserve(2 * chiLL * keep)
            BLAS.gemm(.none, .none, m: 2 * chiLL, n: keep, k: chiL, a: sites[j - 1], lda: 2 * chiLL, b: u, ldb: m, c: t, ldc: 2 * chiLL)
            storeSite(j - 1, from: t, count: 2 * chiLL * keep)
            bonds[j] = keep
            centre = j - 1
            noteBond(j - 1)
        }
        lastBond = -1
    }
}

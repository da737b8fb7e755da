import Numerics
import QompressCore
import QompressLinearAlgebra

extension MPSBackend {
    /// Draws `shots` basis states from |⟨b|ψ⟩|² / ⟨ψ|ψ⟩ by sequential conditional sampling.
    ///
    /// The centre is moved to site 0 so that every other site is right-orthonormal; then the
    /// marginal of qubit q given the qubits before it is the squared norm of a vector-matrix
    /// product, O(χ²) per site and O(nχ²) per shot. One `nextUnit`-style draw per qubit from
    /// `generator`, so a seeded generator reproduces the samples.
    /// - Throws: `SimulationError.invalidArgument` for negative `shots`,
    ///   `SimulationError.zeroNorm` for the zero state.
    public func sample<G: RandomNumberGenerator>(shots: Int, using generator: inout G) throws -> [Bitstring] {
        guard shots >= 0 else { throw SimulationError.invalidArgument("shots must be non-negative, got \(shots)") }
        if shots == 0 { return [] }
        flushPendingGates()
        try moveCentre(to: 0)
        let total = centreNormSquared()
        guard total > 0, total.isFinite else { throw SimulationError.zeroNorm }
        let width = maxBond()
        let v = workspace.scratch.reserve(width)
        let w = workspace.scratch2.reserve(2 * width)
        var results: [Bitstring] = []
        results.reserveCapacity(shots)
        var bits = [UInt8](repeating: 0, count: qubitCount)
        for _ in 0..<shots {
            v[0] = Complex(1 / total.squareRoot())
            for q in 0..<qubitCount {
                let chiL = bonds[q], chiR = bonds[q + 1]
                // w[s + 2r] = Σ_l v[l] A_q[l, s, r]: a (1 × χl)(χl × 2χr) product.
                BLAS.gemm(.none, .none, m: 1, n: 2 * chiR, k: chiL, a: v, lda: 1, b: sites[q], ldb: chiL, c: w, ldc: 1)
                var p0 = 0.0, p1 = 0.0
                for r in 0..<chiR { p0 += w[2 * r].lengthSquared; p1 += w[2 * r + 1].lengthSquared }
                let u = Double(generator.next() >> 11) * 0x1.0p-53
                let bit = u * (p0 + p1) < p0 ? 0 : 1
                bits[q] = UInt8(bit)
                let scale = 1 / (bit == 0 ? p0 : p1).squareRoot()
                for r in 0..<chiR { v[r] = w[2 * r + bit] * Complex(scale) }
            }
            results.append(try Bitstring(bits: bits))
        }
        return results
    }
}

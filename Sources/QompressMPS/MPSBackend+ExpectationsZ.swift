import Numerics
import QompressLinearAlgebra

extension MPSBackend {
    /// ⟨Z_q⟩ for every qubit (not divided by ⟨ψ|ψ⟩), read off the mixed canonical form.
    ///
    /// Sites left of the orthogonality centre c are left-orthonormal and sites right of it
    /// right-orthonormal, so the environment on the far side of every qubit is the identity:
    /// one sweep from c to the right carries the left environment L_j (L_c = 1) and one sweep
    /// from c to the left the right environment R_j (R_{c+1} = 1). Each site costs the two
    /// products of one environment transfer, and ⟨Z_j⟩ is an elementwise sum against the site,
    /// O(χ²) — a third of the products of a full left-and-right environment contraction,
    /// in real arithmetic (`dgemm`) while the state is real.
    public func expectationsZ() -> [Double] {
        flushPendingGates()
        var z = [Double](repeating: 0, count: qubitCount)
        if useRealArithmetic {
            canonicalExpectationsZ(into: &z, Double.self)
        } else {
            canonicalExpectationsZ(into: &z, Complex<Double>.self)
        }
        return z
    }

    /// The two sweeps of `expectationsZ` in `Scalar` (`Double` for a real state).
    private func canonicalExpectationsZ<Scalar: SweepScalar>(into z: inout [Double], _: Scalar.Type) {
        let c = centre
        let site = Scalar.buffer(workspace, 0), product = Scalar.buffer(workspace, 1)
        let environment = Scalar.buffer(workspace, 2), next = Scalar.buffer(workspace, 3)

        // Rightwards from the centre: X = L_j · A_j, ⟨Z_j⟩ = Σ conj(A_j) ⊙ Z X, L_{j+1} = A_j† X.
        var haveEnvironment = false
        for j in c..<qubitCount {
            let chiL = bonds[j], chiR = bonds[j + 1], count = 2 * chiL * chiR
            let a = site.reserve(count)
            Scalar.pack(sites[j], into: a, count: count)
            var x = UnsafePointer(a)
            if haveEnvironment {
                let p = product.reserve(count)
                Scalar.product(.none, .none, m: chiL, n: 2 * chiR, k: chiL, a: environment.pointer, lda: chiL,
                               b: a, ldb: chiL, c: p, ldc: chiL)
                x = UnsafePointer(p)
            }
            z[j] = MPSBackend.signedOverlap(a, x, blockLength: chiL, blockCount: chiR)
            if j + 1 < qubitCount {
                let out = next.reserve(chiR * chiR)
                Scalar.product(.adjoint, .none, m: chiR, n: chiR, k: 2 * chiL, a: a, lda: 2 * chiL,
                               b: x, ldb: 2 * chiL, c: out, ldc: chiR)
                environment.reserve(chiR * chiR).update(from: out, count: chiR * chiR)
                haveEnvironment = true
            }
        }

        // Leftwards: Y = A_j · R_{j+1}, ⟨Z_j⟩ = Σ conj(A_j) ⊙ Z Y, R_j = Y A_j† (R_{c+1} = 1, so
        // the first step only forms R_c from the centre).
        haveEnvironment = false
        var j = c
        while j >= 0 {
            let chiL = bonds[j], chiR = bonds[j + 1], count = 2 * chiL * chiR
            let a = site.reserve(count)
            Scalar.pack(sites[j], into: a, count: count)
            var y = UnsafePointer(a)
            if haveEnvironment {
                let p = product.reserve(count)
                Scalar.product(.none, .none, m: 2 * chiL, n: chiR, k: chiR, a: a, lda: 2 * chiL,
                               b: environment.pointer, ldb: chiR, c: p, ldc: 2 * chiL)
                y = UnsafePointer(p)
                z[j] = MPSBackend.signedOverlap(a, y, blockLength: chiL, blockCount: chiR)
            }
            if j > 0 {
                let out = next.reserve(chiL * chiL)
                Scalar.product(.none, .adjoint, m: chiL, n: chiL, k: 2 * chiR, a: y, lda: chiL,
                               b: a, ldb: chiL, c: out, ldc: chiL)
                environment.reserve(chiL * chiL).update(from: out, count: chiL * chiL)
                haveEnvironment = true
            }
            j -= 1
        }
    }

    /// Re Σ conj(a) ⊙ Z x over a tensor laid out as [l, s, r] (blocks of `blockLength`, s = 0
    /// then s = 1, per r): Σ over the s = 0 blocks minus Σ over the s = 1 blocks.
    private static func signedOverlap<Scalar: SweepScalar>(_ a: UnsafePointer<Scalar>, _ x: UnsafePointer<Scalar>,
                                                           blockLength: Int, blockCount: Int) -> Double {
        var sum = 0.0
        for r in 0..<blockCount {
            let base = 2 * blockLength * r
            for l in 0..<blockLength { sum += Scalar.realOfConjugateProduct(a[base + l], x[base + l]) }
            for l in 0..<blockLength {
                sum -= Scalar.realOfConjugateProduct(a[base + blockLength + l], x[base + blockLength + l])
            }
        }
        return sum
    }
}

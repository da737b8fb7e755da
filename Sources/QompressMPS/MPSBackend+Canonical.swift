import Numerics
import QompressCore
import QompressLinearAlgebra

extension MPSBackend {
    /// Moves the orthogonality centre one site to the right with a QR factorisation (no
    /// truncation): site c becomes left-orthonormal and R is absorbed into site c + 1.
    func moveCentreRight() throws {
        let c = centre
        let chiL = bonds[c], chiM = bonds[c + 1], chiR = bonds[c + 2]
        let m = 2 * chiL, k = min(m, chiM)
        if useRealArithmetic {
            // Same factorisation and product in real arithmetic (the state is real): pack,
            // factor, multiply, unpack.
            let a = workspace.realA.reserve(m * chiM), r = workspace.realB.reserve(k * chiM)
            let site = sites[c]
            for i in 0..<(m * chiM) { a[i] = site[i].real }
            try workspace.realFactorizer.qr(m: m, n: chiM, a: a, lda: m, r: r, ldr: k)
            for i in 0..<(m * k) { site[i] = Complex(a[i], 0) }
            let nextCount = chiM * 2 * chiR
            let next = workspace.realTheta.reserve(nextCount), source = sites[c + 1]
            for i in 0..<nextCount { next[i] = source[i].real }
            let t = workspace.realGated.reserve(k * 2 * chiR)
            BLAS.realGemm(.none, .none, m: k, n: 2 * chiR, k: chiM, a: r, lda: k, b: next, ldb: chiM, c: t, ldc: k)
            let destination = reserveSite(c + 1, count: k * 2 * chiR)
            for i in 0..<(k * 2 * chiR) { destination[i] = Complex(t[i], 0) }
        } else {
            let r = workspace.vt.reserve(k * chiM)
            try workspace.factorizer.qr(m: m, n: chiM, a: sites[c], lda: m, r: r, ldr: k)
            let t = workspace.scratch.reserve(k * 2 * chiR)
            BLAS.gemm(.none, .none, m: k, n: 2 * chiR, k: chiM, a: r, lda: k, b: sites[c + 1], ldb: chiM, c: t, ldc: k)
            storeSite(c + 1, from: t, count: k * 2 * chiR)
        }
        bonds[c + 1] = k
        centre = c + 1
    }

    /// Moves the orthogonality centre one site to the left with an LQ factorisation (no
    /// truncation): site c becomes right-orthonormal and L is absorbed into site c − 1.
    func moveCentreLeft() throws {
        let c = centre
        let chiL = bonds[c], chiR = bonds[c + 1], chiLL = bonds[c - 1]
        let n = 2 * chiR, k = min(chiL, n)
        let a = sites[c]
        if useRealArithmetic {
            let ra = workspace.realA.reserve(chiL * n), l = workspace.realB.reserve(chiL * k)
            for i in 0..<(chiL * n) { ra[i] = a[i].real }
            try workspace.realFactorizer.lq(m: chiL, n: n, a: ra, lda: chiL, l: l, ldl: chiL)
            // Q's k rows (leading dimension chiL) into the site, compacted to leading dimension k.
            for j in 0..<n {
                let source = ra + j * chiL, destination = a + j * k
                for i in 0..<k { destination[i] = Complex(source[i], 0) }
            }
            let previousCount = 2 * chiLL * chiL
            let previous = workspace.realTheta.reserve(previousCount), source = sites[c - 1]
            for i in 0..<previousCount { previous[i] = source[i].real }
            let t = workspace.realGated.reserve(2 * chiLL * k)
            BLAS.realGemm(.none, .none, m: 2 * chiLL, n: k, k: chiL, a: previous, lda: 2 * chiLL, b: l, ldb: chiL,
                          c: t, ldc: 2 * chiLL)
            let destination = reserveSite(c - 1, count: 2 * chiLL * k)
            for i in 0..<(2 * chiLL * k) { destination[i] = Complex(t[i], 0) }
        } else {
            let l = workspace.vt.reserve(chiL * k)
            try workspace.factorizer.lq(m: chiL, n: n, a: a, lda: chiL, l: l, ldl: chiL)
            if k < chiL {
                // Compact Q (k × n, leading dimension chiL) to leading dimension k, in place.
                for j in 0..<n {
                    let source = a + j * chiL, destination = a + j * k
                    for i in 0..<k { destination[i] = source[i] }
                }
            }
            let t = workspace.scratch.reserve(2 * chiLL * k)
            BLAS.gemm(.none, .none, m: 2 * chiLL, n: k, k: chiL, a: sites[c - 1], lda: 2 * chiLL, b: l, ldb: chiL,
                      c: t, ldc: 2 * chiLL)
            storeSite(c - 1, from: t, count: 2 * chiLL * k)
        }
        bonds[c] = k
        centre = c - 1
    }

    /// Whether factorisations may run in real arithmetic (real state, real path enabled).
    var useRealArithmetic: Bool { isReal && configuration.prefersRealArithmetic }

    /// Moves the orthogonality centre to `target` (gauge change only; the state is unchanged).
    func moveCentre(to target: Int) throws {
        while centre < target { try moveCentreRight() }
        while centre > target { try moveCentreLeft() }
    }

    /// Brings the chain into left-canonical form from an arbitrary gauge (centre ends at
    /// the last site). Used after operations that destroy the canonical form.
    func canonicalizeFromLeft() throws {
        centre = 0
        while centre < qubitCount - 1 { try moveCentreRight() }
    }

    /// The squared Frobenius norm of the centre tensor, ⟨ψ|ψ⟩ in canonical form.
    func centreNormSquared() -> Double {
        let p = sites[centre]
        var sum = 0.0
        for i in 0..<siteCount(centre) { sum += p[i].lengthSquared }
        return sum
    }

    /// Multiplies the state by a complex scalar (on the centre, preserving canonical form).
    func scale(by factor: Complex<Double>) {
        if factor.imaginary != 0 { isReal = false }
        let p = sites[centre]
        for i in 0..<siteCount(centre) { p[i] = p[i] * factor }
    }
}

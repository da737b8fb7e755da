/// Householder QR and LQ factorisations of small real column-major matrices in Swift: the
/// algorithm of LAPACK's unblocked `dgeqr2` and `dorg2r`, without the per-call and per-column
/// overhead that dominates at the sizes of an MPS centre move with χ ≤ 24 (a 32 × 16 QR with
/// its Q in roughly a third of the time of `dgeqrf` + `dorgqr`). `RealOrthogonalFactorizer`
/// uses it up to `RealOrthogonalFactorizer.smallSizeLimit` elements.
///
/// The result may differ from LAPACK's by the signs of Q's columns and R's rows (any QR is a
/// valid gauge for an MPS); Q is orthonormal to machine precision also for rank-deficient
/// matrices, since it is a product of reflectors.
enum SmallHouseholderQR {
    /// `A = Q · R` for the `m × n` matrix in `a` (leading dimension `lda`), `k = min(m, n)`:
    /// on return the first `k` columns of `a` hold `Q` and `r` holds `R` (`k × n`, leading
    /// dimension `ldr`). `scratch` must hold `m · k + k` elements.
    static func qr(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, r: UnsafeMutablePointer<Double>,
                   ldr: Int, scratch: UnsafeMutablePointer<Double>) {
        let k = min(m, n)
        let reflectors = scratch, betas = scratch + m * k
        for j in 0..<k {
            let x = a + j + j * lda, length = m - j
            let v = reflectors + j * m
            guard let (alpha, beta) = HouseholderReflector.make(from: x, length: length, into: v) else {
                // Already reduced: no reflection (H = I).
                betas[j] = 0
                continue
            }
            betas[j] = beta
            x[0] = alpha
            for i in 1..<length { x[i] = 0 }
            // A[j…, j+1…] ← H A[j…, j+1…].
            for c in (j + 1)..<max(j + 1, n) {
                let column = a + j + c * lda
                let t = beta * UnrolledDot.sum(v, column, length)
                if t != 0 { for i in 0..<length { column[i] -= t * v[i] } }
            }
        }
        for c in 0..<n {
            let column = r + c * ldr, top = min(c + 1, k)
            column.update(from: a + c * lda, count: top)
            if top < k { (column + top).update(repeating: 0, count: k - top) }
        }
        // Q = H_0 ⋯ H_{k−1} applied to the first k columns of the identity, from the last.
        for c in 0..<k {
            let column = a + c * lda
            column.update(repeating: 0, count: m)
            column[c] = 1
        }
        var j = k - 1
        while j >= 0 {
            let beta = betas[j]
            if beta != 0 {
                let v = reflectors + j * m, length = m - j
                for c in j..<k {
                    let column = a + j + c * lda
                    let t = beta * UnrolledDot.sum(v, column, length)
                    if t != 0 { for i in 0..<length { column[i] -= t * v[i] } }
                }
            }
            j -= 1
        }
    }

    /// `A = L · Q` for the `m × n` matrix in `a` (leading dimension `lda`), `k = min(m, n)`,
    /// as the transpose of a QR of Aᵀ: on return the first `k` rows of `a` hold `Q` and `l`
    /// holds `L` (`m × k`, leading dimension `ldl`). `scratch` must hold
    /// `n · m + k · m + n · k + k` elements.
    static func lq(m: Int, n: Int, a: UnsafeMutablePointer<Double>, lda: Int, l: UnsafeMutablePointer<Double>,
                   ldl: Int, scratch: UnsafeMutablePointer<Double>) {
        let k = min(m, n)
        let transposed = scratch, rest = scratch + n * m
        for j in 0..<n { for i in 0..<m { transposed[j + i * n] = a[i + j * lda] } }
        // Aᵀ (n × m) = Q' R' with Q' n × k, R' k × m: L = R'ᵀ, Q = Q'ᵀ.
        let rPrime = rest, qrScratch = rest + k * m
        qr(m: n, n: m, a: transposed, lda: n, r: rPrime, ldr: k, scratch: qrScratch)
        for i in 0..<m { for c in 0..<k { l[i + c * ldl] = rPrime[c + i * k] } }
        for c in 0..<k { for j in 0..<n { a[c + j * lda] = transposed[j + c * n] } }
    }
}

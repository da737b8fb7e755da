import QompressCore
import QompressLinearAlgebra
import Testing

/// A seeded random real matrix (column-major), optionally of rank `rank` (a product of two
/// random factors).
private func randomRealMatrix(_ m: Int, _ n: Int, rank: Int? = nil, seed: UInt64) -> [Double] {
    var g = SeededGenerator(seed: seed)
    guard let r = rank else { return (0..<(m * n)).map { _ in g.nextUnit() - 0.5 } }
    let a = (0..<(m * r)).map { _ in g.nextUnit() - 0.5 }, b = (0..<(r * n)).map { _ in g.nextUnit() - 0.5 }
    var c = [Double](repeating: 0, count: m * n)
    for j in 0..<n { for i in 0..<m { for l in 0..<r { c[i + j * m] += a[i + l * m] * b[l + j * r] } } }
    return c
}

/// The singular values of a real matrix from `dgesdd` (the reference).
private func referenceSingularValues(_ a: [Double], _ m: Int, _ n: Int) throws -> [Double] {
    var copy = a
    let k = min(m, n)
    var s = [Double](repeating: 0, count: k), u = [Double](repeating: 0, count: m * k), vt = [Double](repeating: 0, count: k * n)
    try RealSingularValueDecomposer().decompose(m: m, n: n, a: &copy, lda: m, singularValues: &s, u: &u, ldu: m,
                                                vTranspose: &vt, ldvTranspose: k)
    return s
}

@Suite struct GramDecomposerTests {
    @Test("the Gram route's singular values match dgesdd's within its error bound, with orthonormal vectors that reconstruct the matrix",
          arguments: [(GramSide.left, 6, 9), (.right, 9, 6), (.left, 32, 32), (.right, 32, 32), (.left, 1, 4),
                      (.left, 64, 70), (.right, 70, 64)])
    func matchesTheSVD(_ side: GramSide, _ m: Int, _ n: Int) throws {
        let a = randomRealMatrix(m, n, seed: UInt64(m * 31 + n))
        let k = min(m, n)
        var s = [Double](repeating: 0, count: k), v = [Double](repeating: 0, count: k * k)
        #expect(try RealGramDecomposer().decompose(side, m: m, n: n, a: a, lda: m, singularValues: &s, vectors: &v, ldVectors: k))
        let reference = try referenceSingularValues(a, m, n)
        for i in 0..<k {
            // Error bound of a Gram eigenvalue: order · ε · λ_max, i.e. this for s.
            let bound = 4 * Double(k) * Double.ulpOfOne * reference[0] * reference[0] / reference[i]
            #expect(abs(s[i] - reference[i]) <= max(bound, 1e-15 * reference[0]))
            #expect(RealGramDecomposer.isResolved(s[i], s[0]))
        }
        // Orthonormal vectors.
        for i in 0..<k { for j in 0..<k {
            var dot = 0.0
            for l in 0..<k { dot += v[l + i * k] * v[l + j * k] }
            #expect(abs(dot - (i == j ? 1 : 0)) < 1e-13)
        } }
        // Full rank: projecting on all the vectors gives the matrix back (U Uᵀ A or A V Vᵀ).
        var worst = 0.0
        for i in 0..<m { for j in 0..<n {
            var sum = 0.0
            switch side {
            case .left: for l in 0..<k { for p in 0..<m { sum += v[i + l * k] * v[p + l * k] * a[p + j * m] } }
            case .right: for l in 0..<k { for p in 0..<n { sum += a[i + p * m] * v[p + l * k] * v[j + l * k] } }
            }
            worst = max(worst, abs(sum - a[i + j * m]))
        } }
        #expect(worst < 1e-13)
    }

    @Test("on a rank-deficient matrix the resolved singular values and their subspace match the SVD; the zero ones are flagged unresolved")
    func rankDeficient() throws {
        let m = 24, n = 24, rank = 10
        let a = randomRealMatrix(m, n, rank: rank, seed: 77)
        var s = [Double](repeating: 0, count: m), u = [Double](repeating: 0, count: m * m)
        #expect(try RealGramDecomposer().decompose(.left, m: m, n: n, a: a, lda: m, singularValues: &s, vectors: &u, ldVectors: m))
        let reference = try referenceSingularValues(a, m, n)
        for i in 0..<rank {
            #expect(RealGramDecomposer.isResolved(s[i], s[0]))
            #expect(abs(s[i] - reference[i]) <= 1e-12 * reference[0] * reference[0] / reference[i])
        }
        for i in rank..<m { #expect(!RealGramDecomposer.isResolved(s[i], s[0])) }
        // The first `rank` vectors span the column space: U_r U_rᵀ A = A.
        var worst = 0.0
        for i in 0..<m { for j in 0..<n {
            var sum = 0.0
            for l in 0..<rank { for p in 0..<m { sum += u[i + l * m] * u[p + l * m] * a[p + j * m] } }
            worst = max(worst, abs(sum - a[i + j * m]))
        } }
        #expect(worst < 1e-12)
    }

    @Test("above the small-order limit, asking for fewer vectors gives the same leading vectors", arguments: [64, 100])
    func fewerVectors(_ order: Int) throws {
        let a = randomRealMatrix(order, order, seed: UInt64(order))
        var s = [Double](repeating: 0, count: order), all = [Double](repeating: 0, count: order * order)
        var s2 = s, some = [Double](repeating: 0, count: order * order)
        let decomposer = RealGramDecomposer()
        #expect(try decomposer.decompose(.left, m: order, n: order, a: a, lda: order, singularValues: &s, vectors: &all,
                                         ldVectors: order))
        #expect(try decomposer.decompose(.left, m: order, n: order, a: a, lda: order, singularValues: &s2,
                                         vectors: &some, ldVectors: order, vectorCount: 10))
        #expect(s == s2)
        for j in 0..<10 { for i in 0..<order { #expect(abs(all[i + j * order] - some[i + j * order]) < 1e-12) } }
    }

    @Test("the Gram route rejects a side that is not the smaller one, and declines a zero matrix")
    func badInput() throws {
        let a = [Double](repeating: 0, count: 12)
        var s = [Double](repeating: 0, count: 4), v = [Double](repeating: 0, count: 16)
        #expect(throws: SimulationError.self) {
            _ = try RealGramDecomposer().decompose(.right, m: 3, n: 4, a: a, lda: 3, singularValues: &s, vectors: &v, ldVectors: 4)
        }
        #expect(try !RealGramDecomposer().decompose(.left, m: 3, n: 4, a: a, lda: 3, singularValues: &s, vectors: &v, ldVectors: 3))
    }
}

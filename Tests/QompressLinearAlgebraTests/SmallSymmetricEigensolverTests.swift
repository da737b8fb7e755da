import QompressCore
import QompressLinearAlgebra
import Testing

/// A seeded random symmetric matrix (column-major, full), or one with the given eigenvalues
/// in a random orthonormal basis.
private func randomSymmetric(_ n: Int, seed: UInt64, eigenvalues: [Double]? = nil) throws -> [Double] {
    var g = SeededGenerator(seed: seed)
    var a = [Double](repeating: 0, count: n * n)
    for j in 0..<n { for i in 0...j {
        let x = g.nextUnit() - 0.5
        a[i + j * n] = x
        a[j + i * n] = x
    } }
    guard let spectrum = eigenvalues else { return a }
    // The eigenvectors of the random matrix as the basis: Q diag(spectrum) Qᵀ.
    let (_, q) = try SymmetricEigensolver.decompose(try Matrix(rows: n, columns: n, elements: a))
    var b = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { for l in 0..<n { b[i + j * n] += q[i, l] * spectrum[l] * q[j, l] } } }
    return b
}

@Suite struct SmallSymmetricEigensolverTests {
    static let spectra: [(Int, String, [Double]?)] = [
        (1, "1 × 1", nil), (2, "2 × 2", nil), (3, "3 × 3", nil), (17, "random", nil), (32, "random", nil),
        (48, "random", nil),
        (12, "degenerate", [3, 3, 3, 1, 1, 0.5, 0.5, 0.5, 0.5, 0, 0, -2]),
        (16, "Gram of rank 5", [4, 2, 1, 0.3, 0.01] + [Double](repeating: 0, count: 11)),
        (8, "graded", [1, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1e-12, 1e-14]),
        (6, "diagonal-like", [Double](repeating: 1, count: 6)),
    ]

    @Test("eigenvalues match dsyevd's within 1e-13 · ‖A‖, eigenvectors are orthonormal and A Z = Z Λ",
          arguments: spectra)
    func matchesDsyevd(_ n: Int, _ kind: String, _ spectrum: [Double]?) throws {
        let a = try randomSymmetric(n, seed: UInt64(n * 7 + kind.count), eigenvalues: spectrum)
        var values = [Double](repeating: 0, count: n), z = [Double](repeating: 0, count: n * n)
        #expect(SmallSymmetricEigensolver().decompose(n: n, a: a, lda: n, values: &values, vectors: &z, ldVectors: n))
        let (reference, _) = try SymmetricEigensolver.decompose(try Matrix(rows: n, columns: n, elements: a))
        let norm = reference.map(abs).max() ?? 0
        #expect(zip(values, reference.reversed()).allSatisfy { abs($0 - $1) <= 1e-13 * max(norm, 1e-300) })
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
        for i in 0..<n { for j in 0..<n {
            var dot = 0.0
            for l in 0..<n { dot += z[l + i * n] * z[l + j * n] }
            #expect(abs(dot - (i == j ? 1 : 0)) < 1e-13)
        } }
        var residual = 0.0
        for j in 0..<n { for i in 0..<n {
            var sum = 0.0
            for l in 0..<n { sum += a[i + l * n] * z[l + j * n] }
            residual = max(residual, abs(sum - values[j] * z[i + j * n]))
        } }
        #expect(residual < 1e-13 * max(norm, 1))
    }

    @Test("only the upper triangle is read, a zero matrix gives the identity, and NaN is refused")
    func edgeCases() throws {
        var a = try randomSymmetric(5, seed: 3)
        for j in 0..<5 { for i in (j + 1)..<5 { a[i + j * 5] = .nan } }
        var values = [Double](repeating: 0, count: 5), z = [Double](repeating: 0, count: 25)
        #expect(SmallSymmetricEigensolver().decompose(n: 5, a: a, lda: 5, values: &values, vectors: &z, ldVectors: 5))
        #expect(values.allSatisfy { $0.isFinite })
        let zero = [Double](repeating: 0, count: 9)
        var v3 = [Double](repeating: 1, count: 3), z3 = [Double](repeating: 1, count: 9)
        #expect(SmallSymmetricEigensolver().decompose(n: 3, a: zero, lda: 3, values: &v3, vectors: &z3, ldVectors: 3))
        #expect(v3 == [0, 0, 0] && z3 == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        var bad = zero
        bad[4] = .infinity
        #expect(!SmallSymmetricEigensolver().decompose(n: 3, a: bad, lda: 3, values: &v3, vectors: &z3, ldVectors: 3))
    }
}

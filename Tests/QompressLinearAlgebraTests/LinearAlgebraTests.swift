import Numerics
import QompressCore
import QompressLinearAlgebra
import Testing

/// A seeded random complex matrix.
private func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> ComplexMatrix {
    var g = SeededGenerator(seed: seed)
    let elements = (0..<(rows * columns)).map { _ in Complex(g.nextUnit() - 0.5, g.nextUnit() - 0.5) }
    return try! ComplexMatrix(rows: rows, columns: columns, elements: elements)
}

/// The product by three nested loops, sharing no code with `zgemm`.
private func naiveProduct(_ a: ComplexMatrix, _ b: ComplexMatrix) -> ComplexMatrix {
    var c = ComplexMatrix(zeros: a.rows, b.columns)
    for i in 0..<a.rows { for j in 0..<b.columns {
        var sum = Complex<Double>.zero
        for k in 0..<a.columns { sum = sum + a[i, k] * b[k, j] }
        c[i, j] = sum
    } }
    return c
}

private func largestDifference(_ a: ComplexMatrix, _ b: ComplexMatrix) -> Double {
    zip(a.elements, b.elements).map { ($0 - $1).length }.max() ?? 0
}

@Suite struct LinearAlgebraTests {
    @Test("zgemm equals the naive product for plain, transposed and adjoint operands",
          arguments: [(1, 1, 1), (3, 5, 2), (7, 4, 9), (16, 16, 16)])
    func gemmMatchesNaiveProduct(_ m: Int, _ k: Int, _ n: Int) throws {
        let a = randomMatrix(m, k, seed: 1), b = randomMatrix(k, n, seed: 2)
        let expected = naiveProduct(a, b)
        #expect(largestDifference(try a * b, expected) < 1e-13)
        #expect(largestDifference(try ComplexMatrix.product(a.adjoint, .adjoint, b, .none), expected) < 1e-13)
        var bt = ComplexMatrix(zeros: n, k)
        for i in 0..<k { for j in 0..<n { bt[j, i] = b[i, j] } }
        #expect(largestDifference(try ComplexMatrix.product(a, .none, bt, .transpose), expected) < 1e-13)
        #expect(throws: SimulationError.self) { try a * a.adjoint.adjoint.adjoint.adjoint * randomMatrix(k + 1, 2, seed: 3) }
    }

    @Test("the SVD reconstructs the matrix with orthonormal factors and sorted singular values",
          arguments: [(1, 1), (4, 4), (8, 3), (3, 8), (64, 40)])
    func svdReconstructsMatrix(_ m: Int, _ n: Int) throws {
        let a = randomMatrix(m, n, seed: UInt64(m * 100 + n))
        let (u, s, vt) = try a.singularValueDecomposition()
        #expect(s.count == min(m, n))
        #expect(zip(s, s.dropFirst()).allSatisfy { $0 >= $1 })
        var us = u
        for j in 0..<s.count { for i in 0..<m { us[i, j] = us[i, j] * Complex(s[j]) } }
        #expect(largestDifference(try us * vt, a) < 1e-12)
        let identity = try ComplexMatrix.product(u, .adjoint, u, .none)
        for i in 0..<s.count { for j in 0..<s.count {
            #expect((identity[i, j] - (i == j ? .one : .zero)).length < 1e-12)
        } }
    }

    @Test("a matrix with NaN makes the SVD throw a LAPACK failure instead of crashing")
    func svdOfNaNThrows() throws {
        var a = randomMatrix(6, 5, seed: 9)
        a[2, 3] = Complex(.nan, 0)
        #expect {
            _ = try a.singularValueDecomposition()
        } throws: { error in
            guard case SimulationError.lapackFailure(let routine, let info)? = error as? SimulationError else { return false }
            return routine.hasPrefix("zges") && info != 0
        }
    }

    @Test("the real SVD reconstructs a real matrix")
    func realSVDReconstructsMatrix() throws {
        let m = 9, n = 6
        var g = SeededGenerator(seed: 4)
        var a = (0..<(m * n)).map { _ in g.nextUnit() - 0.5 }
        let original = a
        var s = [Double](repeating: 0, count: n), u = [Double](repeating: 0, count: m * n), vt = [Double](repeating: 0, count: n * n)
        try RealSingularValueDecomposer().decompose(m: m, n: n, a: &a, lda: m, singularValues: &s, u: &u, ldu: m,
                                                    vTranspose: &vt, ldvTranspose: n)
        var worst = 0.0
        for i in 0..<m { for j in 0..<n {
            var sum = 0.0
            for k in 0..<n { sum += u[i + m * k] * s[k] * vt[k + n * j] }
            worst = max(worst, abs(sum - original[i + m * j]))
        } }
        #expect(worst < 1e-13)
    }

    @Test("QR and LQ reconstruct the matrix with orthonormal Q", arguments: [(6, 4), (4, 6), (5, 5)])
    func qrAndLQReconstruct(_ m: Int, _ n: Int) throws {
        let a = randomMatrix(m, n, seed: 11)
        let k = min(m, n)
        let factorizer = OrthogonalFactorizer()
        var q = a.elements
        var r = [Complex<Double>](repeating: .zero, count: k * n)
        try factorizer.qr(m: m, n: n, a: &q, lda: m, r: &r, ldr: k)
        let qMatrix = try ComplexMatrix(rows: m, columns: k, elements: Array(q.prefix(m * k)))
        let rMatrix = try ComplexMatrix(rows: k, columns: n, elements: r)
        #expect(largestDifference(try qMatrix * rMatrix, a) < 1e-12)

        var lq = a.elements
        var l = [Complex<Double>](repeating: .zero, count: m * k)
        try factorizer.lq(m: m, n: n, a: &lq, lda: m, l: &l, ldl: m)
        var qRows = ComplexMatrix(zeros: k, n)
        for j in 0..<n { for i in 0..<k { qRows[i, j] = lq[i + m * j] } }
        let lMatrix = try ComplexMatrix(rows: m, columns: k, elements: l)
        #expect(largestDifference(try lMatrix * qRows, a) < 1e-12)
        let rowsOrthonormal = try ComplexMatrix.product(qRows, .none, qRows, .adjoint)
        for i in 0..<k { #expect((rowsOrthonormal[i, i] - .one).length < 1e-12) }
    }

    /// Swift (`SmallHouseholderQR`, up to `RealOrthogonalFactorizer.smallSizeLimit` elements)
    /// and LAPACK sizes, square, and rank-deficient (a zero column and two equal columns).
    @Test("real QR and LQ reconstruct a real matrix with orthonormal Q, small (Swift) and large (LAPACK)",
          arguments: [(7, 3, false), (3, 7, false), (32, 16, false), (16, 32, false), (5, 5, false), (32, 16, true),
                      (16, 32, true), (80, 40, false), (40, 80, true)])
    func realQRAndLQReconstruct(_ m: Int, _ n: Int, _ rankDeficient: Bool) throws {
        var g = SeededGenerator(seed: 21)
        var original = (0..<(m * n)).map { _ in g.nextUnit() - 0.5 }
        if rankDeficient {
            for i in 0..<m { original[i + m * 1] = 0; original[i + m * 2] = original[i] }
        }
        let k = min(m, n)
        let factorizer = RealOrthogonalFactorizer()
        var q = original
        var r = [Double](repeating: 0, count: k * n)
        try factorizer.qr(m: m, n: n, a: &q, lda: m, r: &r, ldr: k)
        var lq = original
        var l = [Double](repeating: 0, count: m * k)
        try factorizer.lq(m: m, n: n, a: &lq, lda: m, l: &l, ldl: m)
        var worstQR = 0.0, worstLQ = 0.0
        for i in 0..<m { for j in 0..<n {
            var qr = 0.0, lqSum = 0.0
            for p in 0..<k {
                qr += q[i + m * p] * r[p + k * j]
                lqSum += l[i + m * p] * lq[p + m * j]
            }
            worstQR = max(worstQR, abs(qr - original[i + m * j]))
            worstLQ = max(worstLQ, abs(lqSum - original[i + m * j]))
        } }
        #expect(worstQR < 1e-13)
        #expect(worstLQ < 1e-13)
        // Q's columns (QR) and rows (LQ) are orthonormal.
        var worstQ = 0.0
        for a in 0..<k { for b in 0..<k {
            var columns = 0.0, rows = 0.0
            for i in 0..<m { columns += q[i + m * a] * q[i + m * b] }
            for j in 0..<n { rows += lq[a + m * j] * lq[b + m * j] }
            worstQ = max(worstQ, abs(columns - (a == b ? 1 : 0)), abs(rows - (a == b ? 1 : 0)))
        } }
        #expect(worstQ < 1e-13)
        // R is upper triangular, L lower triangular.
        for j in 0..<n { for p in 0..<k where p > j { #expect(r[p + k * j] == 0) } }
        for p in 0..<k { for i in 0..<m where i < p { #expect(l[i + m * p] == 0) } }
    }
}

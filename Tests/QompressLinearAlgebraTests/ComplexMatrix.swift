import Numerics
import QompressCore
import QompressLinearAlgebra

/// A dense complex matrix in column-major order: a test helper over the pointer-level `BLAS`
/// and `SingularValueDecomposer` routines, so their tests read as matrix algebra.
struct ComplexMatrix: Hashable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Entries in column-major order: `elements[row + column * rows]`.
    public var elements: [Complex<Double>]

    /// Creates a matrix from column-major entries.
    /// - Throws: `SimulationError.invalidArgument` when the count is not `rows · columns`.
    public init(rows: Int, columns: Int, elements: [Complex<Double>]) throws {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw SimulationError.invalidArgument("\(elements.count) entries for a \(rows) × \(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// The `rows × columns` zero matrix.
    public init(zeros rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
        self.elements = [Complex<Double>](repeating: .zero, count: rows * columns)
    }

    /// The entry at `row`, `column`.
    public subscript(row: Int, column: Int) -> Complex<Double> {
        get { elements[row + column * rows] }
        set { elements[row + column * rows] = newValue }
    }

    /// The conjugate transpose.
    public var adjoint: ComplexMatrix {
        var result = ComplexMatrix(zeros: columns, rows)
        for j in 0..<columns { for i in 0..<rows { result[j, i] = self[i, j].conjugate } }
        return result
    }

    /// The product `op(lhs) · op(rhs)` through `zgemm`.
    /// - Throws: `SimulationError.invalidArgument` when the inner dimensions differ.
    public static func product(_ lhs: ComplexMatrix, _ opLeft: MatrixOperation = .none,
                               _ rhs: ComplexMatrix, _ opRight: MatrixOperation = .none) throws -> ComplexMatrix {
        let (m, k) = opLeft == .none ? (lhs.rows, lhs.columns) : (lhs.columns, lhs.rows)
        let (k2, n) = opRight == .none ? (rhs.rows, rhs.columns) : (rhs.columns, rhs.rows)
        guard k == k2 else {
            throw SimulationError.invalidArgument("inner dimensions \(k) and \(k2) of a matrix product differ")
        }
        var result = ComplexMatrix(zeros: m, n)
        if k == 0 { return result }
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                result.elements.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(opLeft, opRight, m: m, n: n, k: k,
                              a: a.baseAddress!, lda: lhs.rows, b: b.baseAddress!, ldb: rhs.rows,
                              c: c.baseAddress!, ldc: m)
                }
            }
        }
        return result
    }

    /// The product `lhs · rhs` through `zgemm`.
    /// - Throws: `SimulationError.invalidArgument` when the inner dimensions differ.
    public static func * (lhs: ComplexMatrix, rhs: ComplexMatrix) throws -> ComplexMatrix {
        try product(lhs, .none, rhs, .none)
    }

    /// The thin singular value decomposition `self = u · diag(singularValues) · vAdjoint`
    /// (descending singular values) through `zgesdd`, falling back to `zgesvd`.
    /// - Throws: `SimulationError.lapackFailure` when LAPACK fails (e.g. NaN entries).
    public func singularValueDecomposition(using decomposer: SingularValueDecomposer = SingularValueDecomposer())
        throws -> (u: ComplexMatrix, singularValues: [Double], vAdjoint: ComplexMatrix) {
        let k = min(rows, columns)
        guard k > 0 else { throw SimulationError.invalidArgument("SVD of an empty \(rows) × \(columns) matrix") }
        var a = elements
        var u = ComplexMatrix(zeros: rows, k)
        var vt = ComplexMatrix(zeros: k, columns)
        var s = [Double](repeating: 0, count: k)
        try a.withUnsafeMutableBufferPointer { a in
            try u.elements.withUnsafeMutableBufferPointer { u in
                try vt.elements.withUnsafeMutableBufferPointer { vt in
                    try s.withUnsafeMutableBufferPointer { s in
                        _ = try decomposer.decompose(m: rows, n: columns, a: a.baseAddress!, lda: rows,
                                                     singularValues: s.baseAddress!,
                                                     u: u.baseAddress!, ldu: rows,
                                                     vAdjoint: vt.baseAddress!, ldvAdjoint: k)
                    }
                }
            }
        }
        return (u, s, vt)
    }
}

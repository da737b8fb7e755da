import QompressCore

/// A dense real matrix in row-major order: a batch of row vectors (samples × features).
///
/// Products go through CBLAS `dgemm` (OpenBLAS). Shapes are checked and mismatches throw
/// `MatrixError.shapeMismatch`, because they come from user data and configuration.
public struct Matrix: Hashable, Sendable, CustomStringConvertible {
    /// Number of rows (samples).
    public let rows: Int
    /// Number of columns (features).
    public let columns: Int
    /// Entries, `elements[r * columns + c]`.
    public var elements: [Double]

    /// A matrix from row-major entries.
    /// - Throws: `MatrixError.shapeMismatch` when the count is not `rows · columns`.
    public init(rows: Int, columns: Int, elements: [Double]) throws {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw MatrixError.shapeMismatch("\(elements.count) entries for a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from rows of equal length.
    /// - Throws: `MatrixError.shapeMismatch` for ragged rows.
    public init(rows list: [[Double]]) throws {
        let columns = list.first?.count ?? 0
        guard list.allSatisfy({ $0.count == columns }) else { throw MatrixError.shapeMismatch("rows of unequal length") }
        self.rows = list.count
        self.columns = columns
        self.elements = list.flatMap { $0 }
    }

    /// The zero matrix.
    public init(zeros rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
        self.elements = [Double](repeating: 0, count: rows * columns)
    }

    /// The entry at `row`, `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Double] { Array(elements[(r * columns)..<((r + 1) * columns)]) }

    /// The rows as arrays.
    public var rowArrays: [[Double]] { (0..<rows).map(row) }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> Matrix {
        var out = Matrix(zeros: indices.count, columns)
        guard columns > 0 else { return out }
        elements.withUnsafeBufferPointer { src in
            out.elements.withUnsafeMutableBufferPointer { dst in
                for (k, r) in indices.enumerated() {
                    (dst.baseAddress! + k * columns).update(from: src.baseAddress! + r * columns, count: columns)
                }
            }
        }
        return out
    }

    /// The transpose.
    public var transposed: Matrix {
        var out = Matrix(zeros: columns, rows)
        for r in 0..<rows { for c in 0..<columns { out.elements[c * rows + r] = elements[r * columns + c] } }
        return out
    }

    /// `op(lhs) · op(rhs)` through `dgemm`, where `op` transposes when asked.
    /// - Throws: `MatrixError.shapeMismatch` when the inner dimensions differ.
    public static func product(_ lhs: Matrix, _ rhs: Matrix, transposingLeft transposeLeft: Bool = false,
                               transposingRight transposeRight: Bool = false) throws -> Matrix {
        let m = transposeLeft ? lhs.columns : lhs.rows
        let k = transposeLeft ? lhs.rows : lhs.columns
        let k2 = transposeRight ? rhs.columns : rhs.rows
        let n = transposeRight ? rhs.rows : rhs.columns
        guard k == k2 else {
            throw MatrixError.shapeMismatch("cannot multiply \(m)×\(k) by \(k2)×\(n)")
        }
        var out = Matrix(zeros: m, n)
        if m == 0 || n == 0 { return out }
        if k == 0 { return out }
        // Row-major C = op(A)·op(B) is column-major Cᵀ = op(B)ᵀ·op(A)ᵀ: pass B first.
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                out.elements.withUnsafeMutableBufferPointer { c in
                    BLAS.realGemm(transposeRight ? .transpose : .none, transposeLeft ? .transpose : .none,
                                  m: n, n: m, k: k,
                                  a: b.baseAddress!, lda: rhs.columns,
                                  b: a.baseAddress!, ldb: lhs.columns,
                                  c: c.baseAddress!, ldc: n)
                }
            }
        }
        return out
    }

    /// Adds `vector` to every row.
    /// - Throws: `MatrixError.shapeMismatch` unless `vector.count == columns`.
    public mutating func addToEachRow(_ vector: [Double]) throws {
        guard vector.count == columns else {
            throw MatrixError.shapeMismatch("cannot add a vector of \(vector.count) to rows of \(columns)")
        }
        elements.withUnsafeMutableBufferPointer { e in
            for r in 0..<rows { for c in 0..<columns { e[r * columns + c] += vector[c] } }
        }
    }

    /// The sum of each column (a row vector).
    public var columnSums: [Double] {
        var sums = [Double](repeating: 0, count: columns)
        for r in 0..<rows { for c in 0..<columns { sums[c] += elements[r * columns + c] } }
        return sums
    }

    /// The matrix with `transform` applied to every entry.
    public func map(_ transform: (Double) -> Double) -> Matrix {
        var out = self
        out.elements = elements.map(transform)
        return out
    }

    /// Whether every entry is finite.
    public var isFinite: Bool { elements.allSatisfy(\.isFinite) }

    public var description: String {
        "Matrix(\(rows)×\(columns))"
    }
}

/// Errors of dense real matrices.
public enum MatrixError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shapes that do not fit together.
    case shapeMismatch(String)
    /// A value out of range (NaN entries, a count larger than a dimension, …).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .shapeMismatch(message): return "shape mismatch: \(message)"
        case let .invalidArgument(message): return "invalid argument: \(message)"
        }
    }
}

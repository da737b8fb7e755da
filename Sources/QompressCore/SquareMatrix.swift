import Numerics

/// A small dense complex matrix in row-major order: gate matrices, fused blocks and the
/// dense reference used in tests.
///
/// For a gate on qubits `[q0, q1, …]` the first qubit is the most significant bit of the
/// row and column index (the textbook order: CNOT on `[control, target]` is
/// `diag(1, 1, X)`).
public struct SquareMatrix: Hashable, Sendable, CustomStringConvertible {
    /// Number of rows (and columns).
    public let dimension: Int
    /// Entries in row-major order; `elements[r * dimension + c]`.
    public var elements: [Complex<Double>]

    /// Creates a matrix from row-major entries.
    /// - Throws: `CircuitError.wrongMatrixDimension` when the count is not a square.
    public init(dimension: Int, elements: [Complex<Double>]) throws {
        guard dimension > 0, elements.count == dimension * dimension else {
            throw CircuitError.wrongMatrixDimension(expected: dimension * dimension, got: elements.count)
        }
        self.dimension = dimension
        self.elements = elements
    }

    /// Creates a matrix from rows of entries.
    /// - Throws: `CircuitError.wrongMatrixDimension` when the rows do not form a square.
    public init(rows: [[Complex<Double>]]) throws {
        guard rows.allSatisfy({ $0.count == rows.count }) else {
            throw CircuitError.wrongMatrixDimension(expected: rows.count, got: rows.first?.count ?? 0)
        }
        try self.init(dimension: rows.count, elements: rows.flatMap { $0 })
    }

    /// Internal unchecked initialiser for matrices built by the package itself.
    @usableFromInline
    init(uncheckedDimension dimension: Int, elements: [Complex<Double>]) {
        self.dimension = dimension
        self.elements = elements
    }

    /// The identity of the given dimension.
    public static func identity(_ dimension: Int) -> SquareMatrix {
        var elements = [Complex<Double>](repeating: .zero, count: dimension * dimension)
        for i in 0..<dimension { elements[i * dimension + i] = .one }
        return SquareMatrix(uncheckedDimension: dimension, elements: elements)
    }

    /// A 2×2 matrix from its four entries.
    public static func two(_ a: Complex<Double>, _ b: Complex<Double>,
                           _ c: Complex<Double>, _ d: Complex<Double>) -> SquareMatrix {
        SquareMatrix(uncheckedDimension: 2, elements: [a, b, c, d])
    }

    /// A diagonal matrix.
    public static func diagonal(_ entries: [Complex<Double>]) -> SquareMatrix {
        var m = SquareMatrix.zero(entries.count)
        for (i, e) in entries.enumerated() { m[i, i] = e }
        return m
    }

    /// The zero matrix.
    public static func zero(_ dimension: Int) -> SquareMatrix {
        SquareMatrix(uncheckedDimension: dimension,
                     elements: [Complex<Double>](repeating: .zero, count: dimension * dimension))
    }

    /// The entry at `row`, `column`.
    @inlinable
    public subscript(row: Int, column: Int) -> Complex<Double> {
        get { elements[row * dimension + column] }
        set { elements[row * dimension + column] = newValue }
    }

    /// The conjugate transpose.
    public var adjoint: SquareMatrix {
        var m = SquareMatrix.zero(dimension)
        for r in 0..<dimension { for c in 0..<dimension { m[c, r] = self[r, c].conjugate } }
        return m
    }

    /// The matrix product `lhs · rhs`.
    /// - Precondition: equal dimensions.
    public static func * (lhs: SquareMatrix, rhs: SquareMatrix) -> SquareMatrix {
        precondition(lhs.dimension == rhs.dimension, "matrix dimensions differ")
        let n = lhs.dimension
        var m = SquareMatrix.zero(n)
        for r in 0..<n {
            for k in 0..<n {
                let a = lhs[r, k]
                if a == .zero { continue }
                for c in 0..<n { m[r, c] = m[r, c] + a * rhs[k, c] }
            }
        }
        return m
    }

    /// The Kronecker product `lhs ⊗ rhs` (`lhs` on the more significant index bits).
    public static func kron(_ lhs: SquareMatrix, _ rhs: SquareMatrix) -> SquareMatrix {
        let n = lhs.dimension * rhs.dimension
        var m = SquareMatrix.zero(n)
        for r1 in 0..<lhs.dimension { for c1 in 0..<lhs.dimension {
            let a = lhs[r1, c1]
            if a == .zero { continue }
            for r2 in 0..<rhs.dimension { for c2 in 0..<rhs.dimension {
                m[r1 * rhs.dimension + r2, c1 * rhs.dimension + c2] = a * rhs[r2, c2]
            } }
        } }
        return m
    }

    /// The largest entry of |U†U − I|, zero for an exactly unitary matrix.
    public var unitarityDeviation: Double {
        let p = adjoint * self
        var worst = 0.0
        for r in 0..<dimension { for c in 0..<dimension {
            let e = p[r, c] - (r == c ? .one : .zero)
            worst = Swift.max(worst, e.length)
        } }
        return worst
    }

    /// Largest entry-wise distance to `other`.
    /// - Precondition: equal dimensions.
    public func distance(to other: SquareMatrix) -> Double {
        precondition(dimension == other.dimension)
        var worst = 0.0
        for i in 0..<elements.count { worst = Swift.max(worst, (elements[i] - other.elements[i]).length) }
        return worst
    }

    /// Whether every entry is finite.
    public var isFinite: Bool { elements.allSatisfy { $0.real.isFinite && $0.imaginary.isFinite } }

    public var description: String {
        (0..<dimension).map { r in
            (0..<dimension).map { c in
                let e = self[r, c]
                return "\(e.real)\(e.imaginary < 0 ? "-" : "+")\(abs(e.imaginary))i"
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

import CLapack
import QompressCore

/// Eigenvalues and eigenvectors of a real symmetric matrix through LAPACKE's divide-and-conquer
/// `dsyevd`, with its `info` checked.
public enum SymmetricEigensolver {
    /// The eigen-decomposition A = V diag(λ) Vᵀ of the symmetric `matrix` (only its upper
    /// triangle is read).
    /// - Returns: the eigenvalues in ascending order and V, whose column j is the eigenvector
    ///   of eigenvalue j.
    /// - Throws: `MatrixError.shapeMismatch` for a non-square or empty matrix,
    ///   `MatrixError.invalidArgument` for non-finite entries, and
    ///   `SimulationError.lapackFailure` when `dsyevd` reports an error.
    public static func decompose(_ matrix: Matrix) throws -> (values: [Double], vectors: Matrix) {
        let d = matrix.rows
        guard d >= 1, matrix.columns == d else {
            throw MatrixError.shapeMismatch("an eigen-decomposition needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        }
        guard d < 46_341 else { throw MatrixError.invalidArgument("a \(d)×\(d) matrix is too large for LAPACK's 32-bit indices") }
        guard matrix.isFinite else { throw MatrixError.invalidArgument("the matrix has NaN or infinite entries") }
        // Row-major upper triangle = column-major lower triangle of a symmetric matrix.
        BLAS.applyThreadingPolicy()
        var vectors = matrix
        var values = [Double](repeating: 0, count: d)
        let info = vectors.elements.withUnsafeMutableBufferPointer { a in
            values.withUnsafeMutableBufferPointer { w in
                LAPACKE_dsyevd(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                               Int32(d), a.baseAddress, Int32(d), w.baseAddress)
            }
        }
        try requireLAPACKSuccess(info, "dsyevd")
        return (values, vectors)
    }
}

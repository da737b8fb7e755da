/// A square matrix checked unitary to 1e-10 at construction: the payload of the
/// arbitrary-unitary gates.
public struct UnitaryMatrix: Hashable, Sendable {
    /// The tolerance on max |U†U − I| accepted by `init(_:)`.
    public static let tolerance = 1e-10

    /// The checked matrix.
    public let matrix: SquareMatrix

    /// Wraps `matrix` after checking that it is finite and unitary.
    /// - Throws: `CircuitError.nonUnitaryMatrix` when max |U†U − I| > 1e-10.
    public init(_ matrix: SquareMatrix) throws {
        guard matrix.isFinite else { throw CircuitError.nonUnitaryMatrix(deviation: .infinity) }
        let deviation = matrix.unitarityDeviation
        guard deviation <= UnitaryMatrix.tolerance else { throw CircuitError.nonUnitaryMatrix(deviation: deviation) }
        self.matrix = matrix
    }

    /// Wraps a matrix the package computed and knows to be unitary.
    init(trusted matrix: SquareMatrix) { self.matrix = matrix }

    /// The number of qubits the matrix acts on.
    public var qubitCount: Int { matrix.dimension.trailingZeroBitCount }

    /// The inverse (conjugate transpose).
    public var adjoint: UnitaryMatrix { UnitaryMatrix(trusted: matrix.adjoint) }
}

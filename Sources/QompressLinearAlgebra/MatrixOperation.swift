import CLapack

/// How a matrix operand enters a product: as stored, transposed, or conjugate-transposed.
public enum MatrixOperation: Hashable, Sendable {
    /// The matrix as stored, `A`.
    case none
    /// The transpose `Aᵀ`.
    case transpose
    /// The conjugate transpose `A†`.
    case adjoint

    /// The CBLAS flag for this operation.
    var cblas: CBLAS_TRANSPOSE {
        switch self {
        case .none: return CblasNoTrans
        case .transpose: return CblasTrans
        case .adjoint: return CblasConjTrans
        }
    }
}

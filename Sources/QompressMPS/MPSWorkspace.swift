import Numerics
import QompressLinearAlgebra

/// Reusable scratch memory and LAPACK drivers of one MPS, so the hot path allocates nothing
/// once the bond dimensions have stopped growing.
final class MPSWorkspace {
    let svd = SingularValueDecomposer()
    let realSVD = RealSingularValueDecomposer()
    let realGram = RealGramDecomposer()
    let factorizer = OrthogonalFactorizer()
    let realFactorizer = RealOrthogonalFactorizer()
    /// Merged two-site tensor Θ.
    let theta = WorkspaceBuffer<Complex<Double>>()
    /// Θ after the gate.
    let gated = WorkspaceBuffer<Complex<Double>>()
    /// Left singular vectors / Q factors.
    let u = WorkspaceBuffer<Complex<Double>>()
    /// Right singular vectors (V†) / R and L factors.
    let vt = WorkspaceBuffer<Complex<Double>>()
    /// Singular values.
    let s = WorkspaceBuffer<Double>()
    /// Real-arithmetic buffers for the real fast path.
    let realA = WorkspaceBuffer<Double>()
    let realB = WorkspaceBuffer<Double>()
    let realTheta = WorkspaceBuffer<Double>()
    let realGated = WorkspaceBuffer<Double>()
    let realU = WorkspaceBuffer<Double>()
    let realVT = WorkspaceBuffer<Double>()
    /// General scratch.
    let scratch = WorkspaceBuffer<Complex<Double>>()
    let scratch2 = WorkspaceBuffer<Complex<Double>>()
}

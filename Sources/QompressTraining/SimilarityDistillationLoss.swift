import Foundation
import QompressLinearAlgebra

/// Distils a teacher's similarity structure over a batch into latent distances.
///
/// For queries a_i and candidates b_j (e.g. the text and image latents of one mini-batch) and
/// teacher similarities C_ij (e.g. CLIP cosines of the original embeddings):
///
///     p_i = softmax_j(C_ij / τ)                (teacher, per query)
///     q_i = softmax_j(−‖a_i − b_j‖² / (2τ))     (student, per query)
///     L   = ½ [ (1/B_a) Σ_i KL(p_i ‖ q_i) + (1/B_b) Σ_j KL(p^j ‖ q^j) ]
///
/// where the second sum is the same over queries for every candidate (both retrieval
/// directions). The student's temperature 2τ on squared distances makes the two agree exactly
/// when latents keep the distances of unit-norm embeddings (‖x − y‖² = 2 − 2 cos).
///
/// Gradients: with G_ij = ∂L/∂s_ij = ½[(q_ij − p_ij)/B_a + (q^j_i − p^j_i)/B_b] and
/// s_ij = −‖a_i − b_j‖²/(2τ): ∂L/∂a_i = −Σ_j G_ij (a_i − b_j)/τ, ∂L/∂b_j = Σ_i G_ij (a_i − b_j)/τ.
public enum SimilarityDistillationLoss {
    /// The loss and its gradients with respect to both latent batches.
    /// - Parameters:
    ///   - queries: B_a × k latents.
    ///   - candidates: B_b × k latents.
    ///   - teacherSimilarities: B_a × B_b similarities of the originals.
    ///   - temperature: τ > 0.
    /// - Throws: `TrainingError.dimensionMismatch` for inconsistent shapes,
    ///   `TrainingError.invalidHyperparameter` for a non-positive τ,
    ///   `TrainingError.nonFiniteValue` for non-finite teacher similarities.
    public static func evaluate(queries: Matrix, candidates: Matrix, teacherSimilarities: Matrix,
                                temperature: Double) throws -> (value: Double, gradientQueries: Matrix, gradientCandidates: Matrix) {
        let a = queries, b = candidates, c = teacherSimilarities, tau = temperature
        guard a.columns == b.columns, c.rows == a.rows, c.columns == b.rows else {
            throw TrainingError.dimensionMismatch(
                "distillation of \(a.rows)×\(a.columns) queries and \(b.rows)×\(b.columns) candidates needs \(a.rows)×\(b.rows) teacher similarities, got \(c.rows)×\(c.columns)")
        }
        guard tau > 0, tau.isFinite else { throw TrainingError.invalidHyperparameter("distillation temperature must be positive, got \(tau)") }
        guard c.isFinite else { throw TrainingError.nonFiniteValue("teacher similarity") }
        let n = a.rows, m = b.rows, k = a.columns
        var ga = Matrix(zeros: n, k), gb = Matrix(zeros: m, k)
        guard n > 0, m > 0 else { return (0, ga, gb) }
        let squared = try PairwiseDistances.squared(a, b)
        var student = squared.map { -$0 / (2 * tau) }
        let teacher = c.map { $0 / tau }
        // G accumulates ∂L/∂s; the value sums both directions.
        var g = Matrix(zeros: n, m)
        var value = 0.0
        value += accumulate(student: &student, teacher: teacher, rows: n, columns: m, rowStride: m, columnStride: 1,
                            weight: 0.5 / Double(n), into: &g)
        value += accumulate(student: &student, teacher: teacher, rows: m, columns: n, rowStride: 1, columnStride: m,
                            weight: 0.5 / Double(m), into: &g)
        for i in 0..<n {
            for j in 0..<m {
                let w = g[i, j] / tau
                guard w != 0 else { continue }
                for d in 0..<k {
                    let diff = a[i, d] - b[j, d]
                    ga.elements[i * k + d] -= w * diff
                    gb.elements[j * k + d] += w * diff
                }
            }
        }
        return (value, ga, gb)
    }

    /// Σ over the `rows` softmax groups (elements at `r · rowStride + c · columnStride`) of
    /// weight · KL(teacher ‖ student), adding weight · (q − p) to `g`.
    private static func accumulate(student: inout Matrix, teacher: Matrix, rows: Int, columns: Int, rowStride: Int,
                                   columnStride: Int, weight: Double, into g: inout Matrix) -> Double {
        var total = 0.0
        var p = [Double](repeating: 0, count: columns), q = p
        for r in 0..<rows {
            func index(_ c: Int) -> Int { r * rowStride + c * columnStride }
            let logP = logSoftmax((0..<columns).map { teacher.elements[index($0)] })
            let logQ = logSoftmax((0..<columns).map { student.elements[index($0)] })
            for c in 0..<columns {
                p[c] = Foundation.exp(logP[c])
                q[c] = Foundation.exp(logQ[c])
                if p[c] > 0 { total += weight * p[c] * (logP[c] - logQ[c]) }
                g.elements[index(c)] += weight * (q[c] - p[c])
            }
        }
        return total
    }

    /// log softmax, stable for large logits.
    public static func logSoftmax(_ x: [Double]) -> [Double] {
        let top = x.max() ?? 0
        let logZ = top + Foundation.log(x.reduce(0) { $0 + Foundation.exp($1 - top) })
        return x.map { $0 - logZ }
    }
}

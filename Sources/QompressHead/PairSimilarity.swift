import Foundation
import QompressCore
import QompressLinearAlgebra

/// A differentiable similarity of two model outputs, used to score retrieval candidates and as
/// the logit of the contrastive loss.
public protocol PairSimilarity: Sendable {
    /// sim(a, b).
    func value(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double
    /// Adds g · ∂sim/∂a to `gradientA` and g · ∂sim/∂b to `gradientB`.
    func accumulateGradient(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, scale g: Double,
                            gradientA: UnsafeMutableBufferPointer<Double>, gradientB: UnsafeMutableBufferPointer<Double>)
    /// A score that ranks documents in the same order as `value` (may be cheaper or more
    /// robust, e.g. log-fidelity).
    func rankingScore(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double
}

extension PairSimilarity {
    public func rankingScore(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double { value(a, b) }

    /// sim of two arrays.
    /// - Throws: `HeadError.dimensionMismatch` for different lengths.
    public func value(_ a: [Double], _ b: [Double]) throws -> Double {
        guard a.count == b.count else { throw HeadError.dimensionMismatch("cannot compare vectors of \(a.count) and \(b.count) values") }
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in value(pa, pb) } }
    }

    /// The ranking score of every (query, document) pair, `queries.rows × documents.rows`.
    /// - Throws: `HeadError.dimensionMismatch` for different widths.
    public func scores(queries: Matrix, documents: Matrix, threads: Int = 0) throws -> Matrix {
        guard queries.columns == documents.columns else {
            throw HeadError.dimensionMismatch("queries have \(queries.columns) columns, documents \(documents.columns)")
        }
        var out = Matrix(zeros: queries.rows, documents.rows)
        let n = queries.columns
        queries.elements.withUnsafeBufferPointer { q in
        documents.elements.withUnsafeBufferPointer { d in
        out.elements.withUnsafeMutableBufferPointer { o in
            nonisolated(unsafe) let o = o
            ParallelLoop.forEach(tasks: queries.rows, threads: ParallelLoop.resolve(threads: threads)) { i in
                let qa = UnsafeBufferPointer(rebasing: q[(i * n)..<((i + 1) * n)])
                for j in 0..<documents.rows {
                    o[i * documents.rows + j] = rankingScore(qa, UnsafeBufferPointer(rebasing: d[(j * n)..<((j + 1) * n)]))
                }
            }
        }}}
        return out
    }
}

/// Fidelity of two product states given as real amplitude pairs (the head's output layout):
/// F(p, q) = Π_k |⟨p_k|q_k⟩|² = Π_k (p_k0 q_k0 + p_k1 q_k1)². Ranks by log F.
public struct FidelitySimilarity: PairSimilarity {
    /// Creates the similarity.
    public init() {}

    public func value(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var f = 1.0
        for k in 0..<(a.count / 2) {
            let o = a[2 * k] * b[2 * k] + a[2 * k + 1] * b[2 * k + 1]
            f *= o * o
        }
        return f
    }

    public func rankingScore(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for k in 0..<(a.count / 2) {
            let o = abs(a[2 * k] * b[2 * k] + a[2 * k + 1] * b[2 * k + 1])
            s += 2 * Foundation.log(max(o, 1e-300))
        }
        return s
    }

    public func accumulateGradient(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, scale g: Double,
                                   gradientA: UnsafeMutableBufferPointer<Double>, gradientB: UnsafeMutableBufferPointer<Double>) {
        let n = a.count / 2
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n + 1) { scratch in
            _ = valueAccumulatingGradient(a.baseAddress!, b.baseAddress!, pairs: n, scale: g,
                                          gradientA: gradientA.baseAddress!, gradientB: gradientB.baseAddress!,
                                          scratch: scratch.baseAddress!)
        }
    }

    /// F(a, b) for `pairs` amplitude pairs, adding g · ∂F/∂a to `gradientA` and g · ∂F/∂b to
    /// `gradientB` on the way; `scratch` holds at least 2 · pairs + 1 doubles.
    /// ∂F/∂o_k = 2 o_k Π_{i≠k} o_i² comes from prefix and suffix products, so a zero overlap
    /// needs no division.
    func valueAccumulatingGradient(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, pairs n: Int, scale g: Double,
                                   gradientA: UnsafeMutablePointer<Double>, gradientB: UnsafeMutablePointer<Double>,
                                   scratch: UnsafeMutablePointer<Double>) -> Double {
        let overlaps = scratch, suffix = scratch + n
        for k in 0..<n { overlaps[k] = a[2 * k] * b[2 * k] + a[2 * k + 1] * b[2 * k + 1] }
        suffix[n] = 1
        for k in stride(from: n - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] * overlaps[k] * overlaps[k] }
        var prefix = 1.0
        for k in 0..<n {
            let dO = g * 2 * overlaps[k] * prefix * suffix[k + 1]
            gradientA[2 * k] += dO * b[2 * k]
            gradientA[2 * k + 1] += dO * b[2 * k + 1]
            gradientB[2 * k] += dO * a[2 * k]
            gradientB[2 * k + 1] += dO * a[2 * k + 1]
            prefix *= overlaps[k] * overlaps[k]
        }
        return suffix[0]
    }
}

/// Cosine similarity a·b / (‖a‖‖b‖) (the classical head's and the raw embeddings' similarity).
public struct CosineSimilarityMeasure: PairSimilarity {
    /// Creates the similarity.
    public init() {}

    public func value(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in 0..<a.count { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        let den = (na * nb).squareRoot()
        return den > 0 ? dot / den : 0
    }

    public func accumulateGradient(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, scale g: Double,
                                   gradientA: UnsafeMutableBufferPointer<Double>, gradientB: UnsafeMutableBufferPointer<Double>) {
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in 0..<a.count { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        let la = na.squareRoot(), lb = nb.squareRoot()
        guard la > 0, lb > 0 else { return }
        let c = dot / (la * lb)
        for i in 0..<a.count {
            gradientA[i] += g * (b[i] / (la * lb) - c * a[i] / na)
            gradientB[i] += g * (a[i] / (la * lb) - c * b[i] / nb)
        }
    }
}

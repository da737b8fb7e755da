import QompressCore
import QompressLinearAlgebra

/// The loss mean_i (1 − F(o_i, o_{i+P})) over a batch of 2P head outputs whose row i + P is
/// row i's positive (the W6 benchmark's loss), with its gradient, batched and allocation-free
/// apart from one k-value scratch buffer per worker.
///
/// F and its gradient are `FidelitySimilarity`'s (one pass per pair, on a per-worker scratch).
public struct PairedFidelityLoss: Sendable {
    /// Worker threads (0 = all cores). The loss is summed in pair order whatever the count.
    public var threads: Int

    /// Creates the loss.
    public init(threads: Int = 0) {
        self.threads = threads
    }

    /// The loss of `outputs` (2P rows of k amplitude pairs) and its gradient, written into
    /// `gradient` (replaced by a new matrix of the outputs' shape when its shape differs).
    /// - Throws: `HeadError.dimensionMismatch` for an odd or zero row count or an odd width.
    public func evaluate(_ outputs: Matrix, gradient: inout Matrix) throws -> Double {
        guard outputs.rows >= 2, outputs.rows % 2 == 0, outputs.columns % 2 == 0 else {
            throw HeadError.dimensionMismatch("paired outputs need an even, non-zero number of rows and columns, got \(outputs.rows)×\(outputs.columns)")
        }
        if gradient.rows != outputs.rows || gradient.columns != outputs.columns {
            gradient = Matrix(zeros: outputs.rows, outputs.columns)
        }
        let pairs = outputs.rows / 2, width = outputs.columns, k = width / 2
        let workers = max(1, min(ParallelLoop.resolve(threads: threads), pairs))
        let scale = -1 / Double(pairs)
        let similarity = FidelitySimilarity()
        var losses = [Double](repeating: 0, count: pairs)
        outputs.elements.withUnsafeBufferPointer { o in
        gradient.elements.withUnsafeMutableBufferPointer { g in
        losses.withUnsafeMutableBufferPointer { l in
            nonisolated(unsafe) let g = g, l = l
            ParallelLoop.forEachRange(tasks: pairs, threads: workers) { _, range in
                let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 2 * k + 1)
                defer { scratch.deallocate() }
                for i in range {
                    let ga = g.baseAddress! + i * width, gb = g.baseAddress! + (i + pairs) * width
                    // The gradient buffer may be reused: each pair's rows are cleared, then filled.
                    ga.update(repeating: 0, count: width)
                    gb.update(repeating: 0, count: width)
                    l[i] = 1 - similarity.valueAccumulatingGradient(
                        o.baseAddress! + i * width, o.baseAddress! + (i + pairs) * width, pairs: k, scale: scale,
                        gradientA: ga, gradientB: gb, scratch: scratch)
                }
            }
        }}}
        return losses.reduce(0, +) / Double(pairs)
    }
}

import QompressCore
import QompressLinearAlgebra

/// The loss mean_i (1 − F(o_i, o_{i+P})) over a batch of 2P head outputs whose row i + P is
/// row i's positive (the W6 benchmark's loss), with its gradient, batched and allocation-free
/// apart from one k-value scratch buffer per worker.
///
/// F is `FidelitySimilarity`'s product of squared overlaps; ∂F/∂o_k = 2 o_k Π_{i≠k} o_i² comes
/// from prefix and suffix products, so a zero overlap needs no division.
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
        var losses = [Double](repeating: 0, count: pairs)
        outputs.elements.withUnsafeBufferPointer { o in
        gradient.elements.withUnsafeMutableBufferPointer { g in
        losses.withUnsafeMutableBufferPointer { l in
            nonisolated(unsafe) let g = g, l = l
            ParallelLoop.forEachRange(tasks: pairs, threads: workers) { _, range in
                let suffix = UnsafeMutablePointer<Double>.allocate(capacity: k + 1)
                defer { suffix.deallocate() }
                for i in range {
                    let a = o.baseAddress! + i * width, b = o.baseAddress! + (i + pairs) * width
                    let ga = g.baseAddress! + i * width, gb = g.baseAddress! + (i + pairs) * width
                    suffix[k] = 1
                    for j in stride(from: k - 1, through: 0, by: -1) {
                        let overlap = a[2 * j] * b[2 * j] + a[2 * j + 1] * b[2 * j + 1]
                        suffix[j] = suffix[j + 1] * overlap * overlap
                    }
                    l[i] = 1 - suffix[0]
                    var prefix = 1.0
                    for j in 0..<k {
                        let overlap = a[2 * j] * b[2 * j] + a[2 * j + 1] * b[2 * j + 1]
                        let dO = scale * 2 * overlap * prefix * suffix[j + 1]
                        ga[2 * j] = dO * b[2 * j]
                        ga[2 * j + 1] = dO * b[2 * j + 1]
                        gb[2 * j] = dO * a[2 * j]
                        gb[2 * j + 1] = dO * a[2 * j + 1]
                        prefix *= overlap * overlap
                    }
                }
            }
        }}}
        return losses.reduce(0, +) / Double(pairs)
    }
}

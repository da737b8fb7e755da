import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressMPS

/// Beyond the paper: an entangled read-out of a trained head, kept as an MPS with χ_max as
/// the knob.
///
/// The k output qubits of the product head are loaded into one MPS register; then a ladder of
/// data-dependent RZZ(λ · θ_j) gates on neighbours (j, j + 1) re-uploads the features that the
/// first stage folded away (θ_j is the encoding angle of input qubit j of the last block). The
/// register is truncated to χ_max after every gate (χ = 1 keeps it a product state) and two
/// embeddings are compared by |⟨ψ|φ⟩|², the MPS overlap. λ = 0 reproduces the product head's
/// fidelity exactly. No new parameters are trained: this measures whether letting entanglement
/// carry the dropped features helps retrieval, and how that depends on χ.
public struct EntangledProjection {
    /// The trained product head whose outputs seed the register.
    public let head: QuantumInspiredHead
    /// χ_max of the register.
    public let maxBondDimension: Int
    /// λ, the strength of the re-uploading gates.
    public let strength: Double

    /// Creates the projection.
    /// - Throws: `HeadError.invalidArgument` for χ_max < 1 or a non-finite λ.
    public init(head: QuantumInspiredHead, maxBondDimension: Int, strength: Double) throws {
        guard maxBondDimension >= 1, strength.isFinite else {
            throw HeadError.invalidArgument("χ_max must be ≥ 1 and λ finite, got \(maxBondDimension), \(strength)")
        }
        self.head = head
        self.maxBondDimension = maxBondDimension
        self.strength = strength
    }

    /// The register of one embedding.
    /// - Throws: `HeadError.dimensionMismatch` for the wrong width; MPS errors.
    public func state(of row: [Double]) throws -> MPSBackend {
        let plan = head.plan, k = plan.outputDimension
        let output = try head.encode(Matrix(rows: 1, columns: row.count, elements: row))
        let register = try MPSBackend(qubitCount: k, configuration: MPSConfiguration(maxBondDimension: maxBondDimension, cutoff: 1e-12))
        try register.prepare(productState: (0..<k).map { try QubitState(alpha: .init(output[0, 2 * $0]), beta: .init(output[0, 2 * $0 + 1])) })
        if strength != 0, k > 1 {
            for j in 0..<(k - 1) {
                let theta = QubitEncoding.angle(row[plan.qubit(block: plan.firstControlBlock, position: j)])
                try register.apply(Instruction(.rzz(.constant(strength * theta)), [j, j + 1], qubitCount: k))
            }
        }
        return register
    }

    /// |⟨ψ(q)|ψ(d)⟩|² for every query and document, `queries.rows × documents.rows`.
    /// - Throws: as `state(of:)`.
    public func scores(queries: Matrix, documents: Matrix, threads: Int = 0) throws -> Matrix {
        let workers = ParallelLoop.resolve(threads: threads)
        func states(_ m: Matrix) throws -> [MPSBackend] {
            var out = [MPSBackend?](repeating: nil, count: m.rows)
            var failure: Error?
            out.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let buffer = buffer
                nonisolated(unsafe) var failureSlot = failure
                ParallelLoop.forEach(tasks: m.rows, threads: workers) { r in
                    do { buffer[r] = try state(of: m.row(r)) } catch { failureSlot = error }
                }
                failure = failureSlot
            }
            if let failure { throw failure }
            return out.map { $0! }
        }
        let q = try states(queries), d = try states(documents)
        // Flush pending gates once, serially, so that the parallel overlaps below only read.
        for s in q + d { _ = try s.innerProduct(with: s) }
        var result = Matrix(zeros: queries.rows, documents.rows)
        var failure: Error?
        result.elements.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            nonisolated(unsafe) var failureSlot = failure
            ParallelLoop.forEach(tasks: queries.rows, threads: workers) { i in
                for j in 0..<d.count {
                    do { buffer[i * d.count + j] = try q[i].innerProduct(with: d[j]).lengthSquared } catch { failureSlot = error }
                }
            }
            failure = failureSlot
        }
        if let failure { throw failure }
        return result
    }
}

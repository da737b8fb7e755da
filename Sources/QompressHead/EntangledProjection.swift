import Foundation
import QompressCore
import QompressLinearAlgebra

/// Beyond the paper: an entangled read-out of a trained head, on any backend (an MPS with
/// χ_max as the knob, as `head sweep --chi` uses it).
///
/// The k output qubits of the product head are loaded into one MPS register; then a ladder of
/// data-dependent RZZ(λ · θ_j) gates on neighbours (j, j + 1) re-uploads the features that the
/// first stage folded away (θ_j is the encoding angle of input qubit j of the last block). The
/// register is truncated to χ_max after every gate (χ = 1 keeps it a product state) and two
/// embeddings are compared by |⟨ψ|φ⟩|², the MPS overlap. λ = 0 reproduces the product head's
/// fidelity exactly. No new parameters are trained: this measures whether letting entanglement
/// carry the dropped features helps retrieval, and how that depends on χ.
public struct EntangledProjection<Configuration: BackendConfiguration> {
    /// The trained product head whose outputs seed the register.
    public let head: QuantumInspiredHead
    /// The register's backend and its settings (for a truncating backend, χ_max is the knob).
    public let configuration: Configuration
    /// λ, the strength of the re-uploading gates.
    public let strength: Double

    /// Creates the projection.
    /// - Throws: `HeadError.invalidArgument` for a non-finite λ.
    public init(head: QuantumInspiredHead, configuration: Configuration, strength: Double) throws {
        guard strength.isFinite else { throw HeadError.invalidArgument("λ must be finite, got \(strength)") }
        self.head = head
        self.configuration = configuration
        self.strength = strength
    }

    /// The register of one embedding.
    /// - Throws: `HeadError.dimensionMismatch` for the wrong width; the backend's errors.
    public func state(of row: [Double]) throws -> Configuration.Register {
        let plan = head.plan, k = plan.outputDimension
        let output = try head.encode(Matrix(rows: 1, columns: row.count, elements: row))
        let register = try configuration.makeRegister(qubitCount: k)
        try register.prepare(productState: (0..<k).map { try QubitState(alpha: .init(output[0, 2 * $0]), beta: .init(output[0, 2 * $0 + 1])) })
        if strength != 0, k > 1 {
            for j in 0..<(k - 1) {
                let theta = QubitEncoding.angle(row[plan.qubit(block: plan.firstControlBlock, position: j)])
                try register.apply(Instruction(.rzz(.constant(strength * theta)), [j, j + 1], qubitCount: k))
            }
        }
        register.settle()
        return register
    }

    /// |⟨ψ(q)|ψ(d)⟩|² for every query and document, `queries.rows × documents.rows`. Registers
    /// are built in parallel (one per task) and settled, so the overlaps only read them.
    /// - Throws: as `state(of:)`; the error of the first failing row.
    public func scores(queries: Matrix, documents: Matrix, threads: Int = 0) throws -> Matrix {
        let workers = ParallelLoop.resolve(threads: threads)
        let q = try ParallelLoop.map(tasks: queries.rows, threads: workers) { try state(of: queries.row($0)) }
        let d = try ParallelLoop.map(tasks: documents.rows, threads: workers) { try state(of: documents.row($0)) }
        let rows = try ParallelLoop.map(tasks: q.count, threads: workers) { i in
            try d.map { try q[i].innerProduct(with: $0).lengthSquared }
        }
        return try Matrix(rows: queries.rows, columns: documents.rows, elements: rows.flatMap { $0 })
    }
}

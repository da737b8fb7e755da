import CMPI
import QompressLinearAlgebra

extension Communicator {
    /// Every rank's `values`, on every rank, indexed by rank (the counts may differ).
    /// - Throws: `MPIError`.
    public func allGather(_ values: [Double]) throws -> [[Double]] {
        try allGatherVariable(values, zero: 0, datatype: cmpi_double())
    }

    /// Every rank's bytes, on every rank, indexed by rank (the counts may differ).
    /// - Throws: `MPIError`.
    public func allGather(bytes: [UInt8]) throws -> [[UInt8]] {
        try allGatherVariable(bytes, zero: 0, datatype: cmpi_byte())
    }

    /// `MPI_Allgatherv` of arrays of `datatype` elements, split back into one array per rank.
    private func allGatherVariable<Element>(_ values: [Element], zero: Element,
                                            datatype: MPI_Datatype) throws -> [[Element]] {
        guard case let .mpi(comm) = storage else { return [values] }
        let (counts, displacements) = try gatherCounts(values.count, comm: comm)
        var result = [Element](repeating: zero, count: Int(displacements.last! + counts.last!))
        try values.withUnsafeBufferPointer { send in
            try result.withUnsafeMutableBufferPointer { receive in
                try MPIEnvironment.check(
                    MPI_Allgatherv(send.baseAddress, Int32(values.count), datatype, receive.baseAddress,
                                   counts, displacements, datatype, comm), "MPI_Allgatherv")
            }
        }
        return (0..<size).map { Array(result[Int(displacements[$0])..<Int(displacements[$0] + counts[$0])]) }
    }

    /// Replaces `values` on every rank by the element-wise sum over ranks, added in rank order
    /// ((v₀ + v₁) + v₂ …) on every rank, so the result has the same bits on every rank and for
    /// every launch. (`MPI_Allreduce` with `MPI_SUM` may add in any order; this gathers every
    /// rank's vector with `MPI_Allgatherv` and adds locally.)
    /// - Throws: `MPIError.invalidArgument` (on every rank) when the ranks' counts differ.
    public func allReduceSum(_ values: inout [Double]) throws {
        guard case .mpi = storage else { return }
        let all = try allGather(values)
        guard all.allSatisfy({ $0.count == values.count }) else {
            throw MPIError.invalidArgument("all-reduce of vectors of different lengths \(all.map(\.count))")
        }
        for i in values.indices {
            var sum = all[0][i]
            for r in 1..<size { sum += all[r][i] }
            values[i] = sum
        }
    }

    /// `allReduceSum` of a matrix's elements, in place.
    /// - Throws: `MPIError.invalidArgument` when the ranks' shapes differ.
    public func allReduceSum(_ matrix: inout Matrix) throws {
        let shapes = try allGather([Double(matrix.rows), Double(matrix.columns)])
        guard shapes.allSatisfy({ $0 == shapes[0] }) else {
            throw MPIError.invalidArgument("all-reduce of matrices of different shapes \(shapes.map { "\(Int($0[0]))×\(Int($0[1]))" })")
        }
        try allReduceSum(&matrix.elements)
    }

    /// Replaces `values` on every rank by rank `root`'s (whose count wins).
    /// - Throws: `MPIError`, `.invalidArgument` for a root outside the ranks.
    public func broadcast(_ values: inout [Double], from root: Int = 0) throws {
        guard case let .mpi(comm) = storage else { return try checkRoot(root) }
        try checkRoot(root)
        var count = [Int64(values.count)]
        try MPIEnvironment.check(MPI_Bcast(&count, 1, cmpi_int64(), Int32(root), comm), "MPI_Bcast")
        guard count[0] <= Int64(Int32.max) else { throw MPIError.invalidArgument("broadcast of \(count[0]) values") }
        if rank != root { values = [Double](repeating: 0, count: Int(count[0])) }
        try values.withUnsafeMutableBufferPointer { buffer in
            try MPIEnvironment.check(MPI_Bcast(buffer.baseAddress, Int32(count[0]), cmpi_double(), Int32(root), comm),
                                     "MPI_Bcast")
        }
    }

    /// The row blocks of every rank stacked in rank order, on rank `root`; `nil` on the others.
    /// Every block must have the same column count.
    /// - Throws: `MPIError`, `.invalidArgument` (on every rank) when the column counts differ.
    public func gatherRows(_ block: Matrix, to root: Int = 0) throws -> Matrix? {
        guard case let .mpi(comm) = storage else {
            try checkRoot(root)
            return block
        }
        try checkRoot(root)
        let shapes = try allGather([Double(block.rows), Double(block.columns)])
        guard shapes.allSatisfy({ $0[1] == shapes[0][1] }) else {
            throw MPIError.invalidArgument("gather of row blocks with different column counts \(shapes.map { Int($0[1]) })")
        }
        let counts = try shapes.map { try Self.int32(Int($0[0]) * Int($0[1])) }
        var displacements = [Int32](repeating: 0, count: size)
        for r in 1..<max(size, 1) { displacements[r] = try Self.int32(Int(displacements[r - 1]) + Int(counts[r - 1])) }
        let total = Int(displacements.last! + counts.last!)
        var result = [Double](repeating: 0, count: rank == root ? total : 0)
        try block.elements.withUnsafeBufferPointer { send in
            try result.withUnsafeMutableBufferPointer { receive in
                try MPIEnvironment.check(
                    MPI_Gatherv(send.baseAddress, Int32(block.elements.count), cmpi_double(), receive.baseAddress,
                                counts, displacements, cmpi_double(), Int32(root), comm), "MPI_Gatherv")
            }
        }
        guard rank == root else { return nil }
        let rows = shapes.reduce(0) { $0 + Int($1[0]) }
        return try Matrix(rows: rows, columns: Int(shapes[0][1]), elements: result)
    }

    /// The row blocks of every rank stacked in rank order, on every rank.
    /// - Throws: `MPIError`, `.invalidArgument` when the column counts differ.
    public func allGatherRows(_ block: Matrix) throws -> Matrix {
        let all = try allGather([Double(block.columns)] + block.elements)
        guard all.allSatisfy({ $0[0] == all[0][0] }) else {
            throw MPIError.invalidArgument("gather of row blocks with different column counts \(all.map { Int($0[0]) })")
        }
        let columns = Int(all[0][0])
        let elements = all.flatMap { $0.dropFirst() }
        return try Matrix(rows: columns == 0 ? 0 : elements.count / columns, columns: columns, elements: elements)
    }

    private func checkRoot(_ root: Int) throws {
        guard (0..<size).contains(root) else { throw MPIError.invalidArgument("root \(root) outside ranks 0..<\(size)") }
    }

    /// Every rank's count and the displacements of their blocks, as MPI's 32-bit integers.
    private func gatherCounts(_ count: Int, comm: MPI_Comm) throws -> (counts: [Int32], displacements: [Int32]) {
        var mine = [Int64(count)]
        var all = [Int64](repeating: 0, count: size)
        try MPIEnvironment.check(MPI_Allgather(&mine, 1, cmpi_int64(), &all, 1, cmpi_int64(), comm), "MPI_Allgather")
        let counts = try all.map { try Self.int32(Int($0)) }
        var displacements = [Int32](repeating: 0, count: size)
        for r in 1..<max(size, 1) { displacements[r] = try Self.int32(Int(displacements[r - 1]) + Int(counts[r - 1])) }
        _ = try Self.int32(Int(displacements.last!) + Int(counts.last!))
        return (counts, displacements)
    }

    /// `value` as MPI's `int`, or `MPIError.invalidArgument` when it does not fit.
    static func int32(_ value: Int) throws -> Int32 {
        guard let v = Int32(exactly: value), v >= 0 else {
            throw MPIError.invalidArgument("a message of \(value) elements exceeds MPI's 32-bit counts")
        }
        return v
    }
}

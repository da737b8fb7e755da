import Foundation

extension Communicator {
    /// Runs the independent jobs `0..<count` spread over the ranks (job i on rank i mod size) and
    /// returns every job's result, in job order, on every rank. Results travel as JSON, which
    /// carries every `Double` exactly (NaN and infinities as strings), so the list equals the
    /// one a single process computes. On the local communicator the jobs simply run in order.
    /// - Throws: `MPIError.ranksFailed` on every rank when a job fails on any rank, naming it.
    public func map<T: Codable>(jobs count: Int, _ body: (Int) throws -> T) throws -> [T] {
        guard case .mpi = storage else { return try (0..<count).map(body) }
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let mine = try allSucceed { () throws -> [UInt8] in
            let results = try stride(from: rank, to: count, by: size).map(body)
            return Array(try encoder.encode(results))
        }
        let all = try allGather(bytes: mine)
        var results = [T?](repeating: nil, count: count)
        for (r, bytes) in all.enumerated() {
            let decoded: [T]
            do { decoded = try decoder.decode([T].self, from: Data(bytes)) } catch {
                throw MPIError.invalidArgument("the results of rank \(r) cannot be decoded: \(error)")
            }
            let indices = Array(stride(from: r, to: count, by: size))
            guard decoded.count == indices.count else {
                throw MPIError.invalidArgument("rank \(r) returned \(decoded.count) results for \(indices.count) jobs")
            }
            for (i, value) in zip(indices, decoded) { results[i] = value }
        }
        return results.map { $0! }
    }
}

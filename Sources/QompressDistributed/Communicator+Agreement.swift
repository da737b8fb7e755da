extension Communicator {
    /// Runs `body` on every rank, then lets every rank learn whether any rank failed: when one
    /// or more did, every rank throws `MPIError.ranksFailed` naming each failed rank and its
    /// error, so that all ranks stop together with the same message instead of the healthy ones
    /// waiting for ever in the next collective. Use it around each step that may fail on one
    /// rank alone (reading that rank's input, writing its output). On the local communicator the
    /// body's own error is thrown unchanged.
    /// - Throws: `MPIError.ranksFailed`, or `MPIError.callFailed` when the exchange fails.
    public func allSucceed<T>(_ body: () throws -> T) throws -> T {
        guard case .mpi = storage else { return try body() }
        var result: Result<T, Error>
        do { result = .success(try body()) } catch { result = .failure(error) }
        let message: String
        switch result {
        case .success: message = ""
        case let .failure(error): message = "\(error)".isEmpty ? "failed" : "\(error)"
        }
        let all = try allGather(bytes: Array(message.utf8))
        var failures: [Int: String] = [:]
        for (r, bytes) in all.enumerated() where !bytes.isEmpty { failures[r] = String(decoding: bytes, as: UTF8.self) }
        guard failures.isEmpty else { throw MPIError.ranksFailed(failures) }
        return try result.get()
    }
}

import Foundation
import QompressDistributed

/// Runs a command's body as this process's rank of the MPI job (`mpirun -np N qompress …`), or
/// as the only rank when started without `mpirun` (no MPI is loaded then). Only rank 0 prints:
/// the other ranks' standard output is discarded (their errors still reach standard error).
///
/// A failure every rank has learnt of (`MPIError.ranksFailed`, from `Communicator.allSucceed`)
/// is thrown as usual, so every rank exits non-zero with the same message. Any other error on a
/// job of several ranks may have left the other ranks waiting in a collective: it is printed with
/// its rank and the whole job is ended with `MPI_Abort`, so nothing hangs.
func runAsRank(_ body: (Communicator) throws -> Void) throws {
    let world = try Communicator.current()
    if !world.isRoot {
        fflush(nil)
        let null = open("/dev/null", O_WRONLY)
        if null >= 0 {
            dup2(null, STDOUT_FILENO)
            close(null)
        }
    }
    do {
        // Ranks given different arguments would run different collectives and wait for ever.
        let arguments = Array(CommandLine.arguments.dropFirst().joined(separator: "\u{0}").utf8)
        let all = try world.allGather(bytes: arguments)
        let differing = all.indices.filter { all[$0] != all[0] }
        guard differing.isEmpty else {
            throw MPIError.ranksFailed(Dictionary(uniqueKeysWithValues: differing.map {
                ($0, "started with other arguments than rank 0 (\(String(decoding: all[$0], as: UTF8.self).replacingOccurrences(of: "\u{0}", with: " ")))")
            }))
        }
        try body(world)
    } catch let error as MPIError {
        if case .ranksFailed = error { throw error }
        try abortJob(world, error)
    } catch {
        try abortJob(world, error)
    }
}

private func abortJob(_ world: Communicator, _ error: Error) throws -> Never {
    guard world.size > 1 else { throw error }
    FileHandle.standardError.write(Data("Error on rank \(world.rank) of \(world.size): \(error)\n".utf8))
    world.abort(code: 1)
}

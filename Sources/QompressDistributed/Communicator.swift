import CMPI
import Foundation

/// A group of processes that run the same program and exchange data: MPI's `MPI_COMM_WORLD`
/// when the tool is started by `mpirun`, or the process alone (one rank, no MPI calls at all).
///
/// Every method that communicates is *collective*: every rank must call it, in the same order.
/// Every MPI return code is checked and becomes an `MPIError`; errors on the communicator
/// return codes instead of aborting. Call it from one thread at a time.
public final class Communicator: @unchecked Sendable {
    enum Storage {
        case local
        case mpi(MPI_Comm)
    }

    let storage: Storage
    /// This process's index, `0..<size`.
    public let rank: Int
    /// The number of processes.
    public let size: Int

    private init(storage: Storage, rank: Int, size: Int) {
        self.storage = storage
        self.rank = rank
        self.size = size
    }

    /// The process alone: rank 0 of 1, with no MPI library involved.
    public static let local = Communicator(storage: .local, rank: 0, size: 1)

    /// All processes of the MPI job (`MPI_COMM_WORLD`), initialising MPI first if needed. A process
    /// started without `mpirun` becomes a job of one rank (MPI's singleton start).
    /// - Throws: `MPIError.callFailed` when MPI cannot start.
    public static func world() throws -> Communicator {
        try MPIEnvironment.initialize()
        guard let comm = cmpi_comm_world() else {
            throw MPIError.callFailed(function: "MPI_COMM_WORLD", code: -1, message: "no world communicator")
        }
        var rank: Int32 = 0, size: Int32 = 0
        try MPIEnvironment.check(MPI_Comm_rank(comm, &rank), "MPI_Comm_rank")
        try MPIEnvironment.check(MPI_Comm_size(comm, &size), "MPI_Comm_size")
        return Communicator(storage: .mpi(comm), rank: Int(rank), size: Int(size))
    }

    /// `world()` when the process was started by `mpirun` (`MPIEnvironment.isLaunchedByMPI`),
    /// else `local`: the commands run unchanged, and without loading MPI, outside `mpirun`.
    /// - Throws: `MPIError.callFailed` when MPI cannot start.
    public static func current() throws -> Communicator {
        MPIEnvironment.isLaunchedByMPI ? try world() : local
    }

    /// Whether this is rank 0, the one that writes shared outputs and prints.
    public var isRoot: Bool { rank == 0 }

    /// Waits until every rank has called `barrier()`.
    /// - Throws: `MPIError.callFailed`.
    public func barrier() throws {
        guard case let .mpi(comm) = storage else { return }
        try MPIEnvironment.check(MPI_Barrier(comm), "MPI_Barrier")
    }

    /// Ends every rank of the job at once with exit code `code` (`MPI_Abort`); the last resort
    /// when a rank fails where the others cannot learn of it, so that no rank waits for ever.
    /// The local communicator exits the process.
    public func abort(code: Int32) -> Never {
        if case let .mpi(comm) = storage { MPI_Abort(comm, code) }
        exit(code)
    }

    /// The contiguous share of `0..<count` that rank `rank` of `size` owns: the first
    /// `count % size` ranks take one element more, so shares differ by at most one.
    public static func share(of count: Int, rank: Int, size: Int) -> Range<Int> {
        (count * rank / size)..<(count * (rank + 1) / size)
    }

    /// This rank's contiguous share of `0..<count` (see `share(of:rank:size:)`).
    public func share(of count: Int) -> Range<Int> { Self.share(of: count, rank: rank, size: size) }
}

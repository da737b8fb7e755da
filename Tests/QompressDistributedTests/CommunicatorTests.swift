import QompressDistributed
import QompressLinearAlgebra
import Testing

/// The typed MPI layer in one process: MPI started once (a singleton job of one rank), every
/// collective against hand-computed values. The multi-rank behaviour is pinned by
/// Scripts/mpi-test.sh under `mpirun -np 2` and `-np 3` (`make mpi-test`).
@Suite("Communicator, one rank", .serialized)
struct CommunicatorTests {
    let world: Communicator

    init() throws { world = try Communicator.world() }

    @Test func worldOfOneProcessHasRankZeroOfOne() throws {
        #expect(world.rank == 0)
        #expect(world.size == 1)
        #expect(world.isRoot)
        try world.barrier()
    }

    @Test func allReduceSumOfOneRankLeavesTheValues() throws {
        var values = [1.5, -2.25, 0.1 + 0.2, 1e300]
        try world.allReduceSum(&values)
        #expect(values == [1.5, -2.25, 0.1 + 0.2, 1e300])
        var matrix = try Matrix(rows: 2, columns: 2, elements: [1, 2, 3, 4])
        try world.allReduceSum(&matrix)
        #expect(matrix.elements == [1, 2, 3, 4])
    }

    @Test func allGatherReturnsEveryRanksValuesInRankOrder() throws {
        #expect(try world.allGather([3, 1, 4]) == [[3, 1, 4]])
        #expect(try world.allGather([]) == [[]])
        #expect(try world.allGather(bytes: Array("héllo".utf8)) == [Array("héllo".utf8)])
    }

    @Test func gatherRowsStacksTheBlocksOnTheRoot() throws {
        let block = try Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        let gathered = try world.gatherRows(block, to: 0)
        #expect(gathered == block)
        #expect(try world.allGatherRows(block) == block)
    }

    @Test func broadcastFromTheOnlyRankKeepsTheValues() throws {
        var values = [2.0, 7.0]
        try world.broadcast(&values, from: 0)
        #expect(values == [2.0, 7.0])
    }

    @Test func aRootOutsideTheRanksIsAnInvalidArgument() throws {
        var values = [1.0]
        #expect(throws: MPIError.self) { try world.broadcast(&values, from: 1) }
        #expect(throws: MPIError.self) { _ = try world.gatherRows(Matrix(zeros: 1, 1), to: -1) }
    }

    @Test func allSucceedNamesTheFailingRank() throws {
        struct Failure: Error, CustomStringConvertible { var description: String { "no such file: x.npy" } }
        #expect(try world.allSucceed { 42 } == 42)
        #expect(throws: MPIError.ranksFailed([0: "no such file: x.npy"])) { try world.allSucceed { throw Failure() } }
    }

    @Test func sharesCoverTheRangeInOrderAndDifferByAtMostOne() {
        for size in 1...5 {
            for count in [0, 1, 7, 10] {
                let shares = (0..<size).map { Communicator.share(of: count, rank: $0, size: size) }
                #expect(shares.first!.lowerBound == 0 && shares.last!.upperBound == count)
                for r in 1..<size { #expect(shares[r].lowerBound == shares[r - 1].upperBound) }
                #expect(shares.map(\.count).max()! - shares.map(\.count).min()! <= 1)
            }
        }
        #expect(Communicator.share(of: 10, rank: 1, size: 3) == 3..<6)
    }

    @Test func theLocalCommunicatorNeedsNoMPI() throws {
        let local = Communicator.local
        var values = [1.0, 2.0]
        try local.allReduceSum(&values)
        #expect(values == [1.0, 2.0])
        #expect(local.size == 1 && local.rank == 0)
        struct Failure: Error, Equatable {}
        #expect(throws: Failure()) { try local.allSucceed { throw Failure() } }
    }

    @Test func errorsDescribeTheFailedCallAndRanks() {
        #expect(MPIError.callFailed(function: "MPI_Barrier", code: 5, message: "MPI_ERR_COMM").description
                == "MPI error: MPI_Barrier returned 5 (MPI_ERR_COMM)")
        #expect(MPIError.ranksFailed([1: "missing file", 0: "x"]).description == "2 ranks failed: rank 0: x; rank 1: missing file")
    }
}

@Suite("Communicator.map, one rank")
struct CommunicatorMapTests {
    @Test func jobsRunInOrderOnTheOnlyRank() throws {
        var order: [Int] = []
        let results = try Communicator.local.map(jobs: 4) { j -> Int in order.append(j); return j * j }
        #expect(results == [0, 1, 4, 9])
        #expect(order == [0, 1, 2, 3])
        #expect(try Communicator.local.map(jobs: 0) { $0 }.isEmpty)
    }
}

// The typed MPI layer on several ranks, against hand-computed values: run by Scripts/mpi-test.sh
// as `mpirun -np 2|3 qompress-mpi-selftest`. Rank r contributes values that depend on r, so
// every expected result can be written down; each rank checks its own result and exits
// non-zero with the failed check's name.
import Foundation
import QompressDistributed
import QompressLinearAlgebra

func fail(_ rank: Int, _ what: String) -> Never {
    FileHandle.standardError.write(Data("rank \(rank): FAILED \(what)\n".utf8))
    exit(1)
}

do {
    let world = try Communicator.world()
    let r = world.rank, n = world.size
    func expect(_ condition: Bool, _ what: String) { if !condition { fail(r, what) } }

    // All-reduce: rank r holds [r + 1, 0.1·r, −2^r]; the sum over ranks is known in closed form,
    // and 0.1 + 0.2 is added in rank order ((0 + 0.1) + 0.2), exactly as written here.
    var values = [Double(r + 1), 0.1 * Double(r), -Double(1 << r)]
    try world.allReduceSum(&values)
    var tenths = 0.0
    for k in 0..<n { tenths += 0.1 * Double(k) }
    expect(values == [Double(n * (n + 1) / 2), tenths, -Double((1 << n) - 1)], "allReduceSum([Double]) = \(values)")

    var matrix = try Matrix(rows: 1, columns: 2, elements: [Double(r), 1])
    try world.allReduceSum(&matrix)
    expect(matrix.elements == [Double(n * (n - 1) / 2), Double(n)], "allReduceSum(Matrix) = \(matrix.elements)")

    // Gather of row blocks of different heights: rank r sends r + 1 rows of [r, row].
    let block = try Matrix(rows: (0...r).map { [Double(r), Double($0)] })
    var expected: [Double] = []
    for k in 0..<n { for row in 0...k { expected += [Double(k), Double(row)] } }
    let gathered = try world.gatherRows(block, to: 0)
    if r == 0 {
        expect(gathered?.elements == expected && gathered?.columns == 2, "gatherRows on the root")
    } else {
        expect(gathered == nil, "gatherRows off the root")
    }
    expect(try world.allGatherRows(block).elements == expected, "allGatherRows")
    expect(try world.allGather(Array(repeating: Double(r), count: r)) == (0..<n).map { Array(repeating: Double($0), count: $0) },
           "allGather with different counts")

    // Broadcast from the last rank, whose count wins.
    var broadcast = r == n - 1 ? [7.0, 8.0, 9.0] : [1.0]
    try world.broadcast(&broadcast, from: n - 1)
    expect(broadcast == [7, 8, 9], "broadcast = \(broadcast)")

    // Jobs spread over the ranks come back in job order on every rank, values exact (NaN too).
    let mapped = try world.map(jobs: 7) { j -> [Double] in [Double(j) / 3, j == 5 ? .nan : -0.0, Double(world.rank)] }
    for (j, v) in mapped.enumerated() {
        expect(v[0] == Double(j) / 3 && (j == 5 ? v[1].isNaN : v[1].sign == .minus && v[1] == 0) && v[2] == Double(j % n),
               "map job \(j) = \(v)")
    }

    // Agreement: the last rank fails, every rank learns it.
    do {
        _ = try world.allSucceed { () throws -> Int in
            if r == n - 1 { throw MPIError.invalidArgument("planted failure") }
            return r
        }
        fail(r, "allSucceed did not throw")
    } catch let MPIError.ranksFailed(failures) {
        expect(failures == [n - 1: MPIError.invalidArgument("planted failure").description], "allSucceed failures \(failures)")
    }
    try world.barrier()
    if r == 0 { print("mpi self-test passed on \(n) rank\(n == 1 ? "" : "s")") }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

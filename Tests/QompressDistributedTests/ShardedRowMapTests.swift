import Foundation
import QompressData
import QompressDistributed
import QompressLinearAlgebra
import Testing

/// The sharded map on one rank (the local communicator): the output is the file the in-memory
/// path writes, byte for byte. The same map on 2 and 3 ranks is compared with one process by
/// Scripts/mpi-test.sh.
@Suite("Sharded row map, one rank")
struct ShardedRowMapTests {
    static func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("qompress-sharded-\(UUID().uuidString)-\(name)")
    }

    @Test func outputIsTheBytesOfTheInMemoryResult() throws {
        let input = Self.temporaryURL("in.npy"), output = Self.temporaryURL("out.npy")
        defer { for u in [input, output] { try? FileManager.default.removeItem(at: u) } }
        let rows = 11, values = (0..<(rows * 2)).map { Double($0) / 3 }
        try NPYArray(shape: [rows, 2], values: values).write(to: input, dtype: "<f4")
        var seenChunks: [Int] = []
        let map = try ShardedRowMap(communicator: .local, chunkRows: 4)
        let outcome = try map.run(input: input, output: output, inputColumns: 2, outputColumns: 3, dtype: "<f8") { chunk, first in
            seenChunks.append(first)
            var rows: [[Double]] = []
            for r in 0..<chunk.rows {
                let row: [Double] = chunk.row(r)
                rows.append([row[0] + row[1], Double(first + r), 1])
            }
            return try Matrix(rows: rows)
        }
        #expect(seenChunks == [0, 4, 8])
        #expect(outcome.rows == rows && outcome.columns == 3 && outcome.localRows == rows)
        let read = try NPYArray(contentsOf: input).values
        var expected: [Double] = []
        for r in 0..<rows { expected += [read[2 * r] + read[2 * r + 1], Double(r), 1] }
        #expect(try Data(contentsOf: output) == (try NPYArray(shape: [rows, 3], values: expected).encoded(dtype: "<f8")))
        #expect(!FileManager.default.fileExists(atPath: output.path + ".partial"))
        // A second run replaces the output.
        _ = try map.run(input: input, output: output, inputColumns: 2, outputColumns: 1, dtype: "<f4") { chunk, _ in
            Matrix(zeros: chunk.rows, 1)
        }
        #expect(try NPYArray(contentsOf: output).shape == [rows, 1])
    }

    @Test func aFailingTransformLeavesNoOutput() throws {
        let input = Self.temporaryURL("in.npy"), output = Self.temporaryURL("out.npy")
        defer { for u in [input, output] { try? FileManager.default.removeItem(at: u) } }
        try NPYArray(shape: [3, 1], values: [1, 2, 3]).write(to: input, dtype: "<f8")
        struct Planted: Error {}
        let map = try ShardedRowMap(communicator: .local, chunkRows: 2)
        #expect(throws: Planted.self) {
            _ = try map.run(input: input, output: output, inputColumns: 1, outputColumns: 1, dtype: "<f8") { chunk, first in
                if first > 0 { throw Planted() }
                return chunk
            }
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(!FileManager.default.fileExists(atPath: output.path + ".partial"))
        #expect(throws: NPYError.self) {
            _ = try map.run(input: Self.temporaryURL("missing.npy"), output: output, inputColumns: 1, outputColumns: 1,
                            dtype: "<f8") { chunk, _ in chunk }
        }
        #expect(throws: MPIError.self) { try ShardedRowMap(communicator: .local, chunkRows: 0) }
    }
}

import Foundation
import QompressData
import QompressLinearAlgebra

/// Maps every row of a 2-D `.npy` file to a row of a new `.npy` file, the work shared by the
/// ranks of a communicator: the rows are cut into fixed chunks of `chunkRows` (the same chunks
/// for any number of ranks), each rank transforms a contiguous share of the chunks, reading only
/// their rows from the input (by offset) and writing their results at their offset in the one
/// output file, whose header rank 0 writes. A transform that depends only on its chunk therefore
/// gives a byte-identical output for one process and for any number of ranks.
///
/// The output appears atomically: the ranks write `<output>.partial`, which rank 0 renames once
/// every rank has succeeded (and removes otherwise).
public struct ShardedRowMap {
    /// The ranks sharing the work.
    public var communicator: Communicator
    /// Rows per chunk: the unit of work, and of the transform's input.
    public var chunkRows: Int

    /// Creates the map.
    /// - Throws: `MPIError.invalidArgument` for fewer than one row per chunk.
    public init(communicator: Communicator, chunkRows: Int = 1024) throws {
        guard chunkRows >= 1 else { throw MPIError.invalidArgument("chunk rows must be ≥ 1, got \(chunkRows)") }
        self.communicator = communicator
        self.chunkRows = chunkRows
    }

    /// What a run did.
    public struct Outcome: Sendable {
        /// Rows and columns of the output.
        public var rows: Int, columns: Int
        /// Rows this rank transformed.
        public var localRows: Int
    }

    /// Transforms `input` (rows × `inputColumns`) into `output` (rows × `outputColumns`, float
    /// `dtype`), calling `transform(chunk, firstRow)` for each of this rank's chunks.
    /// - Throws: `MPIError.ranksFailed` on every rank when any rank fails (a missing or
    ///   malformed input, a transform error, a write error), naming each failed rank.
    public func run(input: URL, output: URL, inputColumns: Int, outputColumns: Int, dtype: String,
                    transform: (Matrix, Int) throws -> Matrix) throws -> Outcome {
        let world = communicator
        let partial = URL(fileURLWithPath: output.path + ".partial")
        let localRows: Int, rows: Int
        do {
            // Every rank opens the input and checks its header; rank 0 creates the output.
            let source = try world.allSucceed { () throws -> NPYRowFile in
                let file = try NPYRowFile(reading: input, expectedColumns: inputColumns)
                if world.isRoot {
                    _ = try NPYRowFile.create(at: partial, rows: file.rows, columns: outputColumns, dtype: dtype)
                }
                return file
            }
            rows = source.rows
            let chunks = (rows + chunkRows - 1) / chunkRows
            let mine = world.share(of: chunks)
            localRows = try world.allSucceed { () throws -> Int in
                let target = try NPYRowFile.openForWriting(partial, rows: rows, columns: outputColumns, dtype: dtype)
                var done = 0
                for chunk in mine {
                    let range = (chunk * chunkRows)..<min((chunk + 1) * chunkRows, rows)
                    let result = try transform(try source.readRows(range), range.lowerBound)
                    guard result.rows == range.count, result.columns == outputColumns else {
                        throw MPIError.invalidArgument(
                            "the transform gave \(result.rows)×\(result.columns) for \(range.count) rows, expected \(range.count)×\(outputColumns)")
                    }
                    try target.writeRows(result, at: range.lowerBound)
                    done += range.count
                }
                return done
            }
            try world.allSucceed {
                if world.isRoot {
                    // rename(2) replaces an existing output atomically.
                    guard rename(partial.path, output.path) == 0 else {
                        throw NPYError.io(path: output.path,
                                          message: "cannot move the finished output into place: \(String(cString: strerror(errno)))")
                    }
                }
            }
        } catch {
            if world.isRoot { try? FileManager.default.removeItem(at: partial) }
            throw error
        }
        return Outcome(rows: rows, columns: outputColumns, localRows: localRows)
    }
}

import Foundation
import QompressData
import QompressLinearAlgebra
import Testing

@Suite("NumPy .npy files by row ranges")
struct NPYRowFileTests {
    static func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("qompress-rowfile-\(UUID().uuidString)-\(name)")
    }

    @Test func rowRangesReadTheSameValuesAsTheWholeFile() throws {
        let array = try NPYArray(shape: [5, 3], values: (0..<15).map { Double($0) * 0.5 - 2 })
        for dtype in ["<f4", "<f8"] {
            let url = Self.temporaryURL("read.npy")
            defer { try? FileManager.default.removeItem(at: url) }
            try array.write(to: url, dtype: dtype)
            let file = try NPYRowFile(reading: url, expectedColumns: 3)
            #expect(file.rows == 5 && file.columns == 3 && file.layout.dtype == dtype)
            let whole = try NPYArray(contentsOf: url).values
            #expect(try file.readRows(1..<4).elements == Array(whole[3..<12]))
            #expect(try file.readRows(4..<5).elements == Array(whole[12..<15]))
            #expect(try file.readRows(2..<2).rows == 0)
            #expect(throws: NPYError.self) { try file.readRows(3..<6) }
        }
    }

    @Test func rowsWrittenInAnyOrderGiveTheBytesOfTheWholeArray() throws {
        let values = (0..<21).map { sin(Double($0)) * 1e3 }
        let array = try NPYArray(shape: [7, 3], values: values)
        for dtype in ["<f4", "<f8"] {
            let url = Self.temporaryURL("write.npy")
            defer { try? FileManager.default.removeItem(at: url) }
            let file = try NPYRowFile.create(at: url, rows: 7, columns: 3, dtype: dtype)
            try file.writeRows(try Matrix(rows: 2, columns: 3, elements: Array(values[15..<21])), at: 5)
            try file.writeRows(try Matrix(rows: 5, columns: 3, elements: Array(values[0..<15])), at: 0)
            #expect(try Data(contentsOf: url) == (try array.encoded(dtype: dtype)))
            #expect(throws: NPYError.self) { try file.writeRows(Matrix(zeros: 1, 3), at: 7) }
            #expect(throws: NPYError.self) { try file.writeRows(Matrix(zeros: 1, 2), at: 0) }
        }
    }

    @Test func badFilesAreTypedErrors() throws {
        let missing = Self.temporaryURL("missing.npy")
        #expect(throws: NPYError.self) { try NPYRowFile(reading: missing) }
        let url = Self.temporaryURL("bad.npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x93, 0x4E]).write(to: url)
        #expect(throws: NPYError.malformedHeader(path: url.path, message: "missing the \\x93NUMPY magic string")) {
            try NPYRowFile(reading: url)
        }
        // A header promising more rows than the file holds.
        var truncated = try NPYArray(shape: [4, 2], values: Array(repeating: 1, count: 8)).encoded(dtype: "<f8")
        truncated.removeLast(8)
        try truncated.write(to: url)
        #expect(throws: NPYError.truncated(path: url.path, expectedBytes: 64, actualBytes: 56)) { try NPYRowFile(reading: url) }
        // A 1-D array and a wrong width.
        try NPYArray(shape: [3], values: [1, 2, 3]).write(to: url, dtype: "<f8")
        #expect(throws: NPYError.self) { try NPYRowFile(reading: url) }
        try NPYArray(shape: [1, 3], values: [1, 2, .nan]).write(to: url, dtype: "<f8")
        #expect(throws: NPYError.self) { try NPYRowFile(reading: url, expectedColumns: 2) }
        #expect(throws: NPYError.nonFinite(path: url.path, count: 1, firstIndex: 2)) {
            try NPYRowFile(reading: url, expectedColumns: 3).readRows(0..<1)
        }
    }
}

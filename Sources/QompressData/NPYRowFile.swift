import Foundation
import QompressLinearAlgebra

/// A 2-D `.npy` file on disk, read or written by row ranges: only the header is held in memory,
/// so files larger than memory can be processed in pieces, and several processes can each
/// read and write their own rows of one file.
public struct NPYRowFile: Sendable {
    /// The file.
    public let url: URL
    /// Its layout (shape, dtype, where the values start).
    public let layout: NPYLayout

    /// Rows of the array.
    public var rows: Int { layout.shape[0] }
    /// Columns of the array.
    public var columns: Int { layout.shape[1] }

    /// Opens an existing 2-D `.npy` file for reading rows: reads and checks its header, its
    /// column count (when given) and that the file holds every byte the header promises.
    /// - Throws: `NPYError`.
    public init(reading url: URL, expectedColumns: Int? = nil) throws {
        let path = url.path
        let handle = try Self.open(url, forWriting: false)
        defer { try? handle.close() }
        let prefix = try Self.read(handle, at: 0, count: 12, path: path, exact: false)
        var headerBytes = prefix
        if let size = NPYLayout.headerSize(prefix: prefix), size > prefix.count, size <= 1 << 24 {
            headerBytes = try Self.read(handle, at: 0, count: size, path: path)
        }
        let layout = try NPYLayout(header: headerBytes, path: path)
        guard layout.shape.count == 2 else {
            throw NPYError.shapeMismatch(path: path, message: "expected a 2-D array, got shape \(layout.shape)")
        }
        if let expectedColumns, layout.shape[1] != expectedColumns {
            throw NPYError.shapeMismatch(path: path, message: "expected \(expectedColumns) columns, got \(layout.shape[1])")
        }
        let size: UInt64
        do { size = try handle.seekToEnd() } catch {
            throw NPYError.io(path: path, message: "cannot seek: \(error.localizedDescription)")
        }
        let available = Int(size) - layout.dataOffset
        guard available >= layout.count * layout.width else {
            throw NPYError.truncated(path: path, expectedBytes: layout.count * layout.width, actualBytes: max(available, 0))
        }
        self.url = url
        self.layout = layout
    }

    private init(url: URL, layout: NPYLayout) {
        self.url = url
        self.layout = layout
    }

    /// Rows `range` as a matrix, read by offset (nothing else of the file is read), checked finite.
    /// - Throws: `NPYError.shapeMismatch` for a range outside the rows, `.io`, `.nonFinite`.
    public func readRows(_ range: Range<Int>) throws -> Matrix {
        guard range.lowerBound >= 0, range.upperBound <= rows else {
            throw NPYError.shapeMismatch(path: url.path, message: "rows \(range) outside 0..<\(rows)")
        }
        let handle = try Self.open(url, forWriting: false)
        defer { try? handle.close() }
        let count = range.count * columns
        let bytes = try Self.read(handle, at: layout.dataOffset + range.lowerBound * columns * layout.width,
                                  count: count * layout.width, path: url.path)
        let values = bytes.withUnsafeBytes { layout.decode($0, count: count) }
        if let first = values.firstIndex(where: { !$0.isFinite }) {
            throw NPYError.nonFinite(path: url.path, count: values.lazy.filter { !$0.isFinite }.count,
                                     firstIndex: range.lowerBound * columns + first)
        }
        return try Matrix(rows: range.count, columns: columns, elements: values)
    }

    /// Creates (or replaces) a file of `rows × columns` values of float `dtype` (`<f4`, `<f8`):
    /// the header `NPYArray.encoded` would write, then room for every value (unwritten rows read
    /// as zeros) to be filled by `writeRows`.
    /// - Throws: `NPYError.unsupportedDType`, `.io`.
    public static func create(at url: URL, rows: Int, columns: Int, dtype: String) throws -> NPYRowFile {
        let header = try NPYLayout.encodedHeader(shape: [rows, columns], dtype: dtype)
        guard FileManager.default.createFile(atPath: url.path, contents: header) else {
            throw NPYError.io(path: url.path, message: "cannot create")
        }
        let layout = try NPYLayout(header: Array(header), path: url.path)
        let handle = try open(url, forWriting: true)
        defer { try? handle.close() }
        do { try handle.truncate(atOffset: UInt64(layout.dataOffset + layout.count * layout.width)) } catch {
            throw NPYError.io(path: url.path, message: "cannot size: \(error.localizedDescription)")
        }
        return NPYRowFile(url: url, layout: layout)
    }

    /// Writes `block` as rows `firstRow..<firstRow + block.rows`, in place, in this file's dtype.
    /// - Throws: `NPYError.shapeMismatch` for a block that does not fit, `.io`.
    public func writeRows(_ block: Matrix, at firstRow: Int) throws {
        guard block.columns == columns || block.rows == 0, firstRow >= 0, firstRow + block.rows <= rows else {
            throw NPYError.shapeMismatch(path: url.path,
                                         message: "a \(block.rows)×\(block.columns) block at row \(firstRow) does not fit \(rows)×\(columns)")
        }
        let data = try NPYLayout.encodedValues(block.elements, dtype: layout.dtype)
        let handle = try Self.open(url, forWriting: true)
        defer { try? handle.close() }
        do {
            try handle.seek(toOffset: UInt64(layout.dataOffset + firstRow * columns * layout.width))
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            throw NPYError.io(path: url.path, message: "cannot write rows from \(firstRow): \(error.localizedDescription)")
        }
    }

    /// Opens a file written by `create` for `writeRows`, after checking its header is the one
    /// `create` writes for these dimensions.
    /// - Throws: `NPYError`.
    public static func openForWriting(_ url: URL, rows: Int, columns: Int, dtype: String) throws -> NPYRowFile {
        let file = try NPYRowFile(reading: url, expectedColumns: columns)
        guard file.rows == rows, file.layout.dtype == dtype else {
            throw NPYError.shapeMismatch(path: url.path, message: "expected \(rows)×\(columns) \(dtype), found \(file.layout.shape) \(file.layout.dtype)")
        }
        return file
    }

    private static func open(_ url: URL, forWriting: Bool) throws -> FileHandle {
        do {
            return forWriting ? try FileHandle(forWritingTo: url) : try FileHandle(forReadingFrom: url)
        } catch {
            throw NPYError.io(path: url.path, message: "cannot open: \(error.localizedDescription)")
        }
    }

    private static func read(_ handle: FileHandle, at offset: Int, count: Int, path: String, exact: Bool = true) throws -> [UInt8] {
        do {
            try handle.seek(toOffset: UInt64(offset))
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count || !exact else {
                throw NPYError.truncated(path: path, expectedBytes: offset + count, actualBytes: offset + data.count)
            }
            return [UInt8](data)
        } catch let error as NPYError {
            throw error
        } catch {
            throw NPYError.io(path: path, message: "cannot read: \(error.localizedDescription)")
        }
    }
}

import Foundation
import QompressCore
import QompressLinearAlgebra

/// A NumPy array read from, or written to, an `.npy` file (format versions 1–3), converted to
/// `Double`. Supported dtypes: little-endian float16, float32, float64, int32 and int64, in C
/// order. Every malformation gives an `NPYError` naming the file and the problem.
public struct NPYArray: Hashable, Sendable {
    /// The shape (row-major).
    public var shape: [Int]
    /// The values in C order.
    public var values: [Double]
    /// The dtype descriptor the file declared (`"<f4"`).
    public var dtype: String

    /// Creates an array in memory.
    /// - Throws: `NPYError.shapeMismatch` when the value count does not match the shape.
    public init(shape: [Int], values: [Double], dtype: String = "<f8") throws {
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw NPYError.shapeMismatch(path: "<memory>", message: "\(values.count) values for shape \(shape)")
        }
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }

    /// Reads an `.npy` file.
    /// - Throws: `NPYError`.
    public init(contentsOf url: URL) throws {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NPYError.io(path: path, message: "cannot read: \(FileAccess.readProblem(at: path))")
        }
        try self.init(data: data, path: path)
    }

    /// Parses the bytes of an `.npy` file; `path` only labels errors.
    /// - Throws: `NPYError`.
    public init(data: Data, path: String = "<data>") throws {
        let bytes = [UInt8](data)
        let layout = try NPYLayout(header: bytes, path: path)
        let count = layout.count
        let available = bytes.count - layout.dataOffset
        guard available >= count * layout.width else {
            throw NPYError.truncated(path: path, expectedBytes: count * layout.width, actualBytes: available)
        }
        let values = bytes.withUnsafeBytes { raw in
            layout.decode(UnsafeRawBufferPointer(rebasing: raw[layout.dataOffset...]), count: count)
        }
        self.shape = layout.shape
        self.values = values
        self.dtype = layout.dtype
    }

    /// The array as rows: a 2-D array's rows, or a 1-D array as one column.
    /// - Throws: `NPYError.shapeMismatch` for other ranks or a wrong column count.
    public func rows(expectedColumns: Int? = nil, path: String = "<array>") throws -> (rows: Int, columns: Int) {
        guard shape.count == 2 else {
            throw NPYError.shapeMismatch(path: path, message: "expected a 2-D array, got shape \(shape)")
        }
        if let expectedColumns, shape[1] != expectedColumns {
            throw NPYError.shapeMismatch(path: path, message: "expected \(expectedColumns) columns, got \(shape[1])")
        }
        return (shape[0], shape[1])
    }

    /// The 2-D array as a matrix, after checking its rank, column count and finiteness.
    /// - Throws: `NPYError.shapeMismatch` or `.nonFinite`.
    public func matrix(expectedColumns: Int? = nil, path: String = "<array>") throws -> Matrix {
        let (rows, columns) = try rows(expectedColumns: expectedColumns, path: path)
        try requireFinite(path: path)
        return try Matrix(rows: rows, columns: columns, elements: values)
    }

    /// Throws `NPYError.nonFinite` when any value is NaN or infinite.
    public func requireFinite(path: String = "<array>") throws {
        var count = 0, first = -1
        for (i, v) in values.enumerated() where !v.isFinite {
            count += 1
            if first < 0 { first = i }
        }
        if count > 0 { throw NPYError.nonFinite(path: path, count: count, firstIndex: first) }
    }

    /// The file bytes: format 1.0, the declared float dtype (`<f4` or `<f8`), C order.
    public func encoded(dtype: String = "<f4") throws -> Data {
        var data = try NPYLayout.encodedHeader(shape: shape, dtype: dtype)
        data.append(try NPYLayout.encodedValues(values, dtype: dtype))
        return data
    }

    /// Writes the array atomically as an `.npy` file.
    /// - Throws: `NPYError.io`.
    public func write(to url: URL, dtype: String = "<f4") throws {
        let data = try encoded(dtype: dtype)
        do { try data.write(to: url, options: .atomic) } catch {
            throw NPYError.io(path: url.path, message: "cannot write: \(FileAccess.writeProblem(at: url.path) ?? "the folder is missing or not writable")")
        }
    }
}

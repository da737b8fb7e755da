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
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw NPYError.malformedHeader(path: path, message: "missing the \\x93NUMPY magic string")
        }
        let major = bytes[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw NPYError.malformedHeader(path: path, message: "file ends inside the header length") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw NPYError.malformedHeader(path: path, message: "unsupported format version \(major)")
        }
        guard bytes.count >= headerStart + headerLength else {
            throw NPYError.malformedHeader(path: path, message: "file ends inside the header")
        }
        guard let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw NPYError.malformedHeader(path: path, message: "header is not text")
        }
        var fields = try NPYHeader(header, path: path)
        // numpy reads 'f4' (no byte-order mark) and '=f4' as the native order, little-endian on
        // every machine this package supports.
        if ["f2", "f4", "f8", "i4", "i8"].contains(fields.descr) {
            fields.descr = "<" + fields.descr
        } else if fields.descr.hasPrefix("="), 1.littleEndian == 1 {
            fields.descr = "<" + fields.descr.dropFirst()
        }
        guard !fields.fortranOrder else { throw NPYError.fortranOrder(path: path) }
        let width: Int
        switch fields.descr {
        case "<f2": width = 2
        case "<f4", "<i4": width = 4
        case "<f8", "<i8": width = 8
        default: throw NPYError.unsupportedDType(path: path, descr: fields.descr)
        }
        let count = fields.shape.reduce(1, *)
        let dataStart = headerStart + headerLength
        let available = bytes.count - dataStart
        guard available >= count * width else {
            throw NPYError.truncated(path: path, expectedBytes: count * width, actualBytes: available)
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress! + dataStart
            for i in 0..<count {
                let p = base + i * width
                switch fields.descr {
                case "<f2": values[i] = Double(Float16(bitPattern: UInt16(littleEndian: p.loadUnaligned(as: UInt16.self))))
                case "<f4": values[i] = Double(Float(bitPattern: UInt32(littleEndian: p.loadUnaligned(as: UInt32.self))))
                case "<f8": values[i] = Double(bitPattern: UInt64(littleEndian: p.loadUnaligned(as: UInt64.self)))
                case "<i4": values[i] = Double(Int32(littleEndian: p.loadUnaligned(as: Int32.self)))
                default: values[i] = Double(Int64(littleEndian: p.loadUnaligned(as: Int64.self)))
                }
            }
        }
        self.shape = fields.shape
        self.values = values
        self.dtype = fields.descr
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
        guard dtype == "<f4" || dtype == "<f8" else { throw NPYError.unsupportedDType(path: "<output>", descr: dtype) }
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.reserveCapacity(data.count + values.count * (dtype == "<f4" ? 4 : 8))
        for v in values {
            if dtype == "<f4" {
                withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { data.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
        }
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

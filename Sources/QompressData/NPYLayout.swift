import Foundation

/// Where an `.npy` file's values are and how they are stored: the parsed header (version 1–3),
/// the dtype and the byte offset of the first value. Reading the layout needs only the header,
/// so a file larger than memory can be read by row ranges (`NPYRowFile`).
public struct NPYLayout: Hashable, Sendable {
    /// The shape (row-major).
    public var shape: [Int]
    /// The dtype with an explicit byte order (`"<f4"`).
    public var dtype: String
    /// Bytes per value.
    public var width: Int
    /// The offset of the first value from the start of the file.
    public var dataOffset: Int

    /// The number of values the shape holds.
    public var count: Int { shape.reduce(1, *) }

    /// Parses the header at the start of `bytes` (the whole file or a prefix holding at least
    /// the header); `path` only labels errors.
    /// - Throws: `NPYError.malformedHeader` (also when `bytes` ends inside the header),
    ///   `.unsupportedDType` or `.fortranOrder`.
    public init(header bytes: some RandomAccessCollection<UInt8>, path: String) throws {
        let bytes = Array(bytes)
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
        switch fields.descr {
        case "<f2": width = 2
        case "<f4", "<i4": width = 4
        case "<f8", "<i8": width = 8
        default: throw NPYError.unsupportedDType(path: path, descr: fields.descr)
        }
        shape = fields.shape
        dtype = fields.descr
        dataOffset = headerStart + headerLength
    }

    /// The number of bytes of the header of a file whose first bytes are `prefix` (at least 12),
    /// or `nil` when `prefix` is not an `.npy` file's start.
    static func headerSize(prefix: [UInt8]) -> Int? {
        guard prefix.count >= 12 else { return nil }
        switch prefix[6] {
        case 1: return 10 + (Int(prefix[8]) | Int(prefix[9]) << 8)
        case 2, 3: return 12 + (Int(prefix[8]) | Int(prefix[9]) << 8 | Int(prefix[10]) << 16 | Int(prefix[11]) << 24)
        default: return nil
        }
    }

    /// Decodes `count` values of this layout's dtype from `raw` (little-endian, packed).
    /// - Precondition: `raw` holds at least `count · width` bytes.
    public func decode(_ raw: UnsafeRawBufferPointer, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        let base = raw.baseAddress!
        // One loop per dtype: the dtype is chosen once, not per value.
        return [Double](unsafeUninitializedCapacity: count) { values, initialized in
            switch dtype {
            case "<f2":
                for i in 0..<count { values[i] = Double(Float16(bitPattern: UInt16(littleEndian: (base + 2 * i).loadUnaligned(as: UInt16.self)))) }
            case "<f4":
                for i in 0..<count { values[i] = Double(Float(bitPattern: UInt32(littleEndian: (base + 4 * i).loadUnaligned(as: UInt32.self)))) }
            case "<f8":
                for i in 0..<count { values[i] = Double(bitPattern: UInt64(littleEndian: (base + 8 * i).loadUnaligned(as: UInt64.self))) }
            case "<i4":
                for i in 0..<count { values[i] = Double(Int32(littleEndian: (base + 4 * i).loadUnaligned(as: Int32.self))) }
            default:
                for i in 0..<count { values[i] = Double(Int64(littleEndian: (base + 8 * i).loadUnaligned(as: Int64.self))) }
            }
            initialized = count
        }
    }

    /// The header bytes `NPYArray.encoded` writes for `shape` and a float `dtype`: format 1.0,
    /// C order, padded so the values start on a 64-byte boundary.
    /// - Throws: `NPYError.unsupportedDType` for a dtype other than `<f4` or `<f8`.
    public static func encodedHeader(shape: [Int], dtype: String) throws -> Data {
        guard dtype == "<f4" || dtype == "<f8" else { throw NPYError.unsupportedDType(path: "<output>", descr: dtype) }
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        return data
    }

    /// `values` as the packed little-endian bytes of a float `dtype` (`<f4` rounds to Float).
    /// - Throws: `NPYError.unsupportedDType` for a dtype other than `<f4` or `<f8`.
    public static func encodedValues(_ values: some Collection<Double>, dtype: String) throws -> Data {
        guard dtype == "<f4" || dtype == "<f8" else { throw NPYError.unsupportedDType(path: "<output>", descr: dtype) }
        var data = Data()
        data.reserveCapacity(values.count * (dtype == "<f4" ? 4 : 8))
        for v in values {
            if dtype == "<f4" {
                withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { data.append(contentsOf: $0) }
            } else {
                withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
        }
        return data
    }
}

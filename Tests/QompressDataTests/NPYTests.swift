import Foundation
import QompressData
import Testing

@Suite("NumPy .npy files")
struct NPYTests {
    /// A version-1.0 file with the given header dictionary and payload.
    static func file(_ header: String, _ payload: [UInt8]) -> Data {
        var h = header
        h += String(repeating: " ", count: (64 - (10 + h.utf8.count + 1) % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(h.utf8.count & 0xFF), UInt8(h.utf8.count >> 8)])
        data.append(contentsOf: Array(h.utf8))
        data.append(contentsOf: payload)
        return data
    }

    static func bytes<T>(_ values: [T]) -> [UInt8] { values.flatMap { v in withUnsafeBytes(of: v) { Array($0) } } }

    @Test("float32 and float64 round-trip through write and read")
    func roundTrip() throws {
        let a = try NPYArray(shape: [2, 3], values: [1, -2.5, 3, 0.25, 1e-3, 7])
        for dtype in ["<f4", "<f8"] {
            let back = try NPYArray(data: try a.encoded(dtype: dtype))
            #expect(back.shape == [2, 3] && back.dtype == dtype)
            #expect(zip(back.values, a.values).allSatisfy { abs($0 - $1) < 1e-7 })
        }
    }

    @Test("float16, int32 and int64 arrays are read and converted")
    func otherDTypes() throws {
        let half = try NPYArray(data: Self.file("{'descr': '<f2', 'fortran_order': False, 'shape': (3,), }",
                                                Self.bytes([Float16(1.5), Float16(-2), Float16(0.25)].map(\.bitPattern))))
        #expect(half.values == [1.5, -2, 0.25])
        let ints = try NPYArray(data: Self.file("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }",
                                                Self.bytes([Int32(4), -1, 0, 7])))
        #expect(ints.values == [4, -1, 0, 7] && ints.shape == [2, 2])
        let longs = try NPYArray(data: Self.file("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", Self.bytes([Int64(9)])))
        #expect(longs.values == [9])
    }

    @Test("header spellings numpy accepts are read: no byte-order mark, '=', hex and underscored sizes, double quotes")
    func numpyHeaderSpellings() throws {
        let payload = Self.bytes([Float(1), 2, 3, 4].map(\.bitPattern))
        for header in ["{'descr': 'f4', 'fortran_order': False, 'shape': (2, 2), }",
                       "{'descr': '=f4', 'fortran_order': False, 'shape': (0x2, 2)}",
                       "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (0b10, 0o2,)}",
                       "{'shape': (2, 2L), 'fortran_order': False, 'descr': '<f4'}",
                       "{  'descr' :'<f4' ,'fortran_order':False,'shape':(2,\t2)}"] {
            let a = try NPYArray(data: Self.file(header, payload))
            #expect(a.shape == [2, 2] && a.values == [1, 2, 3, 4], "\(header)")
        }
        for shape in ["(0x10,)", "(1_6,)"] {
            let sixteen = try NPYArray(data: Self.file("{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }",
                                                       Self.bytes([Float](repeating: 1, count: 16).map(\.bitPattern))))
            #expect(sixteen.shape == [16])
        }
    }

    @Test("headers numpy refuses are refused: text around the dict, unknown or repeated keys, wrong value kinds",
          arguments: ["x{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), } x",
                      "{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
                      "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }",
                      "{'descr': 4, 'fortran_order': False, 'shape': (1,), }",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': [1], }",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': (01,), }",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 'a'), }",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627775, 1099511627775, 0), }",
                      "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 1099511627775, 1099511627775), }"])
    func refusedHeaders(header: String) throws {
        #expect(throws: NPYError.self) { try NPYArray(data: Self.file(header, [0, 0, 0, 0])) }
    }

    @Test("malformed files give clear errors, never a crash")
    func malformedFiles() throws {
        let good = try NPYArray(shape: [2, 2], values: [1, 2, 3, 4]).encoded()
        #expect(throws: NPYError.self) { try NPYArray(data: good.prefix(good.count - 3)) }       // truncated data
        #expect(throws: NPYError.self) { try NPYArray(data: good.prefix(20)) }                  // truncated header
        #expect(throws: NPYError.self) { try NPYArray(data: Data("not numpy at all".utf8)) }   // bad magic
        #expect(throws: NPYError.self) { try NPYArray(data: Data()) }
        #expect(throws: NPYError.unsupportedDType(path: "<data>", descr: "<c16")) {
            try NPYArray(data: Self.file("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", Array(repeating: 0, count: 16)))
        }
        #expect(throws: NPYError.unsupportedDType(path: "<data>", descr: ">f4")) {
            try NPYArray(data: Self.file("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0]))
        }
        #expect(throws: NPYError.fortranOrder(path: "<data>")) {
            try NPYArray(data: Self.file("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", [0, 0, 0, 0]))
        }
        #expect(throws: NPYError.self) {
            try NPYArray(data: Self.file("{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 2), }", []))
        }
        #expect(throws: NPYError.self) {
            try NPYArray(data: Self.file("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000, 100000000), }", []))
        }
        #expect(throws: NPYError.self) { try NPYArray(data: Self.file("{'descr': '<f4', 'shape': (1,), }", [0, 0, 0, 0])) }
        #expect(throws: NPYError.self) { try NPYArray(contentsOf: URL(fileURLWithPath: "/nonexistent/file.npy")) }
    }

    @Test("NaN values and wrong shapes are reported with their position")
    func nanAndShapes() throws {
        let a = try NPYArray(shape: [2, 2], values: [1, .nan, 3, .infinity])
        #expect(throws: NPYError.nonFinite(path: "x.npy", count: 2, firstIndex: 1)) { try a.requireFinite(path: "x.npy") }
        #expect(throws: NPYError.self) { try a.matrix() }
        let b = try NPYArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        #expect(throws: NPYError.self) { try b.matrix(expectedColumns: 512) }
        #expect(try b.matrix(expectedColumns: 3).rows == 2)
        #expect(throws: NPYError.self) { try NPYArray(shape: [6], values: [1, 2, 3, 4, 5, 6]).matrix() }
    }
}

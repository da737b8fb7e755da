import Foundation
import Qompress
import QompressACQUA
import Testing

@Suite("CLIP-ACQUA data")
struct ACQUADataTests {
    /// A fresh folder removed after `body`.
    func withFolder(_ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("acqua-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }

    func npy(_ header: String, payload: Data) -> Data {
        var h = header
        h += String(repeating: " ", count: (64 - (10 + h.utf8.count + 1) % 64) % 64) + "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, UInt8(h.utf8.count & 0xFF), UInt8(h.utf8.count >> 8)])
        data.append(contentsOf: Array(h.utf8))
        return data + payload
    }

    func goodPair(_ folder: URL, rows: Int = 3, textRows: Int? = nil) throws {
        try NPYArray(shape: [rows, 4], values: (0..<(rows * 4)).map { Double($0) }).write(to: folder.appendingPathComponent("image_emb.npy"))
        let t = textRows ?? rows
        try NPYArray(shape: [t, 4], values: (0..<(t * 4)).map { Double($0) + 0.5 }).write(to: folder.appendingPathComponent("text_emb.npy"))
    }

    @Test("the bundled datasets load in both pairing styles")
    func bundledDatasetsLoad() throws {
        let root = try BundledData.clip()
        let flickr = try PairedEmbeddings(directory: root.appendingPathComponent("flickr8k-vitb32"))
        #expect(flickr.images.rows == 100 && flickr.texts.rows == 500 && flickr.dimension == 512)
        #expect(flickr.textToImage.filter { $0 == 0 }.count == 5)
        let hm = try PairedEmbeddings(directory: root.appendingPathComponent("hm-products"))
        #expect(hm.images.rows == 1126 && hm.pairCount == 1126 && hm.textToImage == Array(0..<1126))
    }

    @Test("the split keeps every caption with its image and is seeded")
    func splitGroupsCaptions() throws {
        let images = try Matrix(rows: 10, columns: 2, elements: (0..<20).map(Double.init))
        let texts = try Matrix(rows: 30, columns: 2, elements: (0..<60).map { Double($0) * 0.1 })
        let data = try PairedEmbeddings(name: "t", images: images, texts: texts, textToImage: (0..<30).map { $0 / 3 })
        let (train, held) = try data.split(validationFraction: 0.3, seed: 4)
        #expect(train.images.rows == 7 && held.images.rows == 3)
        #expect(train.texts.rows == 21 && held.texts.rows == 9)
        // Text t of a side still describes the same image as before the split.
        for t in 0..<held.texts.rows {
            let originalText = Int((held.texts[t, 0] / 0.2).rounded())
            #expect(held.images[held.textToImage[t], 0] == Double(2 * (originalText / 3)))
        }
        let again = try data.split(validationFraction: 0.3, seed: 4)
        #expect(again.validation.images == held.images)
        #expect(throws: ACQUAError.self) { try data.split(validationFraction: 1, seed: 4) }
    }

    @Test("mismatched rows, bad indices and missing files give dataset errors")
    func pairingErrors() throws {
        try withFolder { folder in
            try goodPair(folder, rows: 3, textRows: 4)
            #expect(throws: ACQUAError.self) { try PairedEmbeddings(directory: folder) }
            try NPYArray(shape: [4], values: [0, 1, 2, 7]).write(to: folder.appendingPathComponent("text_to_image.npy"))
            #expect(throws: ACQUAError.self) { try PairedEmbeddings(directory: folder) }
            try NPYArray(shape: [4], values: [0, 1, 2, 2]).write(to: folder.appendingPathComponent("text_to_image.npy"))
            let ok = try PairedEmbeddings(directory: folder)
            #expect(ok.pairCount == 4 && ok.textToImage == [0, 1, 2, 2])
        }
        // Indices far outside Int (2^63 − 1 as int64, ±1e300 as float) are dataset errors, not traps.
        for huge in [9.223372036854775807e18, 1e300, -1e300] {
            try withFolder { folder in
                try goodPair(folder, rows: 3, textRows: 2)
                try NPYArray(shape: [2], values: [0, huge]).write(to: folder.appendingPathComponent("text_to_image.npy"),
                                                                dtype: "<f8")
                #expect(throws: ACQUAError.self) { try PairedEmbeddings(directory: folder) }
            }
        }
        try withFolder { folder in
            try goodPair(folder, rows: 3, textRows: 2)
            var int64 = Data()
            for v: Int64 in [0, .max] { withUnsafeBytes(of: v.littleEndian) { int64.append(contentsOf: $0) } }
            try npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", payload: int64)
                .write(to: folder.appendingPathComponent("text_to_image.npy"))
            #expect(throws: ACQUAError.self) { try PairedEmbeddings(directory: folder) }
        }
        try withFolder { folder in
            #expect(throws: ACQUAError.invalidDataset("\(folder.path) has no image_emb.npy")) {
                try PairedEmbeddings(directory: folder)
            }
        }
    }

    @Test("malformed .npy files give clear NPY errors, not crashes")
    func malformedFiles() throws {
        let payload = Data(repeating: 0, count: 3 * 4 * 4)
        let cases: [(String, Data, (NPYError) -> Bool)] = [
            ("truncated", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", payload: payload.prefix(20)),
             { if case .truncated = $0 { return true }; return false }),
            ("bad header", npy("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (3, 4), }", payload: payload),
             { if case .malformedHeader = $0 { return true }; return false }),
            ("not npy", Data("hello, world".utf8), { if case .malformedHeader = $0 { return true }; return false }),
            ("unsupported dtype", npy("{'descr': '<c16', 'fortran_order': False, 'shape': (3, 4), }", payload: payload),
             { if case .unsupportedDType = $0 { return true }; return false }),
            ("Fortran order", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 4), }", payload: payload),
             { if case .fortranOrder = $0 { return true }; return false }),
            ("NaN", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }",
                        payload: Data(repeating: 0, count: 44) + withUnsafeBytes(of: Float.nan.bitPattern.littleEndian) { Data($0) }),
             { if case .nonFinite(_, 1, 11) = $0 { return true }; return false }),
            ("1-D embeddings", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (12,), }", payload: payload),
             { if case .shapeMismatch = $0 { return true }; return false }),
        ]
        for (name, bytes, isExpected) in cases {
            try withFolder { folder in
                try goodPair(folder)
                try bytes.write(to: folder.appendingPathComponent("image_emb.npy"))
                do {
                    _ = try PairedEmbeddings(directory: folder)
                    Issue.record("\(name): loaded without error")
                } catch let error as NPYError {
                    #expect(isExpected(error), "\(name): unexpected \(error)")
                    #expect(error.description.contains("image_emb.npy"), "\(name): the message names the file")
                }
            }
        }
    }

    @Test("synthetic pairs are seeded, normalised and closer within a pair than across pairs")
    func syntheticPairs() throws {
        var generator = SyntheticCLIPPairs()
        generator.dimension = 64
        let a = try generator.generate(count: 40, seed: 11), b = try generator.generate(count: 40, seed: 11)
        #expect(a.images == b.images && a.texts == b.texts)
        let norms = (0..<40).map { r in a.images.row(r).reduce(0) { $0 + $1 * $1 } }
        #expect(norms.allSatisfy { abs($0 - 1) < 1e-12 })
        let matching = PairDistance.euclidean.rowwise(a.images, a.texts).reduce(0, +) / 40
        let shifted = a.texts.rows((0..<40).map { ($0 + 1) % 40 })
        let random = PairDistance.euclidean.rowwise(a.images, shifted).reduce(0, +) / 40
        #expect(matching < random)
    }
}


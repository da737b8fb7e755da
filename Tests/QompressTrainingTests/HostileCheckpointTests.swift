import Foundation
import QompressCore
import QompressStatevector
import QompressTraining
import Testing

/// A small valid checkpoint, decoded for editing.
private func editableCheckpoint() throws -> Checkpoint {
    var g = SeededGenerator(seed: 3)
    let model = try Sequential([Dense(inputSize: 3, outputSize: 2, generator: &g, name: "d")])
    return try Checkpoint(models: ["model": model], seed: 3, metadata: ["epochs": "2"])
}

private func roundTrip(_ checkpoint: Checkpoint) throws -> Checkpoint {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    try checkpoint.write(to: url)
    return try Checkpoint.read(from: url)
}

@Suite("Hostile checkpoints")
struct HostileCheckpointTests {
    @Test("overflowing, negative and mismatched shapes are refused before anything is sized from them",
          arguments: [[4_294_967_296, 4_294_967_296], [-1, 2], [-3, -2], [Int.max, 2], [2, 2]])
    func impossibleShapesAreRefused(shape: [Int]) throws {
        var c = try editableCheckpoint()
        c.tensors[0].shape = shape
        c.reseal()
        #expect(throws: CheckpointError.self) { try roundTrip(c) }
    }

    @Test("a NaN or infinite weight is refused even with a recomputed checksum")
    func nonFiniteWeightsAreRefused() throws {
        for bad in [Double.nan, .infinity, -.infinity] {
            var c = try editableCheckpoint()
            var values = (0..<6).map(Double.init)
            values[4] = bad
            var bytes = Data()
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
            c.tensors[0].data = bytes.base64EncodedString()
            c.reseal()
            #expect(throws: CheckpointError.corrupt("tensor \(c.tensors[0].name) holds a NaN or infinite value")) { try roundTrip(c) }
        }
    }

    @Test("the checksum covers shapes, metadata and the seed; version 1 files still read")
    func checksumCoversShapesAndMetadata() throws {
        var c = try editableCheckpoint()
        #expect(try roundTrip(c) == c)
        c.metadata["epochs"] = "2000000000"
        #expect(throws: CheckpointError.self) { try roundTrip(c) }
        c = try editableCheckpoint()
        c.seed = 4
        #expect(throws: CheckpointError.self) { try roundTrip(c) }
        c = try editableCheckpoint()
        c.version = 1
        c.reseal()
        let v1 = try roundTrip(c)
        #expect(v1.version == 1)
        c.metadata["epochs"] = "3"   // version 1 checksums did not cover metadata
        #expect(try roundTrip(c).metadata["epochs"] == "3")
    }

    @Test("layer sizes whose weight count overflows are an error, not a trap")
    func overflowingLayerSizes() throws {
        var g = SeededGenerator(seed: 1)
        #expect(throws: TrainingError.self) { try Dense(inputSize: Int.max, outputSize: 2, generator: &g) }
        #expect(throws: TrainingError.self) {
            try QuantumLayer<StatevectorBackend>(dressedQubits: 4, depth: Int.max / 2, configuration: .default,
                                                 generator: &g)
        }
    }

    @Test("a save removes temporary files left by killed saves of the same target, and only those")
    func staleTemporariesAreRemoved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("model.json")
        // PIDs above the kernel's maximum (4,194,304) never run.
        let stale = folder.appendingPathComponent(".model.json.tmp-9999999")
        let foreign = folder.appendingPathComponent(".other.json.tmp-9999999")
        let live = folder.appendingPathComponent(".model.json.tmp-1")   // init always runs
        for url in [stale, foreign, live] { try Data("x".utf8).write(to: url) }
        try editableCheckpoint().write(to: target)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(!names.contains(stale.lastPathComponent))
        #expect(names.contains(foreign.lastPathComponent) && names.contains(live.lastPathComponent))
    }

    @Test("a second writer of the same output path is refused while the first holds it")
    func outputLockRefusesASecondWriter() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("locked-\(UUID().uuidString).json")
        var first: OutputLock? = try OutputLock(url)
        #expect(throws: CheckpointError.self) { try OutputLock(url) }
        first = nil
        #expect(first == nil)
        _ = try OutputLock(url)   // free again
    }
}

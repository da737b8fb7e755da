import Foundation

/// A model's architecture, weights, optimiser state, seed and backend configuration, stored as
/// versioned JSON (format documented in Docs/Training.md).
///
/// Weights are stored bit-exactly (base64 of little-endian IEEE-754 doubles), so a round trip
/// reproduces predictions bit for bit, and guarded by an FNV-1a checksum. Writes are atomic:
/// the file is written beside the target under a temporary name and renamed over it, so a
/// crash during a save leaves the previous checkpoint intact.
public struct Checkpoint: Hashable, Sendable, Codable {
    /// The format version this build writes. Version 2's checksum also covers every tensor's
    /// shape, the metadata and the seed; version 1 files (checksum over names and data) are
    /// still read.
    public static let formatVersion = 2
    /// The versions this build reads.
    public static let readableVersions = 1...2
    /// The magic string in every checkpoint.
    public static let formatName = "qompress-checkpoint"

    /// One stored tensor.
    public struct Tensor: Hashable, Sendable, Codable {
        /// The tensor's name (`"image.dense0.weight"`).
        public var name: String
        /// Its shape.
        public var shape: [Int]
        /// Base64 of the values as little-endian doubles.
        public var data: String

        /// The product of the shape's entries.
        /// - Throws: `CheckpointError.corrupt` for a negative entry or a product that overflows.
        public func valueCount() throws -> Int {
            var count = 1
            for d in shape {
                guard d >= 0 else { throw CheckpointError.corrupt("tensor \(name) has a negative dimension in \(shape)") }
                let (product, overflow) = count.multipliedReportingOverflow(by: d)
                guard !overflow else { throw CheckpointError.corrupt("tensor \(name) has an impossibly large shape \(shape)") }
                count = product
            }
            return count
        }
    }

    /// `formatName`.
    public var format: String
    /// `formatVersion` when written.
    public var version: Int
    /// Named models and their layers, in order.
    public var architecture: [String: [LayerSpec]]
    /// Every trainable tensor.
    public var tensors: [Tensor]
    /// The optimiser's state, if saved.
    public var optimizer: OptimizerState?
    /// The seed the run started from.
    public var seed: UInt64
    /// Free-form facts (dataset, epoch, metrics).
    public var metadata: [String: String]
    /// FNV-1a 64 of all tensor names, shapes and bytes, the metadata and the seed, hexadecimal
    /// (version 1: names and bytes only).
    public var checksum: String

    /// Captures models (by name) and optionally an optimiser.
    /// - Throws: `CheckpointError.mismatch` when two tensors share a name.
    public init(models: [String: Layer], optimizer: Optimizer? = nil, seed: UInt64, metadata: [String: String] = [:]) throws {
        format = Checkpoint.formatName
        version = Checkpoint.formatVersion
        architecture = models.mapValues(\.specifications)
        tensors = models.keys.sorted().flatMap { key in
            models[key]!.parameters.map { p in
                Tensor(name: key + "." + p.name, shape: p.shape, data: Checkpoint.encode(p.values))
            }
        }
        var names = Set<String>()
        for t in tensors where !names.insert(t.name).inserted {
            throw CheckpointError.mismatch("two tensors are named \(t.name); give the layers distinct names")
        }
        self.optimizer = optimizer?.state
        self.seed = seed
        self.metadata = metadata
        checksum = Checkpoint.checksum(of: tensors, metadata: metadata, seed: seed, version: Checkpoint.formatVersion)
    }

    /// The number of values the tensors whose names start with `prefix` hold, by their shapes.
    /// Loaders compare it with what metadata asks for before building anything.
    /// - Throws: `CheckpointError.corrupt` for a negative entry or a count that overflows.
    public func storedValueCount(prefix: String = "") throws -> Int {
        var total = 0
        for t in tensors where t.name.hasPrefix(prefix) {
            let (sum, overflow) = total.addingReportingOverflow(try t.valueCount())
            guard !overflow else { throw CheckpointError.corrupt("the tensors hold impossibly many values") }
            total = sum
        }
        return total
    }

    /// Recomputes the checksum after a deliberate edit of tensors, metadata or seed (for tools
    /// that rewrite checkpoints; `read(from:)` still validates every shape and value).
    public mutating func reseal() {
        checksum = Checkpoint.checksum(of: tensors, metadata: metadata, seed: seed, version: version)
    }

    /// Writes the checkpoint atomically.
    /// - Throws: `CheckpointError.io`.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw CheckpointError.io("encoding failed: \(error)") }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        Checkpoint.removeStaleTemporaries(of: url)
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CheckpointError.io("cannot rename \(temporary.path) to \(url.path): errno \(errno)")
            }
        } catch let error as CheckpointError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CheckpointError.io("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Reads and validates a checkpoint.
    /// - Throws: `CheckpointError.io`, `.corrupt` or `.unsupportedVersion`.
    public static func read(from url: URL) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw CheckpointError.io("cannot read \(url.path): \(error.localizedDescription)") }
        return try decode(data, name: url.lastPathComponent)
    }

    /// Decodes and validates a checkpoint from the bytes of a file called `name`.
    /// - Throws: `CheckpointError.corrupt` or `.unsupportedVersion`.
    public static func decode(_ data: Data, name: String = "<data>") throws -> Checkpoint {
        let checkpoint: Checkpoint
        do { checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data) } catch {
            throw CheckpointError.corrupt("\(name) is not a valid checkpoint (\(error))")
        }
        guard checkpoint.format == formatName else { throw CheckpointError.corrupt("not a Qompress checkpoint") }
        guard readableVersions.contains(checkpoint.version) else { throw CheckpointError.unsupportedVersion(checkpoint.version) }
        for t in checkpoint.tensors {
            // Shapes are checked before anything is sized from them: non-negative, no overflow,
            // and as many values as the base64 holds (which bounds the product by the file size).
            let count = try t.valueCount()
            guard let values = decode(t.data), values.count == count else {
                throw CheckpointError.corrupt("tensor \(t.name) does not hold \(t.shape) doubles")
            }
            guard values.allSatisfy(\.isFinite) else {
                throw CheckpointError.corrupt("tensor \(t.name) holds a NaN or infinite value")
            }
        }
        guard checksum(of: checkpoint.tensors, metadata: checkpoint.metadata, seed: checkpoint.seed,
                       version: checkpoint.version) == checkpoint.checksum else {
            throw CheckpointError.corrupt("checksum mismatch: the tensors, shapes or metadata were altered or damaged")
        }
        return checkpoint
    }

    /// Removes `.NAME.tmp-PID` files beside `url` whose process no longer runs (left by a save
    /// that was killed).
    static func removeStaleTemporaries(of url: URL) {
        let folder = url.deletingLastPathComponent()
        let prefix = ".\(url.lastPathComponent).tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), pid != ProcessInfo.processInfo.processIdentifier else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// Copies the stored weights into `model`'s tensors, checking architecture, names and shapes.
    /// - Throws: `CheckpointError.mismatch`.
    public func load(into model: Layer, named name: String) throws {
        guard let stored = architecture[name] else { throw CheckpointError.mismatch("no model named \(name)") }
        let current = model.specifications
        guard stored.count == current.count, zip(current, stored).allSatisfy({ $0.isRestorable(from: $1) }) else {
            throw CheckpointError.mismatch("architecture of \(name) differs: stored \(stored), model \(model.specifications)")
        }
        let byName = Dictionary(tensors.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for p in model.parameters {
            guard let t = byName[name + "." + p.name] else { throw CheckpointError.mismatch("missing tensor \(name).\(p.name)") }
            guard t.shape == p.shape, let values = Checkpoint.decode(t.data), values.count == p.values.count else {
                throw CheckpointError.mismatch("tensor \(t.name) has shape \(t.shape), the model needs \(p.shape)")
            }
            p.values = values
        }
    }

    static func encode(_ values: [Double]) -> String {
        var bytes = Data(capacity: values.count * 8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes.base64EncodedString()
    }

    static func decode(_ text: String) -> [Double]? {
        guard let bytes = Data(base64Encoded: text), bytes.count % 8 == 0 else { return nil }
        return stride(from: 0, to: bytes.count, by: 8).map { offset in
            var bits: UInt64 = 0
            for k in 0..<8 { bits |= UInt64(bytes[bytes.startIndex + offset + k]) << (8 * k) }
            return Double(bitPattern: bits)
        }
    }

    static func checksum(of tensors: [Tensor], metadata: [String: String], seed: UInt64, version: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        for t in tensors {
            mix(t.name.utf8)
            if version >= 2 { mix("\(t.shape)".utf8) }
            mix(t.data.utf8)
        }
        if version >= 2 {
            for key in metadata.keys.sorted() {
                mix(key.utf8)
                mix([0])
                mix(metadata[key]!.utf8)
                mix([0])
            }
            mix("\(seed)".utf8)
        }
        return String(hash, radix: 16)
    }
}

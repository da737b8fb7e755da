import Foundation

/// A model's architecture, weights, optimiser state, seed and backend configuration, stored as
/// versioned JSON (format documented in Docs/Training.md).
///
/// Weights are stored bit-exactly (base64 of little-endian IEEE-754 doubles), so a round trip
/// reproduces predictions bit for bit, and guarded by an FNV-1a checksum. Writes are atomic:
/// the file is written beside the target under a temporary name and renamed over it, so a
/// crash during a save leaves the previous checkpoint intact.
public struct Checkpoint: Hashable, Sendable, Codable {
    /// The format version this build writes and reads.
    public static let formatVersion = 1
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
    /// FNV-1a 64 of all tensor names and bytes, hexadecimal.
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
        checksum = Checkpoint.checksum(of: tensors)
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
        let checkpoint: Checkpoint
        do { checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data) } catch {
            throw CheckpointError.corrupt("\(url.lastPathComponent) is not a valid checkpoint (\(error))")
        }
        guard checkpoint.format == formatName else { throw CheckpointError.corrupt("not a Qompress checkpoint") }
        guard checkpoint.version == formatVersion else { throw CheckpointError.unsupportedVersion(checkpoint.version) }
        for t in checkpoint.tensors {
            guard let values = decode(t.data), values.count == t.shape.reduce(1, *) else {
                throw CheckpointError.corrupt("tensor \(t.name) does not hold \(t.shape) doubles")
            }
        }
        guard checksum(of: checkpoint.tensors) == checkpoint.checksum else {
            throw CheckpointError.corrupt("checksum mismatch: the tensors were altered or damaged")
        }
        return checkpoint
    }

    /// Copies the stored weights into `model`'s tensors, checking architecture, names and shapes.
    /// - Throws: `CheckpointError.mismatch`.
    public func load(into model: Layer, named name: String) throws {
        guard let stored = architecture[name] else { throw CheckpointError.mismatch("no model named \(name)") }
        guard stored == model.specifications else {
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

    static func checksum(of tensors: [Tensor]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for t in tensors {
            for byte in Array(t.name.utf8) + Array(t.data.utf8) {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }
}

import Foundation
import Qompress

/// A trained model loaded from a checkpoint, used from C through an integer handle.
final class LoadedModel: @unchecked Sendable {
    /// What the checkpoint held.
    enum Kind {
        /// A CLIP-ACQUA model (`qompress acqua train`).
        case acqua(ACQUAModel)
        /// A projection head (`qompress head train`).
        case head(Layer)
    }

    let kind: Kind
    /// Layers cache their last batch, so one model runs one call at a time.
    private let lock = NSLock()

    init(_ kind: Kind) { self.kind = kind }

    /// The input width d.
    var inputSize: Int {
        switch kind {
        case let .acqua(model): return model.architecture.embeddingDimension
        case let .head(model): return model.inputSize
        }
    }

    /// The output width (k latents, or the head's outputs).
    var outputSize: Int {
        switch kind {
        case let .acqua(model): return model.latentDimension
        case let .head(model): return model.outputSize
        }
    }

    /// Runs `body` while holding the model.
    func exclusively<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// The live models, by handle. Handles are never reused, so a stale handle is an error, not
/// another model.
final class ModelRegistry: @unchecked Sendable {
    static let shared = ModelRegistry()
    private let lock = NSLock()
    private var models: [Int64: LoadedModel] = [:]
    private var next: Int64 = 1

    func insert(_ model: LoadedModel) -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        let handle = next
        next += 1
        models[handle] = model
        return handle
    }

    func model(_ handle: Int64) throws -> LoadedModel {
        lock.lock()
        defer { lock.unlock() }
        guard let model = models[handle] else {
            throw BoundaryError("\(handle) is not the handle of a loaded model (never returned, or already freed)", status: .invalidHandle)
        }
        return model
    }

    func remove(_ handle: Int64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return models.removeValue(forKey: handle) != nil
    }
}

/// Loads a checkpoint of kind `kind` (0 ACQUA, 1 head) and returns its handle.
private func load(_ path: UnsafePointer<CChar>?, kind: Int32, threads: Int64) throws -> Int64 {
    let path = try string(path, "the checkpoint path")
    guard threads >= 0, threads <= 4096 else { throw BoundaryError("threads must be in 0…4096, got \(threads)") }
    let url = URL(fileURLWithPath: path)
    guard FileManager.default.isReadableFile(atPath: path) else {
        throw BoundaryError("cannot read \(path): \(FileManager.default.fileExists(atPath: path) ? "not a readable file" : "no such file")",
                            status: .modelError)
    }
    let checkpoint = try Checkpoint.read(from: url)
    let model: LoadedModel
    switch kind {
    case 0:
        model = LoadedModel(.acqua(try ACQUAModel(checkpoint: checkpoint, builder: ModelFactory.acquaBuilder(threads: Int(threads)))))
    case 1:
        model = LoadedModel(.head(try HeadCheckpoint.model(from: checkpoint).0))
    default:
        throw BoundaryError("unknown model kind \(kind)")
    }
    return ModelRegistry.shared.insert(model)
}

/// Loads a CLIP-ACQUA checkpoint written by `qompress acqua train`.
///
/// - Parameters:
///   - path: the checkpoint file (NUL-terminated).
///   - threads: worker threads of the quantum layers (0 = all cores).
///   - handle: receives the model's handle (free it with `qompress_model_free`).
///   - message, messageCapacity: receives the error message on failure.
/// - Returns: a `QompressStatus` code (0 on success).
@_cdecl("qompress_acqua_load")
public func qompressACQUALoad(_ path: UnsafePointer<CChar>?, _ threads: Int64, _ handle: UnsafeMutablePointer<Int64>?,
                              _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int64) -> Int32 {
    guarded(message, messageCapacity) {
        guard let handle else { throw BoundaryError("the handle pointer is null") }
        handle.pointee = try load(path, kind: 0, threads: threads)
    }
}

/// Loads a projection-head checkpoint written by `qompress head train`.
///
/// - Parameters: as `qompress_acqua_load` (without threads).
/// - Returns: a `QompressStatus` code (0 on success).
@_cdecl("qompress_head_load")
public func qompressHeadLoad(_ path: UnsafePointer<CChar>?, _ handle: UnsafeMutablePointer<Int64>?,
                             _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int64) -> Int32 {
    guarded(message, messageCapacity) {
        guard let handle else { throw BoundaryError("the handle pointer is null") }
        handle.pointee = try load(path, kind: 1, threads: 0)
    }
}

/// The input width d and output width of a loaded model.
///
/// - Returns: a `QompressStatus` code (0 on success; `invalidHandle` for an unknown handle).
@_cdecl("qompress_model_shape")
public func qompressModelShape(_ handle: Int64, _ inputSize: UnsafeMutablePointer<Int64>?,
                               _ outputSize: UnsafeMutablePointer<Int64>?,
                               _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int64) -> Int32 {
    guarded(message, messageCapacity) {
        guard let inputSize, let outputSize else { throw BoundaryError("a size pointer is null") }
        let model = try ModelRegistry.shared.model(handle)
        inputSize.pointee = Int64(model.inputSize)
        outputSize.pointee = Int64(model.outputSize)
    }
}

/// Frees a loaded model. Returns 0, or `invalidHandle` for a handle that is not live.
@_cdecl("qompress_model_free")
public func qompressModelFree(_ handle: Int64) -> Int32 {
    ModelRegistry.shared.remove(handle) ? QompressStatus.ok.rawValue : QompressStatus.invalidHandle.rawValue
}

/// Encodes a batch with a loaded model: `qompress acqua embed` (with `modality` `"image"` or
/// `"text"`) for a CLIP-ACQUA model, `qompress head encode` (modality ignored, may be null)
/// for a head.
///
/// - Parameters:
///   - handle: from `qompress_acqua_load` or `qompress_head_load`.
///   - modality: which ACQUA encoder (NUL-terminated).
///   - inputs, rows, columns: the embeddings, row-major; `columns` must be the model's input size.
///   - outputs, outputCount: receives `rows × outputSize` values, row-major.
///   - message, messageCapacity: receives the error message on failure.
/// - Returns: a `QompressStatus` code (0 on success); the outputs are unspecified on failure.
@_cdecl("qompress_model_encode")
public func qompressModelEncode(_ handle: Int64, _ modality: UnsafePointer<CChar>?,
                                _ inputs: UnsafePointer<Double>?, _ rows: Int64, _ columns: Int64,
                                _ outputs: UnsafeMutablePointer<Double>?, _ outputCount: Int64,
                                _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int64) -> Int32 {
    guarded(message, messageCapacity) {
        let model = try ModelRegistry.shared.model(handle)
        guard columns == Int64(model.inputSize) else {
            throw BoundaryError("the inputs have \(columns) columns, the model reads \(model.inputSize)")
        }
        let x = try readable(inputs, count: try checkedCount(rows, columns, "the inputs"), "the inputs")
        try DressedBatch.requireFinite(x, "the inputs")
        let y = try writable(outputs, capacity: outputCount,
                             count: try checkedCount(rows, Int64(model.outputSize), "the outputs"), "the outputs")
        guard rows > 0 else { return }
        let matrix = try Matrix(rows: Int(rows), columns: Int(columns), elements: Array(x))
        let result: Matrix = try model.exclusively {
            switch model.kind {
            case let .acqua(acqua):
                let name = try string(modality, "the modality")
                guard let which = Modality(rawValue: name.lowercased()) else {
                    throw BoundaryError("modality must be image or text, got \(name)")
                }
                return try ACQUAEmbedding.embed(matrix, modality: which, with: acqua)
            case let .head(head):
                let out = try RetrievalExperiment.outputs(of: head, matrix)
                guard out.elements.allSatisfy(\.isFinite) else {
                    throw BoundaryError("the head gives NaN or infinite outputs", status: .modelError)
                }
                return out
            }
        }
        guard result.rows == Int(rows), result.columns == model.outputSize else {
            throw BoundaryError("internal: the model returned \(result.rows) × \(result.columns)", status: .internalError)
        }
        result.elements.withUnsafeBufferPointer { source in
            for i in 0..<source.count { y[i] = source[i] }
        }
    }
}

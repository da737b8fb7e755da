import Foundation
import QompressCore

/// Training progress on standard error, so that standard output holds only results: a redrawn
/// bar with the running loss on a terminal, plain lines otherwise (logs, CI).
public final class ProgressReporter {
    /// Whether standard error is a terminal.
    public let isTerminal: Bool
    private var lastDraw = Date.distantPast

    /// Creates a reporter; `forcePlain` disables the bar even on a terminal.
    public init(forcePlain: Bool = false) {
        isTerminal = !forcePlain && isatty(STDERR_FILENO) == 1
    }

    /// Reports batch `batch` of `batches` in `epoch` with the running mean loss.
    public func batch(epoch: Int, epochs: Int, batch: Int, batches: Int, runningLoss: Double) {
        guard isTerminal else { return }
        let now = Date()
        guard batch == batches || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = batches > 0 ? width * batch / batches : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "epoch %d/%d %@ %d/%d loss %.5f", epoch + 1, epochs, bar, batch, batches, runningLoss)
        FileHandle.standardError.write(Data(("\r" + line).utf8))
    }

    /// Reports the end of an epoch.
    public func epoch(_ epoch: Int, epochs: Int, trainLoss: Double, validationLoss: Double?, seconds: Double) {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        var line = String(format: "epoch %d/%d  train loss %.6f", epoch + 1, epochs, trainLoss)
        if let validationLoss { line += String(format: "  validation loss %.6f", validationLoss) }
        line += String(format: "  (%.2f s)", seconds)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Appends one JSON object per line to a metrics file (JSON Lines).
public final class MetricsLog {
    private let handle: FileHandle

    /// Creates or truncates the file at `url`.
    /// - Throws: `CheckpointError.io` when the file cannot be created.
    public init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CheckpointError.io("cannot create metrics file \(url.path)")
        }
        do { handle = try FileHandle(forWritingTo: url) } catch {
            throw CheckpointError.io("cannot open metrics file \(url.path): \(FileAccess.writeProblem(at: url.path) ?? "the folder is missing or not writable")")
        }
    }

    deinit { try? handle.close() }

    /// Writes one record.
    public func write(_ record: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        handle.write(data + Data("\n".utf8))
    }
}

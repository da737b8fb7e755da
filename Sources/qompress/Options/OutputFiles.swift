import ArgumentParser
import Foundation
import Qompress

/// Writes `text` to `path`, creating the folder; atomically (a reader never sees half a file).
/// - Throws: `ValidationError` naming the path and what stands in the way.
func writeText(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
        throw ValidationError("cannot write \(path): \(FileAccess.writeProblem(at: path) ?? "its folder cannot be created or written")")
    }
}

/// Writes `value` as pretty JSON with sorted keys to `path`, as `writeText` does.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    try writeText(String(decoding: try JSONEncoder.report().encode(value), as: UTF8.self), to: path)
}

/// Throws a `ValidationError` naming `option` when `path` cannot be written as a file (it is a
/// folder, or a parent is a file), so that a command fails before its work, not after.
func checkOutputFile(_ path: String?, option: String) throws {
    guard let path, path != "-" else { return }
    if let problem = FileAccess.writeProblem(at: path) { throw ValidationError("\(option) \(path): \(problem)") }
}

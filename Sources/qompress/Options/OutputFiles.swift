import Foundation

/// Writes `text` to `path`, creating the folder; atomically (a reader never sees half a file).
func writeText(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .atomic)
}

/// Writes `value` as pretty JSON with sorted keys to `path`, as `writeText` does.
func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try writeText(String(decoding: try encoder.encode(value), as: UTF8.self), to: path)
}

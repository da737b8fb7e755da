import Foundation

/// Why a path cannot be read or written, in plain words for error messages (instead of a
/// Foundation error's domain text): every reader and writer of files says the same thing.
public enum FileAccess {
    /// Why `path` cannot be read as a file: "no such file", "is a folder, not a file" or
    /// "is not readable".
    public static func readProblem(at path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file" }
        if isDirectory.boolValue { return "is a folder, not a file" }
        return FileManager.default.isReadableFile(atPath: path) ? "could not be read" : "is not readable"
    }

    /// Why `path` cannot be written as a file, or `nil` when nothing stands in the way that
    /// can be seen before writing: the path is a folder, or a parent is a file.
    public static func writeProblem(at path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "is a folder; give a file name"
        }
        var parent = URL(fileURLWithPath: path).deletingLastPathComponent()
        while parent.path != "/" && !parent.path.isEmpty {
            if FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory) {
                return isDirectory.boolValue ? nil : "its folder \(parent.path) is a file"
            }
            parent = parent.deletingLastPathComponent()
        }
        return nil
    }

    /// The system's description of `errno` (e.g. "Is a directory").
    public static func describe(errno code: Int32) -> String { String(cString: strerror(code)) }
}

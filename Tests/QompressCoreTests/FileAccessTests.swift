import Foundation
import QompressCore
import Testing

@Test("file problems are named in words: missing, a folder, a parent that is a file")
func fileProblemsAreNamed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qompress-fileaccess-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("a.txt")
    try Data("x".utf8).write(to: file)
    #expect(FileAccess.readProblem(at: folder.appendingPathComponent("missing").path) == "no such file")
    #expect(FileAccess.readProblem(at: folder.path) == "is a folder, not a file")
    #expect(FileAccess.writeProblem(at: folder.path) == "is a folder; give a file name")
    #expect(FileAccess.writeProblem(at: file.appendingPathComponent("b.json").path) == "its folder \(file.path) is a file")
    #expect(FileAccess.writeProblem(at: folder.appendingPathComponent("new/deeper/c.json").path) == nil)
    #expect(FileAccess.writeProblem(at: file.path) == nil)
}

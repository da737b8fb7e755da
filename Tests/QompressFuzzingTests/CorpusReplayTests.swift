import Foundation
import Qompress
import QompressFuzzing
import QompressQASM
import Testing

/// The committed fuzz corpus (`Tests/Fuzz/Corpus/<target>`) and every input that once crashed a
/// reader (`Tests/Fuzz/Regressions/<target>`), replayed through the fuzz targets: each must
/// return without trapping.
@Suite("Fuzz corpus and regressions")
struct CorpusReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func files(_ kind: String, _ target: FuzzTarget) -> [URL] {
        let folder = root.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
    }

    @Test("every target has seeds and past crashes on file, and replays them without a trap", arguments: FuzzTarget.allCases)
    func replay(target: FuzzTarget) throws {
        let corpus = Self.files("Corpus", target), regressions = Self.files("Regressions", target)
        #expect(!corpus.isEmpty)
        #expect(!regressions.isEmpty)
        for url in corpus + regressions { target.run(try Data(contentsOf: url)) }
    }

    @Test("the regression inputs are refused by the readers, not accepted")
    func regressionsAreRefused() throws {
        for url in Self.files("Regressions", .acquaCheckpoint) + Self.files("Regressions", .headCheckpoint) {
            let data = try Data(contentsOf: url)
            #expect(throws: (any Error).self, "\(url.lastPathComponent)") {
                let checkpoint = try Checkpoint.decode(data)
                if url.path.contains("acqua") {
                    _ = try ACQUAModel(checkpoint: checkpoint, builder: ModelFactory.acquaBuilder(threads: 1))
                } else {
                    _ = try HeadCheckpoint.model(from: checkpoint)
                }
            }
        }
        for url in Self.files("Regressions", .npy) {
            #expect(throws: NPYError.self, "\(url.lastPathComponent)") { try NPYArray(data: try Data(contentsOf: url)) }
        }
        for url in Self.files("Regressions", .qasm) {
            #expect(throws: QASMError.self) { try QASMProgram(data: try Data(contentsOf: url)) }
        }
    }
}

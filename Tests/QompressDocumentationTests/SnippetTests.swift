import Foundation
import Qompress
import Testing

/// The package's folder (tests read the documents of the project they test).
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The lines of every ```swift block of the README, Docs/ and the DocC catalogs, by file.
private func documentedBlocks() throws -> [(file: String, lines: [String])] {
    var files = [root.appendingPathComponent("README.md")]
    let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent("Docs"), includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
        if url.pathExtension == "md" { files.append(url) }
    }
    let sources = FileManager.default.enumerator(at: root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)
    while let url = sources?.nextObject() as? URL {
        if url.pathExtension == "md" && url.path.contains(".docc/") { files.append(url) }
    }
    var blocks: [(String, [String])] = []
    for file in files {
        var current: [String]?
        for line in try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n") {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```swift" { current = []; continue }
            if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append((file.lastPathComponent, current!))
                current = nil
                continue
            }
            current?.append(line)
        }
    }
    return blocks
}

/// A block's code lines: trimmed, without blank lines and imports (the test file imports).
private func codeLines(_ lines: [String]) -> [String] {
    lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("import ") }
}

@Suite("Documented code")
struct SnippetTests {
    @Test("every Swift block of the README, Docs/ and the DocC articles stands verbatim in compiled code")
    func everyBlockCompiles() throws {
        let folder = root.appendingPathComponent("Tests/QompressDocumentationTests")
        let compiled = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" && $0.lastPathComponent != "SnippetTests.swift" }
            .map { codeLines(try String(contentsOf: $0, encoding: .utf8).components(separatedBy: "\n")) }
        let blocks = try documentedBlocks()
        #expect(blocks.count >= 7)
        for (file, lines) in blocks {
            let code = codeLines(lines)
            let found = compiled.contains { source in
                source.indices.contains { start in
                    start + code.count <= source.count && Array(source[start..<(start + code.count)]) == code
                }
            }
            #expect(found, "a Swift block of \(file) starting \"\(code.first ?? "")\" is not in Tests/QompressDocumentationTests")
        }
    }

    @Test("the README's quick start runs: GHZ-like correlations and 1000 counts")
    func readmeRuns() throws {
        let counts = try readmeQuickStart()
        #expect(counts.values.reduce(0, +) == 1000)
    }

    @Test("the gradients guide runs, and its adjoint and parameter-shift gradients agree")
    func gradientsGuideRuns() throws {
        var g = SeededGenerator(seed: 3)
        let x = (0..<8).map { _ in g.nextGaussian() }, w = (0..<48).map { _ in g.nextGaussian() }
        let upstream = (0..<8).map { _ in g.nextGaussian() }
        let o = try PauliSum("Z0 Z1 + 0.5 X2")
        let (adjoint, shift, weightGradient) = try gradientsGuide(x: x, w: w, g: upstream, o: o, batchX: [x, x], batchG: [upstream, upstream])
        #expect(adjoint.maxDifference(to: shift) < 1e-10)
        #expect(weightGradient.count == 48)
    }

    @Test("the MPS guide runs a 128-qubit dressed circuit within χ = 64")
    func mpsGuideRuns() throws {
        var g = SeededGenerator(seed: 4)
        let values = ParameterValues(inputs: (0..<128).map { _ in g.nextGaussian() }, weights: (0..<(128 * 6)).map { _ in 0.1 * g.nextGaussian() })
        let report = try mpsGuide(values: values)
        #expect(report.maxBondDimension <= 64)
    }

    @Test("the QASM guide reads a program and writes one back")
    func qasmGuideRuns() throws {
        let path = root.appendingPathComponent("Examples/qasm/grover3.qasm").path
        #expect(try qasmImportGuide(path: path).count == 3)
        let text = try qasmExportGuide(circuit: try Circuit.dressed(qubitCount: 2, layers: 1), x: [0.1, 0.2], w: [0.3, 0.4])
        #expect(text.hasPrefix("OPENQASM 2.0;"))
    }

    @Test("the DocC tutorial runs: the energy matches the adjoint's value, the gradients agree, the loss falls")
    func gettingStartedRuns() throws {
        let (circuit, observable, values, energy) = try gettingStartedCircuit()
        let (value, agreement) = try gettingStartedGradient(circuit: circuit, observable: observable, values: values)
        #expect(abs(value - energy) < 1e-12)
        #expect(agreement < 1e-12)
        var g = SeededGenerator(seed: 2)
        let batch = try Matrix(rows: 8, columns: 16, elements: (0..<128).map { _ in g.nextGaussian() })
        let losses = try gettingStartedTraining(batch: batch)
        #expect(losses.last! < 0.9 * losses.first!)
    }

    @Test("the projection head's float32 example encodes and takes a training step")
    func projectionHeadFloat32Runs() throws {
        var g = SeededGenerator(seed: 6)
        let x = try Matrix(rows: 8, columns: 384, elements: (0..<(8 * 384)).map { _ in g.nextGaussian() / 20 })
        let (outputs, loss) = try projectionHeadFloat32(x: x)
        #expect(outputs.rows == 8 && outputs.columns == 256)
        #expect(loss >= 0 && loss <= 1)
    }

    @Test("the training guide trains, lowers its loss and writes a checkpoint that loads")
    func trainingGuideRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qompress-snippets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var g = SeededGenerator(seed: 5)
        let x = try Matrix(rows: 16, columns: 512, elements: (0..<(16 * 512)).map { _ in g.nextGaussian() / 20 })
        let losses = try trainingGuide(x: x, xv: x, folder: folder)
        #expect(losses.count == 20 && losses.last! < losses.first!)
        #expect(try Checkpoint.read(from: folder.appendingPathComponent("checkpoint.json")).architecture["autoencoder"]?.count == 3)
    }
}

import Foundation
import Qompress
import QompressACQUA
import Testing

/// A compressor whose latents are NaN (what non-finite weights after the circuit produce).
private struct BrokenCompressor: EmbeddingCompressor {
    var label: String { "broken" }
    var latentDimension: Int { 2 }
    var parameterCounts: ParameterCounts { ParameterCounts(total: 0, quantum: 0) }
    func encode(_ embeddings: Matrix, modality: Modality) throws -> Matrix {
        try Matrix(rows: embeddings.rows, columns: 2, elements: [Double](repeating: .nan, count: 2 * embeddings.rows))
    }
    func reconstruct(_ embeddings: Matrix, modality: Modality) throws -> Matrix { embeddings.map { _ in .nan } }
}

@Suite("CLIP-ACQUA hostile input")
struct ACQUAHostileInputTests {
    @Test("architecture metadata that does not match the stored tensors is refused before anything is built",
          arguments: [("latentDimension", "9223372036854775807"), ("hiddenDecoderSize", "2147483648"),
                      ("embeddingDimension", "2147483648"), ("depth", "1000000000"), ("qubits", "25"), ("latentDimension", "4")])
    func hostileArchitectureIsRefused(field: String, value: String) throws {
        let model = try tinyModel(.quantum(.statevector))
        var checkpoint = try model.checkpoint(optimizer: nil, seed: 5)
        var json = try JSONSerialization.jsonObject(with: Data(checkpoint.metadata[ACQUAModel.architectureKey]!.utf8)) as! [String: Any]
        json[field] = Int(value)!
        checkpoint.metadata[ACQUAModel.architectureKey] = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
        checkpoint.reseal()
        #expect(throws: ACQUAError.self) { try ACQUAModel(checkpoint: checkpoint, builder: ModelFactory.acquaBuilder(threads: 1)) }
    }

    @Test("the architecture's parameter count is what the built model holds")
    func parameterCountMatchesTheModel() throws {
        for bottleneck in [ACQUAArchitecture.Bottleneck.classical, .quantum(.statevector)] {
            for hidden in [nil, 5] {
                var g = SeededGenerator(seed: 1)
                let a = ACQUAArchitecture(embeddingDimension: 12, qubits: 4, depth: 3, latentDimension: 3, hiddenDecoderSize: hidden,
                                          bottleneck: bottleneck)
                let model = try ACQUAModel(architecture: a, generator: &g, builder: ModelFactory.acquaBuilder(threads: 1))
                #expect(model.image.parameters.reduce(0) { $0 + $1.values.count } == (try a.parameterCount()))
            }
        }
    }

    @Test("NaN latents are refused by the evaluation, the embedding and retrieval instead of scoring as hits")
    func nonFiniteResultsAreRefused() throws {
        let data = try tinyData(count: 6)
        #expect(throws: ACQUAError.self) { try ACQUAEvaluation(of: BrokenCompressor(), on: data, distance: .euclidean) }
        #expect(throws: ACQUAError.self) { try ACQUAEmbedding.embed(data.texts, modality: .text, with: BrokenCompressor()) }
        let nan = try Matrix(rows: 2, columns: 2, elements: [.nan, 0, 1, 0])
        #expect(throws: ACQUAError.self) {
            try Retrieval.recall(queries: nan, candidates: nan, relevant: [[0], [1]], ks: [1], score: .euclidean)
        }
    }
}

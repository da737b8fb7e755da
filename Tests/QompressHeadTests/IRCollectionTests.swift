import Foundation
import Testing
import QompressCore
import QompressHead
import QompressLinearAlgebra

private let tiny = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tiny")

/// A writable copy of the tiny fixture with one file replaced.
private func variant(_ file: String, _ contents: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("head-ir-\(UUID().uuidString)/tiny")
    try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: tiny, to: folder)
    try contents.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    return folder
}

@Test func tinyCollectionLoadsWithGradedRelevance() throws {
    let c = try IRCollection(folder: tiny)
    #expect(c.documents.rows == 4 && c.queries.rows == 2 && c.dimension == 3)
    #expect(c.relevance[0] == [0: 2, 3: 1])
    #expect(c.judgedQueries == [0, 1])
}

@Test func malformedQrelsLineIsReportedWithItsLineNumber() throws {
    let folder = try variant("qrels.tsv", "query-id\tcorpus-id\tscore\nq1\td1\n")
    #expect(throws: HeadError.malformedData(file: "qrels.tsv", line: 2, reason: "expected 3 tab-separated fields, got 2")) {
        try IRCollection(folder: folder)
    }
    let badScore = try variant("qrels.tsv", "q1\td1\thigh\n")
    #expect(throws: HeadError.self) { try IRCollection(folder: badScore) }
}

@Test func unknownIdsInQrelsAreRejected() throws {
    let folder = try variant("qrels.tsv", "q1\td9\t1\n")
    #expect(throws: HeadError.unknownIdentifier(file: "qrels.tsv", identifier: "d9")) { try IRCollection(folder: folder) }
    let query = try variant("qrels.tsv", "q7\td1\t1\n")
    #expect(throws: HeadError.unknownIdentifier(file: "qrels.tsv", identifier: "q7")) { try IRCollection(folder: query) }
}

@Test func embeddingsThatDoNotMatchTheIdsOrDimensionAreRejected() throws {
    let moreIDs = try variant("emb_ids.json", #"{"dim": 3, "doc_ids": ["d1","d2","d3","d4","d5"], "query_ids": ["q1","q2"]}"#)
    #expect(throws: HeadError.self) { try IRCollection(folder: moreIDs) }
    let wrongDim = try variant("emb_ids.json", #"{"dim": 4, "doc_ids": ["d1","d2","d3","d4"], "query_ids": ["q1","q2"]}"#)
    #expect(throws: HeadError.self) { try IRCollection(folder: wrongDim) }
}

@Test func pcaOfTheTinyCollectionIsCentredAndOrthonormal() throws {
    let c = try IRCollection(folder: tiny)
    let pca = try PrincipalComponents(fitting: c.documents, count: 2)
    let projected = try pca.project(c.documents)
    for col in 0..<2 { #expect(abs(projected.columnSums[col]) < 1e-12) }
    for a in 0..<2 { for b in 0..<2 {
        let dot = (0..<3).reduce(0.0) { $0 + pca.basis[$1, a] * pca.basis[$1, b] }
        #expect(abs(dot - (a == b ? 1 : 0)) < 1e-12)
    }}
    #expect(throws: MatrixError.self) { try PrincipalComponents(fitting: c.documents, count: 5) }
}

@Test func contrastiveTrainingLowersTheLossOfBothHeads() throws {
    let c = try IRCollection(folder: tiny)
    var config = ContrastiveConfiguration()
    config.epochs = 30
    config.negatives = 2
    config.learningRate = 0.05
    let trainer = try ContrastiveTrainer(configuration: config)
    let baseline = try CosineSimilarityMeasure().scores(queries: c.queries, documents: c.documents)
    let examples = trainer.examples(collection: c, queries: [0, 1], baselineScores: baseline)
    #expect(examples.map(\.negatives.count) == [2, 2])
    var g = SeededGenerator(seed: 1)
    let qi = QuantumInspiredHead(plan: try .thirds(inputDimension: 3), generator: &g)
    let qiLosses = try trainer.train(qi, similarity: FidelitySimilarity(), examples: examples, documents: c.documents, queries: c.queries)
    #expect(qiLosses.last! < qiLosses.first!)
    let classical = try ClassicalHead.make(inputDimension: 3, outputDimension: 2, generator: &g)
    let losses = try trainer.train(classical, similarity: CosineSimilarityMeasure(), examples: examples, documents: c.documents, queries: c.queries)
    #expect(losses.last! < losses.first!)
}

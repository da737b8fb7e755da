import Foundation
import Testing
import QompressCore
import QompressData
import QompressHead
import QompressLinearAlgebra
import QompressMPS
import QompressTraining

private func randomMatrix(rows: Int, columns: Int, seed: UInt64, scale: Double = 1) throws -> Matrix {
    var g = SeededGenerator(seed: seed)
    return try Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in scale * (2 * g.nextUnit() - 1) })
}

/// ∂/∂(a, b) of `similarity` against central differences.
private func expectSimilarityGradient(_ similarity: some PairSimilarity, _ a: [Double], _ b: [Double], tolerance: Double) throws {
    var ga = [Double](repeating: 0, count: a.count), gb = ga
    a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in
        ga.withUnsafeMutableBufferPointer { qa in gb.withUnsafeMutableBufferPointer { qb in
            similarity.accumulateGradient(pa, pb, scale: 1.5, gradientA: qa, gradientB: qb)
        }}
    }}
    let h = 1e-6
    for i in 0..<a.count {
        var up = a, down = a
        up[i] += h; down[i] -= h
        #expect(abs(1.5 * (try similarity.value(up, b) - similarity.value(down, b)) / (2 * h) - ga[i]) < tolerance)
        var upB = b, downB = b
        upB[i] += h; downB[i] -= h
        #expect(abs(1.5 * (try similarity.value(a, upB) - similarity.value(a, downB)) / (2 * h) - gb[i]) < tolerance)
    }
}

/// A collection folder of `documents` random unit rows and queries that are noisy copies of
/// documents 0, 1, …, each judged relevant to its source.
private func syntheticCollection(documents: Int = 48, queries: Int = 12, dimension: Int = 12) throws -> IRCollection {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("head-synthetic-\(UUID().uuidString)/synthetic")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let docs = CosineSimilarity.normalizedRows(try randomMatrix(rows: documents, columns: dimension, seed: 11))
    let noise = try randomMatrix(rows: queries, columns: dimension, seed: 12, scale: 0.3)
    var q = docs.rows(Array(0..<queries))
    for i in 0..<q.elements.count { q.elements[i] += noise.elements[i] }
    try NPYArray(shape: [documents, dimension], values: docs.elements).write(to: folder.appendingPathComponent("doc_emb_minilm.npy"))
    try NPYArray(shape: [queries, dimension], values: q.elements).write(to: folder.appendingPathComponent("query_emb_minilm.npy"))
    let ids: [String: Any] = ["doc_ids": (0..<documents).map { "d\($0)" }, "query_ids": (0..<queries).map { "q\($0)" }, "dim": dimension]
    try JSONSerialization.data(withJSONObject: ids).write(to: folder.appendingPathComponent("emb_ids.json"))
    let qrels = (0..<queries).map { "q\($0)\td\($0)\t1\nq\($0)\td\(($0 + 1) % documents)\t1" }.joined(separator: "\n")
    try ("query-id\tcorpus-id\tscore\n" + qrels + "\n").write(to: folder.appendingPathComponent("qrels.tsv"), atomically: true, encoding: .utf8)
    return try IRCollection(folder: folder)
}

@Suite("Head distillation and variants")
struct HeadDistillationTests {
    @Test("log-fidelity and Euclidean similarities: gradients match finite differences; log-fidelity ranks as fidelity")
    func similarityGradients() throws {
        var g = SeededGenerator(seed: 1)
        func unitPairs(_ n: Int) -> [Double] {
            (0..<n).flatMap { _ -> [Double] in let t = 6.28 * g.nextUnit(); return [cos(t), sin(t)] }
        }
        let a = unitPairs(5), b = unitPairs(5), c = unitPairs(5)
        try expectSimilarityGradient(LogFidelitySimilarity(), a, b, tolerance: 1e-5)
        try expectSimilarityGradient(EuclideanSimilarity(), a, b, tolerance: 1e-7)
        let fidelity = FidelitySimilarity(), log = LogFidelitySimilarity()
        #expect((try fidelity.value(a, b) < fidelity.value(a, c)) == (try log.value(a, b) < log.value(a, c)))
        #expect(abs(exp(try log.value(a, b)) - (try fidelity.value(a, b))) < 1e-6)
    }

    @Test("Givens mixing starts as the identity, stays orthogonal, and its gradients match finite differences")
    func givensMixing() throws {
        let mixing = try GivensMixing(width: 12, strides: GivensMixing.butterflyStrides(width: 12, stages: 5))
        #expect(mixing.strides == [1, 2, 4, 8, 1])
        #expect(mixing.angles.values.count == 6 + 6 + 4 + 4 + 6)
        let x = try randomMatrix(rows: 3, columns: 12, seed: 2)
        #expect(try mixing.forward(x) == x)
        var g = SeededGenerator(seed: 3)
        mixing.angles.values = mixing.angles.values.map { _ in 2 * g.nextUnit() - 1 }
        let y = try mixing.forward(x)
        for r in 0..<3 {
            let nx = x.row(r).reduce(0) { $0 + $1 * $1 }, ny = y.row(r).reduce(0) { $0 + $1 * $1 }
            #expect(abs(nx - ny) < 1e-12)
        }
        let weights = try randomMatrix(rows: 3, columns: 12, seed: 4)
        func loss(_ out: Matrix) -> Double { zip(out.elements, weights.elements).reduce(0) { $0 + $1.0 * $1.1 * $1.0 } }
        _ = try mixing.forward(x)
        mixing.angles.zeroGradient()
        let inputGradient = try mixing.backward(try Matrix(rows: 3, columns: 12,
                                                           elements: zip(y.elements, weights.elements).map { 2 * $0 * $1 }))
        let h = 1e-6
        for p in [0, 7, 17, mixing.angles.values.count - 1] {
            let saved = mixing.angles.values[p]
            mixing.angles.values[p] = saved + h; let up = loss(try mixing.forward(x))
            mixing.angles.values[p] = saved - h; let down = loss(try mixing.forward(x))
            mixing.angles.values[p] = saved
            #expect(abs((up - down) / (2 * h) - mixing.angles.gradient[p]) < 1e-6)
        }
        for (r, c) in [(0, 0), (1, 5), (2, 11)] {
            var xp = x, xm = x
            xp[r, c] += h; xm[r, c] -= h
            #expect(abs((loss(try mixing.forward(xp)) - loss(try mixing.forward(xm))) / (2 * h) - inputGradient[r, c]) < 1e-6)
        }
        #expect(throws: HeadError.self) { try GivensMixing(width: 12, strides: [12]) }
    }

    @Test("the paper's head ignores the five raw values per block that the compact head drops")
    func compactHeadKeepsEveryParameterThatMatters() throws {
        var g = SeededGenerator(seed: 5)
        let plan = try CompressionPlan.automatic(inputDimension: 12, outputDimension: 4)
        let compact = try CompactHead(plan: plan, generator: &g)
        #expect(compact.compact.values.count == CompactHead.parameterCount(plan: plan))
        #expect(CompactHead.parameterCount(plan: try .thirds(inputDimension: 384)) == 1792)
        let x = try randomMatrix(rows: 5, columns: 12, seed: 6)
        let reference = try compact.encode(x)
        // Change every raw value the compact head does not store: the outputs must not move.
        let full = compact.head
        let stored = Set((0..<full.weights.values.count).filter { full.weights.values[$0] != 0 })
        #expect(stored.count == compact.compact.values.count)
        let perturbed = try QuantumInspiredHead(plan: plan, rawParameters: full.weights.values.enumerated().map {
            stored.contains($0.offset) ? $0.element : 2 * g.nextUnit() - 1
        })
        let outputs = try perturbed.encode(x)
        #expect(zip(outputs.elements, reference.elements).allSatisfy { abs($0 - $1) < 1e-12 })
        // And a stored value does move them.
        compact.compact.values[0] += 0.5
        #expect(try compact.encode(x) != reference)
        // Compact gradients are the full head's gradients of the stored entries.
        let out = try compact.forward(x)
        compact.compact.zeroGradient()
        try compact.accumulateParameterGradients(out)   // L = ½‖h(x)‖² has gradient h(x)
        let h = 1e-6
        for p in [0, 9, compact.compact.values.count - 1] {
            let saved = compact.compact.values[p]
            func l() throws -> Double { try compact.encode(x).elements.reduce(0) { $0 + $1 * $1 / 2 } }
            compact.compact.values[p] = saved + h; let up = try l()
            compact.compact.values[p] = saved - h; let down = try l()
            compact.compact.values[p] = saved
            #expect(abs((up - down) / (2 * h) - compact.compact.gradient[p]) < 1e-7)
        }
    }

    @Test("distillation lowers its loss and never keeps weights below the untrained head on the validation queries")
    func distillationTrainerKeepsTheBestEpoch() throws {
        let collection = try syntheticCollection()
        var g = SeededGenerator(seed: 7)
        let head = try HeadVariant.mix.make(inputDimension: 12, outputDimension: 4, generator: &g, threads: 1)
        var c = DistillationConfiguration()
        c.epochs = 8
        c.batchSize = 8
        c.neighbours = 4
        c.randomCandidates = 8
        c.learningRate = 0.05
        let judged = collection.judgedQueries
        let validation = DistillationTrainer.Validation(queries: collection.queries.rows(judged),
                                                        relevance: judged.map { collection.relevance[$0]! }, ranking: FidelitySimilarity())
        let history = try DistillationTrainer(configuration: c).train(head, student: LogFidelitySimilarity(),
                                                                     documents: collection.documents, validation: validation,
                                                                     threads: 1)
        #expect(history.losses.count == 8)
        #expect(history.losses.last! < history.losses.first!)
        #expect(history.validationNDCG.count == 9)
        #expect(history.validationNDCG[history.keptEpoch] == history.validationNDCG.max()!)
        #expect(history.validationNDCG[history.keptEpoch] >= history.validationNDCG[0])
        #expect(history.scale > 0 && history.scale.isFinite)
        var bad = c
        bad.temperature = 0
        #expect(throws: HeadError.self) { try DistillationTrainer(configuration: bad) }
    }

    @Test("head comparison writes one record per method with the fields the checks read")
    func headComparisonRecords() throws {
        let collection = try syntheticCollection()
        var comparison = try HeadComparison(collection: collection, dimension: 4)
        comparison.variants = [.compact, .mix]
        comparison.threads = 1
        for c in [\HeadComparison.quantum, \HeadComparison.classical] {
            comparison[keyPath: c].epochs = 2
            comparison[keyPath: c].neighbours = 4
            comparison[keyPath: c].randomCandidates = 4
        }
        let records = try comparison.run(seed: 1)
        #expect(records.map(\.method) == ["raw", "pca", "pca-euclidean", "classical", "qi", "qi-compact", "qi-mix"])
        #expect(records.first { $0.method == "qi" }!.params == 8 * 12)
        #expect(records.first { $0.method == "qi-compact" }!.params == 7 * 2 * 4)
        #expect(records.first { $0.method == "classical" }!.params == 12 * 4 + 4)
        for r in records where ["classical", "qi", "qi-compact", "qi-mix"].contains(r.method) {
            #expect(r.ndcg10Untrained != nil && r.ndcg10 >= 0 && r.ndcg10 <= 1)
        }
        let object = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(records[4])) as! [String: Any]
        for key in ["method", "k", "seed", "params", "ndcg10", "map", "recall100", "ndcg10_untrained"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(throws: HeadError.self) { try HeadComparison(collection: collection, dimension: 12) }
    }
}

@Suite("Trained entangled head")
struct EntangledHeadTests {
    @Test("the transfer-chain overlap equals the MPS register's, and its gradients match finite differences")
    func entangledFidelityMatchesMPSAndFiniteDifferences() throws {
        var g = SeededGenerator(seed: 21)
        let head = try EntangledHead(inputDimension: 15, outputDimension: 5, generator: &g)
        head.strengths.values = head.strengths.values.map { _ in 2 * g.nextUnit() }
        let x = try randomMatrix(rows: 2, columns: 15, seed: 22, scale: 1.5)
        let rows = try head.encode(x)
        #expect(rows.columns == 14)
        // The same state built gate by gate on an exact MPS register.
        func state(_ r: Int) throws -> MPSBackend {
            let register = try MPSBackend(qubitCount: 5, configuration: MPSConfiguration(maxBondDimension: 64, cutoff: 0))
            try register.prepare(productState: (0..<5).map { try QubitState(alpha: .init(rows[r, 2 * $0]), beta: .init(rows[r, 2 * $0 + 1])) })
            for j in 0..<4 { try register.apply(Instruction(.rzz(.constant(rows[r, 10 + j])), [j, j + 1], qubitCount: 5)) }
            return register
        }
        let reference = try state(0).innerProduct(with: state(1)).lengthSquared
        let fidelity = EntangledFidelity()
        #expect(abs(try fidelity.value(rows.row(0), rows.row(1)) - reference) < 1e-12)
        #expect(reference < 0.999)
        // With every λ = 0 it is the product fidelity.
        head.strengths.values = head.strengths.values.map { _ in 0 }
        let product = try head.encode(x)
        let amplitudes = { (r: Int) in Array(product.row(r)[0..<10]) }
        #expect(abs(try fidelity.value(product.row(0), product.row(1)) - FidelitySimilarity().value(amplitudes(0), amplitudes(1))) < 1e-12)
        try expectSimilarityGradient(EntangledFidelity(), rows.row(0), rows.row(1), tolerance: 1e-6)
        try expectSimilarityGradient(EntangledFidelity(logarithmic: true), rows.row(0), rows.row(1), tolerance: 1e-5)
    }

    @Test("the entangled head's parameter and input gradients match finite differences")
    func entangledHeadGradients() throws {
        var g = SeededGenerator(seed: 23)
        let head = try EntangledHead(inputDimension: 12, outputDimension: 4, generator: &g)
        let x = try randomMatrix(rows: 2, columns: 12, seed: 24)
        let similarity = EntangledFidelity(logarithmic: true)
        func loss(_ o: Matrix) throws -> Double { try similarity.value(o.row(0), o.row(1)) }
        let out = try head.forward(x)
        var go = Matrix(zeros: 2, out.columns)
        var ga = [Double](repeating: 0, count: out.columns), gb = ga
        out.row(0).withUnsafeBufferPointer { a in out.row(1).withUnsafeBufferPointer { b in
            ga.withUnsafeMutableBufferPointer { qa in gb.withUnsafeMutableBufferPointer { qb in
                similarity.accumulateGradient(a, b, scale: 1, gradientA: qa, gradientB: qb)
            }}
        }}
        for c in 0..<out.columns { go[0, c] = ga[c]; go[1, c] = gb[c] }
        head.parameters.forEach { $0.zeroGradient() }
        let inputGradient = try head.backward(go)
        let h = 1e-6
        for tensor in head.parameters {
            for p in [0, tensor.values.count / 2, tensor.values.count - 1] {
                let saved = tensor.values[p]
                tensor.values[p] = saved + h; let up = try loss(try head.encode(x))
                tensor.values[p] = saved - h; let down = try loss(try head.encode(x))
                tensor.values[p] = saved
                #expect(abs((up - down) / (2 * h) - tensor.gradient[p]) < 1e-6, "\(tensor.name)[\(p)]")
            }
        }
        for (r, c) in [(0, 0), (1, 9), (0, 10)] {
            var xp = x, xm = x
            xp[r, c] += h; xm[r, c] -= h
            #expect(abs((try loss(try head.encode(xp)) - loss(try head.encode(xm))) / (2 * h) - inputGradient[r, c]) < 1e-6)
        }
    }
}

@Suite("Head hostile input")
struct HeadHostileInputTests {
    @Test("head checkpoints with sizes that do not match their tensors are refused before anything is built",
          arguments: [("4294967296", "3"), ("9", "4294967296"), ("9", "3000"), ("-9", "3"), ("9", "9"), ("12", "4")])
    func hostileHeadMetadataIsRefused(input: String, output: String) throws {
        var g = SeededGenerator(seed: 1)
        let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 9), generator: &g)
        var checkpoint = try Checkpoint(models: ["head": head], seed: 1,
                                        metadata: ["method": "qi-head", "inputDimension": "9", "outputDimension": "3"])
        _ = try HeadCheckpoint.model(from: checkpoint)
        checkpoint.metadata["inputDimension"] = input
        checkpoint.metadata["outputDimension"] = output
        checkpoint.reseal()
        #expect(throws: HeadError.self) { try HeadCheckpoint.model(from: checkpoint) }
    }

    @Test("a checkpoint value built in memory (not read from a file) with an overflowing shape is an error, not a trap")
    func inMemoryCheckpointWithOverflowingShape() throws {
        var g = SeededGenerator(seed: 1)
        let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 9), generator: &g)
        var checkpoint = try Checkpoint(models: ["head": head], seed: 1,
                                        metadata: ["method": "qi-head", "inputDimension": "9", "outputDimension": "3"])
        checkpoint.tensors[0].shape = [Int.max, 4]
        #expect(throws: CheckpointError.self) { try HeadCheckpoint.model(from: checkpoint) }
        checkpoint.tensors[0].shape = [-1, 4]
        #expect(throws: CheckpointError.self) { try checkpoint.storedValueCount() }
    }

    @Test("NaN scores and impossible test fractions are refused")
    func nanScoresAndFractions() throws {
        let scores = try Matrix(rows: 1, columns: 3, elements: [0.1, .nan, 0.3])
        #expect(throws: HeadError.self) { try RetrievalMetrics.mean(scores: scores, relevance: [[0: 1]]) }
        let collection = try IRCollection(folder: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/tiny"))
        for fraction in [Double.nan, .infinity, 9.2e18, -1, 0, 1] {
            var c = RetrievalExperimentConfiguration()
            c.testFraction = fraction
            #expect(throws: HeadError.self) { try RetrievalExperiment(collection: collection, configuration: c).split() }
        }
    }
}

@Suite("Head determinism")
struct HeadDeterminismTests {
    @Test("training gives bit-identical weights on 1, 2 and 3 threads")
    func trainedWeightsDoNotDependOnThreadCount() throws {
        let collection = try syntheticCollection(documents: 120, queries: 12)
        var weights: [[Double]] = []
        for threads in [1, 2, 3] {
            var g = SeededGenerator(seed: 5)
            let head = QuantumInspiredHead(plan: try .thirds(inputDimension: 12), generator: &g)
            head.threads = threads
            var c = DistillationConfiguration()
            c.epochs = 3
            c.batchSize = 40           // 40 anchors × 9 rows: several gradient chunks per step
            c.neighbours = 4
            c.randomCandidates = 4
            try DistillationTrainer(configuration: c).train(head, student: LogFidelitySimilarity(),
                                                            documents: collection.documents, threads: threads)
            weights.append(head.weights.values)
        }
        #expect(weights[0].map(\.bitPattern) == weights[1].map(\.bitPattern))
        #expect(weights[0].map(\.bitPattern) == weights[2].map(\.bitPattern))
    }
}

@Suite("Head sweeps")
struct HeadSweepTests {
    @Test("a method that fails in a sweep becomes a row with its error, and the other rows still run")
    func failuresBecomeRows() throws {
        // 40 documents of 12 features: PCA to k = 30 is impossible (at most 12 components),
        // the heads at k = 30 are not; k = 4 works for every method.
        let collection = try syntheticCollection(documents: 40, queries: 10)
        var c = RetrievalExperimentConfiguration()
        c.dimensions = [30, 4]
        c.fractions = [1]
        c.quantum.epochs = 1
        c.classical.epochs = 1
        let rows = try RetrievalExperiment(collection: collection, configuration: c).run()
        let failedPCA = try #require(rows.first { $0.method == "pca" && $0.dimension == 30 })
        #expect(failedPCA.metrics == nil)
        #expect(failedPCA.error?.contains("principal components") == true)
        #expect(rows.contains { $0.method == "pca" && $0.dimension == 4 && $0.metrics != nil })
        #expect(rows.filter { $0.dimension == 4 && $0.error == nil }.count >= 5)
        #expect(RetrievalResult.markdownTable(rows).contains("failed: "))
    }
}

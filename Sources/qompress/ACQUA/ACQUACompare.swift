import ArgumentParser
import Foundation
import Qompress

/// `qompress acqua compare`: the quantum model, its classical baseline and PCA at the same k,
/// over several seeds (each seed its own split, weights and batches), one JSON row each.
struct ACQUACompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Quantum model, classical baseline and PCA at equal k over several seeds; mean ± sd table and one JSON row per (method, k, seed).")

    @OptionGroup var data: ACQUADataOptions
    @OptionGroup var model: ACQUAModelOptions
    @OptionGroup var training: ACQUATrainingOptions
    @Option(help: "Seeds 1…N: seed s splits the data, draws the weights and orders the batches.")
    var seeds: Int = 3
    @Option(help: "Extra PCA latent sizes to report beside PCA at k (comma-separated; default 2k).")
    var pcaLatents: CommaSeparated<Int>?
    @Flag(help: "Skip the classical baseline.")
    var noClassical = false
    @Option(help: "Write the rows (a JSON array) here.")
    var json: String = ".build/acqua/compare.json"

    func run() throws {
        guard (1...100).contains(seeds) else { throw ValidationError("--seeds must lie in 1…100, got \(seeds)") }
        try pcaLatents?.validate("--pca-latents", atLeast: 1)
        let extra = pcaLatents?.values ?? [2 * model.latent]
        let all = try data.load()
        let architecture = try model.architecture(dimension: all.dimension)
        let objective = training.objective.rawValue
        var records: [ACQUACompareRecord] = []
        print("\(all.name): \(all.images.rows) images, \(all.texts.rows) texts; objective \(objective); \(architecture)")
        for seed in UInt64(1)...UInt64(seeds) {
            let (train, held) = try all.split(validationFraction: data.heldOut, seed: seed)
            let comparison = BaselineComparison(
                training: train, validation: held, trainer: try training.trainer(pairs: train.pairCount),
                learningRate: training.learningRate, seed: seed, builder: ModelFactory.acquaBuilder(threads: model.threads))
            func add(_ method: String, _ row: ComparisonRow) {
                let r = ACQUACompareRecord(method: method, objective: method == "pca" ? "-" : objective, seed: seed, row: row)
                records.append(r)
                print(String(format: "  seed %d  %-9@ k=%-3d params %6d  t→i R@1 %.3f  R@5 %.3f  i→t R@1 %.3f  ρ match %.3f  pooled %.3f  |Δd| %.3f  cos %.3f/%.3f  (%.1f s)",
                             Int(seed), method, r.k, r.params, r.t2iR1, r.t2iR5, r.i2tR1, r.rhoMatch, r.rhoPooled,
                             r.meanDistanceError, r.imgCos, r.txtCos, r.trainSeconds))
                fflush(nil)
            }
            for k in [model.latent] + extra { add("pca", try comparison.fitAndMeasurePCA(latentDimension: k)) }
            if !noClassical { add("classical", try comparison.trainAndMeasure(architecture.classicalBaseline)) }
            if architecture.backend != nil { add("quantum", try comparison.trainAndMeasure(architecture)) }
        }
        print("\n" + ACQUACompareRecord.summaryTable(records))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try writeText(String(decoding: try encoder.encode(records), as: UTF8.self) + "\n", to: json)
        print("rows: \(json)")
    }
}

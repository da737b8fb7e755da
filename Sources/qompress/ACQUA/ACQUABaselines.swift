import ArgumentParser
import Foundation
import Qompress
import QompressDistributed

/// `qompress acqua baselines`: the comparison sweep — quantum (statevector and MPS), classical
/// autoencoder and PCA with the same latent size, on the same splits.
struct ACQUABaselines: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baselines",
        abstract: "Train and measure CLIP-ACQUA against a classical autoencoder and PCA over a grid of k, q, L, backends and datasets.")

    @OptionGroup var data: ACQUADataOptions
    @OptionGroup var training: ACQUATrainingOptions
    @Option(help: "Comma-separated datasets (bundled names or folders).")
    var datasets = CommaSeparated(["hm-products", "flickr8k-vitb32"])
    @Option(help: "Comma-separated latent sizes k.")
    var latents = CommaSeparated([4, 8, 16])
    @Option(help: "Comma-separated qubit counts q.")
    var qubitCounts = CommaSeparated([4, 8])
    @Option(help: "Comma-separated circuit depths L.")
    var depths = CommaSeparated([2, 6])
    @OptionGroup var backend: BackendOptions
    @Option(help: "Width of an optional hidden decoder layer.")
    var hidden: Int?
    @Option(help: "Write the table (Markdown) here.")
    var markdown: String = OutputFolder.path("acqua/baselines.md")
    @Option(help: "Write all rows (JSON) here.")
    var json: String = OutputFolder.path("acqua/baselines.json")

    func validate() throws {
        try checkOutputFile(markdown, option: "--markdown")
        try checkOutputFile(json, option: "--json")
        try latents.validate("--latents", atLeast: 1)
        try qubitCounts.validate("--qubit-counts", atLeast: 1)
        try depths.validate("--depths", atLeast: 0)
        guard !datasets.values.isEmpty, !latents.values.isEmpty, !qubitCounts.values.isEmpty, !depths.values.isEmpty else {
            throw ValidationError("--datasets, --latents, --qubit-counts and --depths need at least one value each")
        }
    }

    func run() throws {
        let ks = latents.values, qs = qubitCounts.values, ls = depths.values
        let specs = try backend.specs()
        // The rows are independent jobs, listed in the table's order; under mpirun they are spread
        // over the ranks and gathered back in that order, and rank 0 prints and writes.
        try runAsRank { world in
            let sweepStart = Date()
            var jobs: [() throws -> ComparisonRow] = []
            for name in datasets.values {
                var options = data
                options.dataset = name
                let (all, train, held) = try world.allSucceed { try options.loadSplit() }
                let comparison = BaselineComparison(
                    training: train, validation: held, trainer: try training.trainer(pairs: train.pairCount),
                    learningRate: training.learningRate, seed: training.seed,
                    builder: ModelFactory.acquaBuilder(threads: backend.threads))
                print("\(all.name): training on \(train.pairCount) pairs, measuring on \(held.pairCount) held-out pairs")
                for k in ks {
                    jobs.append { try comparison.fitAndMeasurePCA(latentDimension: k) }
                    for q in qs {
                        var architecture = ACQUAArchitecture(embeddingDimension: all.dimension, qubits: q, depth: ls[0],
                                                             latentDimension: k, hiddenDecoderSize: hidden)
                        let classical = architecture.classicalBaseline
                        jobs.append { try comparison.trainAndMeasure(classical) }
                        for l in ls {
                            for spec in specs {
                                architecture.depth = l
                                architecture.bottleneck = .quantum(spec)
                                let quantum = architecture
                                jobs.append { try comparison.trainAndMeasure(quantum) }
                            }
                        }
                    }
                }
            }
            let rows = try world.map(jobs: jobs.count) { j in
                let row = try jobs[j]()
                report(row)
                return row
            }
            try finish(rows, seconds: Date().timeIntervalSince(sweepStart), isRoot: world.isRoot)
        }
    }

    private func finish(_ rows: [ComparisonRow], seconds: TimeInterval, isRoot: Bool) throws {
        let table = ACQUAReport.comparisonTable(rows)
        print("\n" + table)
        print(String(format: "\nsweep took %.0f s", seconds))
        guard isRoot else { return }
        try writeText(table + "\n", to: markdown)
        try writeText(try ACQUAReport.json(rows), to: json)
        print("table: \(markdown)   rows: \(json)")
    }

    private func report(_ row: ComparisonRow) {
        let e = row.evaluation
        print(String(format: "  k=%-2d %-13@ %-22@ q=%d L=%d  cos %.3f/%.3f  ρ(match) %.3f  t→i R@1 %.3f  (%.1f s)",
                     row.latentDimension, row.model, row.backend, row.qubits, row.depth,
                     e.imageReconstruction.meanCosine, e.textReconstruction.meanCosine, e.matchingPairs.spearman,
                     e.latentRetrieval.textToImage[1] ?? .nan, row.trainSeconds))
        fflush(nil)
    }
}

import ArgumentParser
import Foundation
import Qompress
import QompressDistributed

/// `qompress head sweep`: the full retrieval comparison with the data-efficiency sweep.
struct HeadSweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Raw cosine, PCA, classical head and quantum-inspired head on the test queries, for each k and training fraction.")

    @OptionGroup var data: HeadDataOptions
    @OptionGroup var training: HeadTrainingOptions
    @Option(help: "Comma-separated collections (default: --collection).")
    var collections: String?
    @Option(help: "Comma-separated output dimensions k.")
    var dimensions: String = "128,64"
    @Option(help: "Comma-separated fractions of the training queries.")
    var fractions: String = "0.1,0.25,0.5,1"
    @Option(help: "Comma-separated χ_max of the entangled MPS variant (evaluated on the head of the last fraction; empty to skip).")
    var chi: String = ""
    @Option(help: "λ of the entangled variant's RZZ re-uploading gates.")
    var strength: Double = 1
    @Option(help: "Write all rows as JSON here.")
    var json: String?

    func validate() throws {
        let fs = try parseList(fractions, option: "fractions") { Double($0) }
        guard fs.allSatisfy({ $0 > 0 && $0 <= 1 }) else { throw ValidationError("--fractions must lie in (0, 1], got \(fractions)") }
        guard try parseList(dimensions, option: "dimensions", { Int($0) }).allSatisfy({ $0 >= 1 }) else {
            throw ValidationError("--dimensions must be positive, got \(dimensions)")
        }
        if !chi.isEmpty, try parseList(chi, option: "chi", { Int($0) }).contains(where: { $0 < 1 }) {
            throw ValidationError("--chi values must be ≥ 1, got \(chi)")
        }
        for name in try parseList(collections ?? data.collection, option: "collections", { $0 }) {
            try data.requireCollection(name)
        }
    }

    func run() throws {
        let ks = try parseList(dimensions, option: "dimensions") { Int($0) }
        let fs = try parseList(fractions, option: "fractions") { Double($0) }
        var config = training.experiment(data: data, dimensions: ks, fractions: fs)
        config.entangledBondDimensions = chi.isEmpty ? [] : try parseList(chi, option: "chi") { Int($0) }
        config.entanglingStrength = strength
        // Under mpirun the independent jobs (each method, k and fraction) are spread over the
        // ranks and their rows gathered in the single-process order; rank 0 prints and writes.
        try runAsRank { world in
            var jobs: [() throws -> [RetrievalResult]] = []
            for name in try parseList(collections ?? data.collection, option: "collections", { $0 }) {
                var experiment = RetrievalExperiment(collection: try world.allSucceed { try data.load(name) },
                                                     configuration: config)
                experiment.onResult = { r in
                    print(RetrievalResult.markdownTable([r]).split(separator: "\n").last!)
                }
                jobs += try world.allSucceed { try experiment.jobs() }
            }
            let all = try world.map(jobs: jobs.count) { try jobs[$0]() }.flatMap { $0 }
            print("\n" + RetrievalResult.markdownTable(all))
            if let json, world.isRoot { try writeJSON(all, to: json) }
        }
    }
}

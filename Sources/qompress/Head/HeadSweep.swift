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
    var collections: CommaSeparated<String>?
    @Option(help: "Comma-separated output dimensions k.")
    var dimensions = CommaSeparated([128, 64])
    @Option(help: "Comma-separated fractions of the training queries, each in (0, 1].")
    var fractions = CommaSeparated([0.1, 0.25, 0.5, 1])
    @Option(help: "Comma-separated χ_max of the entangled variant on the MPS backend (evaluated on the head of the last fraction; omit to skip).")
    var chi: CommaSeparated<BondDimension>?
    @Option(help: "λ of the entangled variant's RZZ re-uploading gates.")
    var strength: Double = 1
    @Option(help: "Write all rows as JSON here.")
    var json: String?

    /// The collections to run.
    private var names: [String] { collections?.values ?? [data.collection] }

    /// The entangled variant's backends: the MPS at each χ_max of `--chi`.
    private func entangledBackends() throws -> [any BackendConfiguration] {
        try (chi?.values ?? []).map {
            try BackendRegistry.standard.configuration(for: .mps(maxBondDimension: $0.maxBondDimension, cutoff: 1e-12))
        }
    }

    func validate() throws {
        try checkOutputFile(json, option: "--json")
        guard fractions.values.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
            throw ValidationError("--fractions must lie in (0, 1], got \(fractions)")
        }
        try dimensions.validate("--dimensions", atLeast: 1)
        guard strength.isFinite else { throw ValidationError("--strength must be finite, got \(strength)") }
        _ = try entangledBackends()
        for name in names { try data.requireCollection(name) }
    }

    func run() throws {
        var config = training.experiment(data: data, dimensions: dimensions.values, fractions: fractions.values)
        config.entangledBackends = try entangledBackends()
        config.entanglingStrength = strength
        // Under mpirun the independent jobs (each method, k and fraction) are spread over the
        // ranks and their rows gathered in the single-process order; rank 0 prints and writes.
        try runAsRank { world in
            var jobs: [() throws -> [RetrievalResult]] = []
            for name in names {
                var experiment = RetrievalExperiment(collection: try world.allSucceed { try data.load(name) },
                                                     configuration: config)
                // Rows as they finish go to standard error (progress); the table, once, to standard output.
                experiment.onResult = { r in
                    FileHandle.standardError.write(Data((RetrievalResult.markdownTable([r]).split(separator: "\n").last! + "\n").utf8))
                }
                jobs += try world.allSucceed { try experiment.jobs() }
            }
            let all = try world.map(jobs: jobs.count) { try jobs[$0]() }.flatMap { $0 }
            print("\n" + RetrievalResult.markdownTable(all))
            if let json, world.isRoot { try writeJSON(all, to: json) }
        }
    }
}

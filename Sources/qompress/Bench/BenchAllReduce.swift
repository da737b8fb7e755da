import ArgumentParser
import Foundation
import Qompress
import QompressDistributed

/// `qompress bench-allreduce`: the cost of one data-parallel gradient exchange
/// (`DataParallelGradients.accumulate` with empty partials: gather every partition's gradient
/// with MPI_Allgatherv and add them in the fixed tree order), for the parameter count of a CLIP-ACQUA
/// model. Run under `mpirun -np N`.
struct BenchAllReduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-allreduce",
        abstract: "Time one gradient exchange of data-parallel training (run under mpirun -np N) for a CLIP-ACQUA model's parameter count.")

    @Option(help: "Embedding width d.")
    var dimension: Int = 512
    @Option(help: "Qubits q.")
    var qubits: Int = 8
    @Option(help: "Circuit depth L.")
    var depth: Int = 4
    @Option(help: "Latent size k.")
    var latent: Int = 8
    @Option(help: "Gradient partitions per batch.")
    var gradientPartitions: Int = 8
    @Option(help: "Timed exchanges (after 10 warm-up ones).")
    var repeats: Int = 200

    func run() throws {
        try runAsRank { world in
            let architecture = ACQUAArchitecture(embeddingDimension: dimension, qubits: qubits, depth: depth, latentDimension: latent)
            try architecture.validate()
            let count = 2 * (try architecture.parameterCount())   // image and text autoencoders
            let tensor = ParameterTensor(name: "all", shape: [count], values: [Double](repeating: 0, count: count))
            let parallel = DataParallelGradients(group: world, partitions: try GradientPartitions(count: gradientPartitions))
            let batch = 32
            func exchange() throws {
                _ = try parallel.accumulate([tensor], batchSize: batch) { p, _ in
                    for i in tensor.gradient.indices { tensor.gradient[i] = Double(p) }
                    return 0
                }
            }
            for _ in 0..<10 { try exchange() }
            try world.barrier()
            var times: [Double] = []
            for _ in 0..<repeats {
                try world.barrier()
                times.append(try Timing.seconds(exchange))
            }
            // Every rank's median, the slowest reported (the step waits for it).
            let medians = try world.allGather([Timing.median(times)]).map { $0[0] }
            let sent = PartitionTree(count: gradientPartitions)
                .cover(parallel.partitions.owned(rank: world.rank, of: world.size)).count * (count + 2)
            let record: [String: Any] = [
                "workload": "gradient-exchange", "ranks": world.size, "parameters": count,
                "gradient_partitions": gradientPartitions, "sent_doubles_rank0": sent, "seconds_median": medians.max()!,
                "repeats": repeats,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
        }
    }
}

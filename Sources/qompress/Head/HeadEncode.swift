import ArgumentParser
import Foundation
import Qompress
import QompressDistributed

/// `qompress head encode`: compressed embeddings to `.npy`.
struct HeadEncode: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "encode",
                                                    abstract: "Map an (n × d) .npy of embeddings through a trained head to an .npy of outputs.")

    @Option(help: "Checkpoint written by `qompress head train`.")
    var checkpoint: String
    @Option(help: "Input .npy (n × d).")
    var input: String
    @Option(help: "Output .npy: n × 2k amplitude pairs for the qi head, n × k for the classical head.")
    var output: String
    @Option(help: "Output dtype: f4 (float32) or f8 (float64).")
    var dtype: OutputDType = .f8
    @Option(help: "Arithmetic of a quantum-inspired head's fast path: f64 (default) or f32 (opt-in, faster, outputs within about 1e-6).")
    var precision: HeadPrecision = .float64
    @Option(help: "Rows per chunk, the unit of work shared by MPI ranks (the output does not depend on the rank count).")
    var chunkRows: Int = 1024

    func validate() throws {
        try checkOutputFile(output, option: "--output")
    }

    func run() throws {
        try runAsRank { world in
            // Each rank reads and encodes only its chunks of the input (see ShardedRowMap).
            let model = try world.allSucceed { try loadHead(checkpoint).model }
            precision.apply(to: model)
            let outcome = try ShardedRowMap(communicator: world, chunkRows: chunkRows).run(
                input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: output),
                inputColumns: model.inputSize, outputColumns: model.outputSize, dtype: dtype.descr) { chunk, _ in
                try RetrievalExperiment.outputs(of: model, chunk)
            }
            if world.isRoot { print("wrote \(output): \(outcome.rows) × \(outcome.columns)") }
        }
    }
}

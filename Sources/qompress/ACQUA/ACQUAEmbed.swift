import ArgumentParser
import Foundation
import Qompress
import QompressDistributed

/// `qompress acqua embed`: reduce the embeddings of a `.npy` file with a trained encoder.
struct ACQUAEmbed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Write the k-dimensional latents of a .npy file of CLIP embeddings (image or text encoder) to a .npy file.")

    @Option(help: "The checkpoint written by `qompress acqua train`.")
    var checkpoint: String = OutputFolder.path("acqua/checkpoint.json")
    @Option(help: "Input embeddings (.npy, rows × d).")
    var input: String
    @Option(help: "Which encoder: image or text.")
    var modality: String
    @Option(help: "Output file (.npy, rows × k).")
    var output: String
    @Option(help: "Output dtype: f4 (float32) or f8 (float64).")
    var dtype: OutputDType = .f4
    @Option(help: "Worker threads of the quantum layers (0 = all cores).")
    var threads: Int = 0
    @Option(help: "Rows per chunk, the unit of work shared by MPI ranks (the output does not depend on the rank count).")
    var chunkRows: Int = 1024
    @Flag(help: "Print the rate (rows per second from the loaded model to the finished file, all ranks) as a JSON line.")
    var benchmark = false

    func validate() throws {
        try checkOutputFile(output, option: "--output")
    }

    func run() throws {
        guard let which = Modality(rawValue: modality.lowercased()) else {
            throw ValidationError("--modality must be image or text, got \(modality)")
        }
        try runAsRank { world in
            // Each rank reads and encodes only its chunks of the input (see ShardedRowMap).
            let model = try world.allSucceed {
                try ACQUAModel(checkpoint: try Checkpoint.read(from: URL(fileURLWithPath: checkpoint)),
                               builder: ModelFactory.acquaBuilder(threads: threads))
            }
            try world.barrier()
            let start = Date()
            let outcome = try ShardedRowMap(communicator: world, chunkRows: chunkRows).run(
                input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: output),
                inputColumns: model.architecture.embeddingDimension, outputColumns: model.latentDimension,
                dtype: dtype.descr) { chunk, _ in
                try ACQUAEmbedding.embed(chunk, modality: which, with: model, chunkSize: chunk.rows)
            }
            let seconds = Date().timeIntervalSince(start)
            print("wrote \(outcome.rows) × \(outcome.columns) \(which.rawValue) latents to \(output)")
            if benchmark {
                let record: [String: Any] = ["workload": "acqua-embed", "ranks": world.size, "rows": outcome.rows,
                                             "threads": threads, "chunk_rows": chunkRows, "seconds": seconds,
                                             "rows_per_second": Double(outcome.rows) / max(seconds, 1e-9)]
                print(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
            }
        }
    }
}

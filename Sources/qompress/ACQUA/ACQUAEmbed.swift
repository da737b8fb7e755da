import ArgumentParser
import Foundation
import Qompress

/// `qompress acqua embed`: reduce the embeddings of a `.npy` file with a trained encoder.
struct ACQUAEmbed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Write the k-dimensional latents of a .npy file of CLIP embeddings (image or text encoder) to a .npy file.")

    @Option(help: "The checkpoint written by `qompress acqua train`.")
    var checkpoint: String = ".build/acqua/checkpoint.json"
    @Option(help: "Input embeddings (.npy, rows × d).")
    var input: String
    @Option(help: "Which encoder: image or text.")
    var modality: String
    @Option(help: "Output file (.npy, rows × k).")
    var output: String
    @Option(help: "Output dtype: f4 or f8.")
    var dtype: String = "f4"
    @Option(help: "Worker threads of the quantum layers (0 = all cores).")
    var threads: Int = 0

    func run() throws {
        guard let which = Modality(rawValue: modality.lowercased()) else {
            throw ValidationError("--modality must be image or text, got \(modality)")
        }
        guard dtype == "f4" || dtype == "f8" else { throw ValidationError("--dtype must be f4 or f8") }
        let stored = try Checkpoint.read(from: URL(fileURLWithPath: checkpoint))
        let model = try ACQUAModel(checkpoint: stored, builder: ModelFactory.acquaBuilder(threads: threads))
        let latents = try ACQUAEmbedding.embed(fileAt: URL(fileURLWithPath: input), modality: which, with: model)
        try latents.write(to: URL(fileURLWithPath: output), dtype: "<" + dtype)
        print("wrote \(latents.shape[0]) × \(latents.shape[1]) \(which.rawValue) latents to \(output)")
    }
}

import ArgumentParser
import Foundation
import Qompress

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
    @Option(help: "Output dtype, <f4 or <f8.")
    var dtype: String = "<f8"

    func run() throws {
        let (model, _, _) = try loadHead(checkpoint)
        let array = try NPYArray(contentsOf: URL(fileURLWithPath: input))
        let x = try array.matrix(expectedColumns: model.inputSize, path: input)
        let y = try RetrievalExperiment.outputs(of: model, x)
        try NPYArray(shape: [y.rows, y.columns], values: y.elements).write(to: URL(fileURLWithPath: output), dtype: dtype)
        print("wrote \(output): \(y.rows) × \(y.columns)")
    }
}

import ArgumentParser
import Foundation
import Qompress

/// `qompress acqua evaluate`: measure a trained checkpoint on held-out (or all) pairs.
struct ACQUAEvaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a CLIP-ACQUA checkpoint: reconstruction, distance preservation, retrieval, parameters (table and JSON).")

    @OptionGroup var data: ACQUADataOptions
    @Option(help: "The checkpoint written by `qompress acqua train`.")
    var checkpoint: String = ".build/acqua/checkpoint.json"
    @Flag(help: "Evaluate on every pair instead of the held-out split.")
    var allPairs = false
    @Flag(help: "Also fit and report PCA with the same latent size on the training split.")
    var withPCA = false
    @Option(help: "Write the evaluation as JSON here.")
    var json: String?
    @Option(help: "Worker threads of the quantum layers (0 = all cores).")
    var threads: Int = 0

    func run() throws {
        let stored = try Checkpoint.read(from: URL(fileURLWithPath: checkpoint))
        let model = try ACQUAModel(checkpoint: stored, builder: ModelFactory.acquaBuilder(threads: threads))
        let loss = try ACQUAMetadata.loss(of: stored)
        let (all, train, held) = try data.loadSplit()
        if let trainedOn = stored.metadata[ACQUAMetadata.dataset], trainedOn != all.name {
            print("note: the checkpoint was trained on \(trainedOn); evaluating on \(all.name)")
        }
        if let fraction = stored.metadata[ACQUAMetadata.heldOut], let seed = stored.metadata[ACQUAMetadata.splitSeed],
           fraction != String(data.heldOut) || seed != String(data.splitSeed), !allPairs {
            print("note: the checkpoint was trained with --held-out \(fraction) --split-seed \(seed); "
                  + "this held-out split differs, so it may contain training pairs")
        }
        let target = allPairs ? all : held
        var evaluations = [try ACQUAEvaluation(of: model, on: target, distance: loss.distance, seed: data.splitSeed)]
        if withPCA {
            let pca = try PCABaseline(fitting: train, latentDimension: model.latentDimension)
            evaluations.append(try ACQUAEvaluation(of: pca, on: target, distance: loss.distance, seed: data.splitSeed))
        }
        print(evaluations.map(ACQUAReport.table).joined(separator: "\n\n"))
        if let json { try writeText(try ACQUAReport.json(evaluations), to: json) }
    }
}

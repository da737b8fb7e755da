import ArgumentParser
import Foundation
import Qompress

/// `qompress acqua figure`: the latent space at several training stages, as an SVG.
struct ACQUAFigure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figure",
        abstract: "Train a model and draw its held-out latent space (2-D PCA, coloured by latent norm) at several epochs, as SVG.")

    @OptionGroup var data: ACQUADataOptions
    @OptionGroup var model: ACQUAModelOptions
    @OptionGroup var training: ACQUATrainingOptions
    @Option(help: "Comma-separated epochs to draw (0 = before training).")
    var stages: String = "0,2,10,30"
    @Option(help: "The SVG file to write.")
    var output: String = "Docs/figures/acqua-latent.svg"

    func validate() throws {
        try checkOutputFile(output, option: "--output")
    }

    func run() throws {
        let wanted = try stages.split(separator: ",").map { text -> Int in
            guard let e = Int(text.trimmingCharacters(in: .whitespaces)), e >= 0 else {
                throw ValidationError("--stages takes non-negative epochs separated by commas")
            }
            return e
        }
        let options = training
        if let late = wanted.first(where: { $0 > options.epochs }) {
            throw ValidationError("--stages asks for epoch \(late) but --epochs is \(options.epochs)")
        }
        let (all, train, held) = try data.loadSplit()
        let architecture = try model.architecture(dimension: all.dimension)
        var generator = SeededGenerator(seed: options.seed)
        let acqua = try ACQUAModel(architecture: architecture, generator: &generator,
                                   builder: ModelFactory.acquaBuilder(threads: model.threads))
        var snapshots: [LatentSnapshot] = []
        func record(_ label: String) throws {
            snapshots.append(LatentSnapshot(label: label, imageLatents: try acqua.encode(held.images, modality: .image),
                                            textLatents: try acqua.encode(held.texts, modality: .text)))
        }
        if wanted.contains(0) { try record("before training") }
        var trainer = try options.trainer(pairs: train.pairCount)
        trainer.onEpochEnd = { epoch, _ in
            if wanted.contains(epoch + 1) { try record("epoch \(epoch + 1)") }
        }
        let history = try trainer.fit(acqua, optimizer: try Adam(learningRate: options.learningRate), training: train,
                                      generator: &generator)
        let title = "CLIP-ACQUA latent space (\(all.name), held out; q=\(architecture.qubits), L=\(architecture.depth), "
            + "k=\(architecture.latentDimension), \(architecture.backend?.description ?? "classical"))"
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try LatentFigure.write(snapshots, title: title, to: url)
        print(String(format: "final training loss %.4f; wrote %d panels to %@ and their points to %@", history.trainLoss.last ?? .nan,
                     snapshots.count, output, url.deletingPathExtension().appendingPathExtension("csv").path))
    }
}

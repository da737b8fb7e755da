import ArgumentParser
import Foundation
import Qompress

extension ACQUAObjectiveName: ExpressibleByArgument {}

/// `qompress acqua`: the CLIP-ACQUA hybrid autoencoders — train, evaluate, embed, compare with
/// baselines, and draw the latent space.
struct ACQUACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acqua",
        abstract: "CLIP-ACQUA: two hybrid quantum–classical autoencoders that shrink CLIP embeddings and keep image–text distances.",
        subcommands: [ACQUATrain.self, ACQUAEvaluate.self, ACQUAEmbed.self, ACQUACompare.self, ACQUABaselines.self, ACQUAFigure.self])
}

/// Where the paired embeddings come from.
struct ACQUADataOptions: ParsableArguments {
    @Option(help: "A bundled dataset (hm-products, flickr8k-vitb32) or a folder with image_emb.npy, text_emb.npy and optionally text_to_image.npy.")
    var dataset: String = "hm-products"
    @Option(help: "Image embeddings (.npy, 2-D); with --texts, overrides --dataset.")
    var images: String?
    @Option(help: "Text embeddings (.npy, 2-D).")
    var texts: String?
    @Option(help: "Text→image index (.npy, 1-D integers); without it the pairs are row-aligned.")
    var textToImage: String?
    @Option(help: "Use this many seeded synthetic CLIP-like pairs instead of files.")
    var synthetic: Int?
    @Option(help: "Seed of the synthetic pairs.")
    var syntheticSeed: UInt64 = 7
    @Option(help: "Fraction of images held out for evaluation (all captions of an image stay together).")
    var heldOut: Double = 0.2
    @Option(help: "Seed of the train/held-out split.")
    var splitSeed: UInt64 = 1

    /// The bundled datasets' folder: Data/clip in the working directory or the source tree.
    static var bundledRoot: URL {
        let local = URL(fileURLWithPath: "Data/clip", isDirectory: true)
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Data/clip", isDirectory: true)
    }

    /// Reads (or generates) the dataset.
    func load() throws -> PairedEmbeddings {
        if let synthetic {
            guard synthetic >= 2 else { throw ValidationError("--synthetic needs at least 2 pairs") }
            return try SyntheticCLIPPairs().generate(count: synthetic, seed: syntheticSeed)
        }
        if images != nil || texts != nil {
            guard let images, let texts else { throw ValidationError("--images and --texts go together") }
            return try PairedEmbeddings(imagesAt: URL(fileURLWithPath: images), textsAt: URL(fileURLWithPath: texts),
                                        textToImageAt: textToImage.map { URL(fileURLWithPath: $0) })
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dataset, isDirectory: &isDirectory), isDirectory.boolValue {
            return try PairedEmbeddings(directory: URL(fileURLWithPath: dataset, isDirectory: true))
        }
        let bundled = Self.bundledRoot.appendingPathComponent(dataset, isDirectory: true)
        guard FileManager.default.fileExists(atPath: bundled.path) else {
            throw ValidationError("no dataset folder '\(dataset)' (bundled ones live in \(Self.bundledRoot.path))")
        }
        return try PairedEmbeddings(directory: bundled)
    }

    /// The dataset split into training and held-out pairs.
    func loadSplit() throws -> (all: PairedEmbeddings, train: PairedEmbeddings, heldOut: PairedEmbeddings) {
        let data = try load()
        let (train, held) = try data.split(validationFraction: heldOut, seed: splitSeed)
        return (data, train, held)
    }
}

/// The model's shape and backend.
struct ACQUAModelOptions: ParsableArguments {
    @Option(help: "Qubits q (= neurons of the layer entering the circuit).")
    var qubits: Int = 8
    @Option(help: "Entangling layers L of the dressed circuit.")
    var depth: Int = 4
    @Option(help: "Latent size k.")
    var latent: Int = 8
    @Option(help: "Width of an optional hidden decoder layer (Dense(k→h)+tanh before Dense(h→d)).")
    var hidden: Int?
    @OptionGroup var backend: BackendOptions
    @Flag(help: "Replace the circuit by Dense(q→q)+tanh (the classical baseline).")
    var classical = false

    func validate() throws {
        if classical, backend.backend.values != [.statevector] || backend.chi != nil || backend.cutoff != nil {
            throw ValidationError("--classical replaces the circuit: --backend, --chi and --cutoff do not apply")
        }
        _ = try backend.spec()
    }

    /// The backend spec from the flags.
    func backendSpec() throws -> BackendSpec { try backend.spec() }

    /// Worker threads of the quantum layers (0 = all cores).
    var threads: Int { backend.threads }

    /// The architecture for embeddings of width `dimension`.
    func architecture(dimension: Int) throws -> ACQUAArchitecture {
        let a = ACQUAArchitecture(embeddingDimension: dimension, qubits: qubits, depth: depth, latentDimension: latent,
                                  hiddenDecoderSize: hidden, bottleneck: classical ? .classical : .quantum(try backendSpec()))
        try a.validate()
        return a
    }
}

/// The objective and the optimisation.
struct ACQUATrainingOptions: ParsableArguments {
    @Option(help: "Objective: distill (default: the paper's terms plus similarity distillation and distance correlations over all image–text pairs of a batch) or paper (the paper's loss alone).")
    var objective: ACQUAObjectiveName = .distill
    @Option(help: "Override the weight α_i of the image reconstruction.")
    var alphaImage: Double?
    @Option(help: "Override the weight α_t of the text reconstruction.")
    var alphaText: Double?
    @Option(help: "Override the weight α_d of the paper's distance term.")
    var alphaDistance: Double?
    @Option(help: "Override the weight of the similarity-distillation term.")
    var alphaDistill: Double?
    @Option(help: "Override the weight of 1 − Pearson over all cross pairs of a batch.")
    var alphaCrossCorrelation: Double?
    @Option(help: "Override the weight of 1 − Pearson over the matching pairs of a batch.")
    var alphaMatchCorrelation: Double?
    @Option(help: "Override τ of the distillation term.")
    var temperature: Double?
    @Option(help: "Target distance d_x: euclidean (on normalised vectors) or cosine.")
    var distance: String = "euclidean"
    @Option(help: "Epochs.")
    var epochs: Int = 60
    @Option(help: "Pairs per step.")
    var batchSize: Int = 32
    @Option(help: "Adam learning rate (start of a cosine decay).")
    var learningRate: Double = 0.01
    @Option(help: "Learning rate at the end of the cosine decay.")
    var minLearningRate: Double = 0.001
    @Option(help: "Clip the global gradient norm to this value.")
    var clipNorm: Double?
    @Option(help: "Stop after this many epochs without held-out improvement.")
    var patience: Int?
    @Option(help: "Seed of the weights and mini-batches.")
    var seed: UInt64 = 42
    /// The objective from the flags: the named one, with any weight overridden.
    func loss() throws -> ACQUALoss {
        guard let metric = PairDistance(rawValue: distance.lowercased()) else {
            throw ValidationError("--distance must be euclidean or cosine, got \(distance)")
        }
        let named = ACQUALoss.named(objective, distance: metric)
        var weights = named.weights
        let overrides: [(ACQUALoss.Term, Double?)] = [
            (.imageReconstruction, alphaImage), (.textReconstruction, alphaText), (.pairDistance, alphaDistance),
            (.distillation, alphaDistill), (.crossPairCorrelation, alphaCrossCorrelation),
            (.matchingPairCorrelation, alphaMatchCorrelation),
        ]
        for case let (term, value?) in overrides { weights[term] = value }
        return try ACQUALoss(weights: weights, distance: metric, temperature: temperature ?? named.temperature)
    }

    /// A trainer configured from the flags for `pairs` training pairs.
    func trainer(pairs: Int) throws -> ACQUATrainer {
        guard epochs >= 1, batchSize >= 1 else { throw ValidationError("--epochs and --batch-size must be ≥ 1") }
        guard learningRate > 0, minLearningRate >= 0, minLearningRate <= learningRate else {
            throw ValidationError("need 0 ≤ --min-learning-rate ≤ --learning-rate and a positive learning rate")
        }
        var trainer = ACQUATrainer(loss: try loss())
        trainer.epochs = epochs
        trainer.batchSize = batchSize
        let steps = epochs * ((pairs + batchSize - 1) / batchSize)
        trainer.schedule = .cosine(initial: learningRate, minimum: minLearningRate, steps: steps)
        trainer.clipNorm = clipNorm
        trainer.earlyStopping = patience.map { EarlyStopping(patience: $0) }
        return trainer
    }
}

/// Checkpoint metadata keys written by `train` and read by `evaluate` and `embed`.
enum ACQUAMetadata {
    static let loss = "acqua.loss"
    static let dataset = "acqua.dataset"
    static let heldOut = "acqua.heldOut"
    static let splitSeed = "acqua.splitSeed"

    /// The loss recorded in a checkpoint.
    static func loss(of checkpoint: Checkpoint) throws -> ACQUALoss {
        guard let json = checkpoint.metadata[loss] else { return ACQUALoss.named(.paper) }
        return try JSONDecoder().decode(ACQUALoss.self, from: Data(json.utf8))
    }
}

/// Writes `text` to `path`, creating the folder.
func writeText(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url, options: .atomic)
}

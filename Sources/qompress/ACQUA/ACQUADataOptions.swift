import ArgumentParser
import Foundation
import Qompress

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

import Foundation
import QompressCore
import QompressData
import QompressLinearAlgebra

/// Image and text embeddings with the pairing between them: every text row describes exactly
/// one image row. Both pairing styles are one value — row-aligned pairs (text i ↔ image i) and
/// an index mapping several captions to one image (`text_to_image.npy`).
///
/// A pair is a text row with its image, so `pairCount == texts.rows`.
public struct PairedEmbeddings: Sendable {
    /// A label for reports (the folder name for data read from disk).
    public var name: String
    /// Image embeddings, one per row.
    public var images: Matrix
    /// Text embeddings, one per row.
    public var texts: Matrix
    /// `textToImage[t]` is the image row that text row `t` describes.
    public var textToImage: [Int]

    /// The embedding width, shared by both modalities.
    public var dimension: Int { images.columns }
    /// The number of image–text pairs (one per text).
    public var pairCount: Int { texts.rows }

    /// Pairs from matrices and an explicit mapping.
    /// - Throws: `ACQUAError.invalidDataset` for widths that differ, a mapping of the wrong
    ///   length, indices out of range or non-finite entries.
    public init(name: String, images: Matrix, texts: Matrix, textToImage: [Int]) throws {
        guard images.columns == texts.columns, images.columns > 0 else {
            throw ACQUAError.invalidDataset(
                "\(name): image embeddings have \(images.columns) columns, text embeddings \(texts.columns); they must match")
        }
        guard images.rows > 0, texts.rows > 0 else { throw ACQUAError.invalidDataset("\(name): no embeddings") }
        guard textToImage.count == texts.rows else {
            throw ACQUAError.invalidDataset("\(name): the text→image mapping has \(textToImage.count) entries for \(texts.rows) texts")
        }
        if let bad = textToImage.firstIndex(where: { $0 < 0 || $0 >= images.rows }) {
            throw ACQUAError.invalidDataset(
                "\(name): text \(bad) points at image \(textToImage[bad]), but there are \(images.rows) images")
        }
        guard images.isFinite, texts.isFinite else { throw ACQUAError.invalidDataset("\(name): NaN or infinite embeddings") }
        self.name = name
        self.images = images
        self.texts = texts
        self.textToImage = textToImage
    }

    /// Row-aligned pairs: text row i describes image row i.
    /// - Throws: `ACQUAError.invalidDataset` when the row counts or widths differ.
    public init(name: String, rowAlignedImages images: Matrix, texts: Matrix) throws {
        guard images.rows == texts.rows else {
            throw ACQUAError.invalidDataset(
                "\(name): \(images.rows) image rows but \(texts.rows) text rows; row-aligned pairs need equal counts (or a text→image index file)")
        }
        try self.init(name: name, images: images, texts: texts, textToImage: Array(0..<images.rows))
    }

    /// Reads `.npy` files: image and text embeddings (2-D, float16/32/64, C order) and, when
    /// given, a 1-D integer text→image mapping; without it the pairs are row-aligned.
    /// - Throws: `NPYError` for unreadable or malformed files (truncated, bad header,
    ///   unsupported dtype, Fortran order, NaN) and `ACQUAError.invalidDataset` for files that
    ///   do not pair up.
    public init(imagesAt imageURL: URL, textsAt textURL: URL, textToImageAt mappingURL: URL? = nil, name: String? = nil) throws {
        let label = name ?? imageURL.deletingLastPathComponent().lastPathComponent
        let images = try NPYArray(contentsOf: imageURL).matrix(path: imageURL.path)
        let texts = try NPYArray(contentsOf: textURL).matrix(path: textURL.path)
        guard let mappingURL else {
            try self.init(name: label, rowAlignedImages: images, texts: texts)
            return
        }
        let mapping = try NPYArray(contentsOf: mappingURL)
        guard mapping.shape.count == 1 else {
            throw ACQUAError.invalidDataset("\(mappingURL.path): the text→image mapping must be 1-D, got shape \(mapping.shape)")
        }
        try mapping.requireFinite(path: mappingURL.path)
        guard mapping.values.allSatisfy({ $0 == $0.rounded() }) else {
            throw ACQUAError.invalidDataset("\(mappingURL.path): the text→image mapping must hold integers")
        }
        // Range-check as doubles first: converting 2^63, 1e300 or −1e300 to Int would trap.
        if let bad = mapping.values.firstIndex(where: { !($0 >= 0 && $0 < Double(images.rows)) }) {
            throw ACQUAError.invalidDataset(
                "\(mappingURL.path): text \(bad) points at image \(mapping.values[bad]), but there are \(images.rows) images")
        }
        try self.init(name: label, images: images, texts: texts, textToImage: mapping.values.map { Int($0) })
    }

    /// Reads a dataset folder: `image_emb.npy`, `text_emb.npy` and, for several captions per
    /// image, `text_to_image.npy`.
    /// - Throws: as `init(imagesAt:textsAt:textToImageAt:name:)`, and
    ///   `ACQUAError.invalidDataset` when the folder lacks the embedding files.
    public init(directory: URL) throws {
        let fm = FileManager.default
        let imageURL = directory.appendingPathComponent("image_emb.npy")
        let textURL = directory.appendingPathComponent("text_emb.npy")
        let mappingURL = directory.appendingPathComponent("text_to_image.npy")
        for url in [imageURL, textURL] where !fm.fileExists(atPath: url.path) {
            throw ACQUAError.invalidDataset("\(directory.path) has no \(url.lastPathComponent)")
        }
        try self.init(imagesAt: imageURL, textsAt: textURL,
                      textToImageAt: fm.fileExists(atPath: mappingURL.path) ? mappingURL : nil,
                      name: directory.lastPathComponent)
    }

    /// The dataset restricted to the given images (in that order) and the texts describing them.
    public func restricted(toImages imageIndices: [Int]) -> PairedEmbeddings {
        var newIndex = [Int](repeating: -1, count: images.rows)
        for (k, i) in imageIndices.enumerated() { newIndex[i] = k }
        let keptTexts = (0..<texts.rows).filter { newIndex[textToImage[$0]] >= 0 }
        var copy = self
        copy.images = images.rows(imageIndices)
        copy.texts = texts.rows(keptTexts)
        copy.textToImage = keptTexts.map { newIndex[textToImage[$0]] }
        return copy
    }

    /// A seeded split by image: all captions of an image land on the same side, so no held-out
    /// image is seen in training.
    /// - Throws: `ACQUAError.invalidConfiguration` unless the fraction leaves both sides non-empty.
    public func split(validationFraction: Double, seed: UInt64) throws -> (train: PairedEmbeddings, validation: PairedEmbeddings) {
        guard validationFraction > 0, validationFraction < 1 else {
            throw ACQUAError.invalidConfiguration("the held-out fraction must lie in (0, 1), got \(validationFraction)")
        }
        var order = Array(0..<images.rows)
        var generator = SeededGenerator(seed: seed)
        order.shuffle(using: &generator)
        let held = Int((Double(images.rows) * validationFraction).rounded())
        guard held >= 1, held < images.rows else {
            throw ACQUAError.invalidConfiguration(
                "a held-out fraction of \(validationFraction) of \(images.rows) images leaves one side empty")
        }
        return (restricted(toImages: order[held...].sorted()), restricted(toImages: order[..<held].sorted()))
    }

    /// The image and text rows of the given pairs (text indices), row-aligned.
    public func pairRows(_ pairs: [Int]) -> (images: Matrix, texts: Matrix) {
        (images.rows(pairs.map { textToImage[$0] }), texts.rows(pairs))
    }

    /// All pairs, row-aligned (images repeat when they have several captions).
    public var alignedPairs: (images: Matrix, texts: Matrix) { pairRows(Array(0..<pairCount)) }
}

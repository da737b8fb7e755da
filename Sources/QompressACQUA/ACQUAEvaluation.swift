import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// The held-out figures of a compressor: reconstruction, distance preservation, cross-modal
/// retrieval in the latent space beside the original embeddings, and parameter counts.
public struct ACQUAEvaluation: Hashable, Sendable, Codable {
    /// Reconstruction quality of one modality.
    public struct Reconstruction: Hashable, Sendable, Codable {
        /// Mean over rows of ‖x − x̂‖₁.
        public var meanL1: Double
        /// Mean over rows of cos(x, x̂).
        public var meanCosine: Double
    }

    /// How well latent distances follow the original ones over one set of pairs.
    public struct DistancePreservation: Hashable, Sendable, Codable {
        /// Pairs compared.
        public var pairs: Int
        /// Pearson's r between d_x and ‖z_i − z_t‖₂.
        public var pearson: Double
        /// Spearman's ρ between them.
        public var spearman: Double
        /// Mean |d_x − ‖z_i − z_t‖₂|.
        public var meanAbsoluteError: Double
    }

    /// Recall@1/5/10 in both directions.
    public struct RetrievalFigures: Hashable, Sendable, Codable {
        /// Text query → image candidates, keyed by K.
        public var textToImage: [Int: Double]
        /// Image query → text candidates, keyed by K.
        public var imageToText: [Int: Double]
    }

    /// The compressor's label.
    public var model: String
    /// The dataset's name.
    public var dataset: String
    /// k.
    public var latentDimension: Int
    /// Held-out images and texts.
    public var images: Int, texts: Int
    /// Reconstruction per modality.
    public var imageReconstruction: Reconstruction, textReconstruction: Reconstruction
    /// Over the held-out matching pairs.
    public var matchingPairs: DistancePreservation
    /// Over random non-matching held-out pairs.
    public var randomPairs: DistancePreservation
    /// Over the matching and the random pairs together: whether matching pairs sit closer
    /// than the rest, as in the originals (`nil` in reports written before it existed).
    public var pooledPairs: DistancePreservation?
    /// Retrieval with Euclidean distance between latents.
    public var latentRetrieval: RetrievalFigures
    /// Retrieval with cosine similarity of the original embeddings.
    public var originalRetrieval: RetrievalFigures
    /// Trainable values.
    public var parameters: ParameterCounts

    /// The K of Recall@K.
    public static let recallKs = [1, 5, 10]

    /// Measures `compressor` on the held-out pairs of `data`.
    /// - Parameters:
    ///   - compressor: the model (or baseline) to measure.
    ///   - data: the held-out pairs.
    ///   - distance: how d_x is measured (as in training).
    ///   - randomPairCount: non-matching pairs drawn for the second correlation.
    ///   - seed: for drawing them.
    /// - Throws: `ACQUAError.dimensionMismatch` for data of the wrong width, or the compressor's errors.
    public init(of compressor: EmbeddingCompressor, on data: PairedEmbeddings, distance: PairDistance,
                randomPairCount: Int = 2000, seed: UInt64 = 0) throws {
        model = compressor.label
        dataset = data.name
        latentDimension = compressor.latentDimension
        images = data.images.rows
        texts = data.texts.rows
        parameters = compressor.parameterCounts

        let imageLatent = try compressor.encode(data.images, modality: .image)
        let textLatent = try compressor.encode(data.texts, modality: .text)
        guard imageLatent.isFinite, textLatent.isFinite else {
            throw ACQUAError.nonFiniteResult("\(compressor.label) gives NaN or infinite latents; no figure is computed from them")
        }
        func reconstruction(_ x: Matrix, _ modality: Modality) throws -> Reconstruction {
            let xHat = try compressor.reconstruct(x, modality: modality)
            guard xHat.isFinite else {
                throw ACQUAError.nonFiniteResult("\(compressor.label) gives NaN or infinite \(modality.rawValue) reconstructions")
            }
            let l1 = try Loss.l1(prediction: xHat, target: x).value
            let cosines = try CosineSimilarity.rowwise(x, xHat)
            return Reconstruction(meanL1: l1, meanCosine: cosines.reduce(0, +) / Double(max(cosines.count, 1)))
        }
        imageReconstruction = try reconstruction(data.images, .image)
        textReconstruction = try reconstruction(data.texts, .text)

        func preservation(_ pairs: [(image: Int, text: Int)]) throws -> DistancePreservation {
            let original = pairs.map { distance.between(data.images.row($0.image), data.texts.row($0.text)) }
            let latent = LatentDistance.rowwise(imageLatent.rows(pairs.map(\.image)), textLatent.rows(pairs.map(\.text)))
            let error = zip(original, latent).reduce(0.0) { $0 + abs($1.0 - $1.1) } / Double(max(pairs.count, 1))
            return DistancePreservation(pairs: pairs.count, pearson: try Correlation.pearson(original, latent),
                                        spearman: try Correlation.spearman(original, latent), meanAbsoluteError: error)
        }
        let matching = (0..<data.texts.rows).map { (image: data.textToImage[$0], text: $0) }
        matchingPairs = try preservation(matching)
        var generator = SeededGenerator(seed: seed)
        var random: [(image: Int, text: Int)] = []
        if data.images.rows > 1 {
            while random.count < randomPairCount {
                let t = Int.random(in: 0..<data.texts.rows, using: &generator)
                let i = Int.random(in: 0..<data.images.rows, using: &generator)
                if i != data.textToImage[t] { random.append((i, t)) }
            }
        }
        randomPairs = random.count >= 2 ? try preservation(random)
            : DistancePreservation(pairs: 0, pearson: .nan, spearman: .nan, meanAbsoluteError: .nan)
        pooledPairs = random.isEmpty ? nil : try preservation(matching + random)

        let textRelevant = data.textToImage.map { [$0] }
        var imageRelevant = [[Int]](repeating: [], count: data.images.rows)
        for (t, i) in data.textToImage.enumerated() { imageRelevant[i].append(t) }
        // Images without a held-out caption cannot be queried.
        let queryImages = imageRelevant.indices.filter { !imageRelevant[$0].isEmpty }
        func retrieval(_ imageRows: Matrix, _ textRows: Matrix, _ score: Retrieval.Score) throws -> RetrievalFigures {
            RetrievalFigures(
                textToImage: try Retrieval.recall(queries: textRows, candidates: imageRows, relevant: textRelevant,
                                                  ks: Self.recallKs, score: score),
                imageToText: try Retrieval.recall(queries: imageRows.rows(queryImages), candidates: textRows,
                                                  relevant: queryImages.map { imageRelevant[$0] }, ks: Self.recallKs,
                                                  score: score))
        }
        latentRetrieval = try retrieval(imageLatent, textLatent, .euclidean)
        originalRetrieval = try retrieval(data.images, data.texts, .cosine)
    }
}

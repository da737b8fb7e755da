import Foundation
import QompressCore

/// One row of `qompress acqua compare`: a compressor (the quantum model, its classical
/// baseline or PCA) at latent size k, trained and measured on the split of one seed.
/// Encoded with snake_case keys, one JSON object per (method, k, seed).
public struct ACQUACompareRecord: Hashable, Sendable, Codable {
    /// "quantum", "classical" or "pca".
    public var method: String
    /// The dataset's name.
    public var dataset: String
    /// The objective the autoencoders were trained with ("-" for PCA).
    public var objective: String
    /// k.
    public var k: Int
    /// The seed of the split, the weights and the mini-batches.
    public var seed: UInt64
    /// Every stored number of the compressor (both autoencoders; PCA's basis and mean).
    public var params: Int
    /// Of which circuit weights.
    public var quantumParams: Int
    /// Text→image Recall@1 and @5, image→text Recall@1 with Euclidean latent distances.
    public var t2iR1: Double, t2iR5: Double, i2tR1: Double
    /// Spearman's ρ between original and latent distances over the matching pairs.
    public var rhoMatch: Double
    /// Spearman's ρ over the matching pairs and 2000 random non-matching pairs together.
    public var rhoPooled: Double
    /// Mean |d_x − ‖z_i − z_t‖₂| over the matching pairs (the paper's own term).
    public var meanDistanceError: Double
    /// Mean reconstruction cosine per modality.
    public var imgCos: Double, txtCos: Double
    /// Wall-clock seconds of training (or fitting).
    public var trainSeconds: Double

    enum CodingKeys: String, CodingKey {
        case method, dataset, objective, k, seed, params
        case quantumParams = "quantum_params"
        case t2iR1 = "t2i_r1", t2iR5 = "t2i_r5", i2tR1 = "i2t_r1"
        case rhoMatch = "rho_match", rhoPooled = "rho_pooled"
        case meanDistanceError = "mean_distance_error"
        case imgCos = "img_cos", txtCos = "txt_cos"
        case trainSeconds = "train_seconds"
    }

    /// The record of a measured comparison row.
    public init(method: String, objective: String, seed: UInt64, row: ComparisonRow) {
        let e = row.evaluation
        self.method = method
        dataset = row.dataset
        self.objective = objective
        k = row.latentDimension
        self.seed = seed
        params = e.parameters.total
        quantumParams = e.parameters.quantum
        t2iR1 = e.latentRetrieval.textToImage[1] ?? .nan
        t2iR5 = e.latentRetrieval.textToImage[5] ?? .nan
        i2tR1 = e.latentRetrieval.imageToText[1] ?? .nan
        rhoMatch = e.matchingPairs.spearman
        rhoPooled = e.pooledPairs?.spearman ?? .nan
        meanDistanceError = e.matchingPairs.meanAbsoluteError
        imgCos = e.imageReconstruction.meanCosine
        txtCos = e.textReconstruction.meanCosine
        trainSeconds = row.trainSeconds
    }

    /// A Markdown table of mean ± sd over seeds, one line per (method, k), in first-seen order.
    public static func summaryTable(_ records: [ACQUACompareRecord]) -> String {
        var lines = ["| dataset | method | k | params | seeds | t→i R@1 | t→i R@5 | i→t R@1 | ρ match | ρ pooled | mean \\|Δd\\| | img cos | txt cos |",
                     "|---|---|---:|---:|---:|---|---|---|---|---|---|---|---|"]
        for g in records.groupedInOrder(by: { "\($0.dataset)|\($0.method)|\($0.k)" }) {
            func s(_ f: (ACQUACompareRecord) -> Double) -> String { SampleSummary(g.map(f)).description }
            lines.append("| \(g[0].dataset) | \(g[0].method) | \(g[0].k) | \(g[0].params) | \(g.count) | \(s(\.t2iR1)) | \(s(\.t2iR5)) | "
                         + "\(s(\.i2tR1)) | \(s(\.rhoMatch)) | \(s(\.rhoPooled)) | \(s(\.meanDistanceError)) | \(s(\.imgCos)) | \(s(\.txtCos)) |")
        }
        return lines.joined(separator: "\n")
    }
}

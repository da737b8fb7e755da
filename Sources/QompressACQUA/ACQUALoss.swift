import Foundation
import QompressLinearAlgebra
import QompressTraining

/// A CLIP-ACQUA objective: a weighted sum of loss terms over a mini-batch of image–text pairs.
///
/// Two objectives are named (`ACQUAObjectiveName`):
/// - `paper` — the paper's loss, α_i‖x_i − x̂_i‖₁ + α_t‖x_t − x̂_t‖₁ + α_d |d_x − ‖z_i − z_t‖₂|
///   over matching pairs only (α = 1/3 each). CLIP's modality gap makes every matching pair's
///   d_x nearly the same, so this loss is met by putting all images in one cluster and all
///   texts in another: latent retrieval is at chance.
/// - `distill` (the default) — the paper's terms plus three relational terms over **all** B × B
///   image–text pairs of the batch, which reuse the batch's latents (no extra circuit runs):
///   similarity distillation (`SimilarityDistillationLoss`: each text's softmax over the batch's
///   images of the teacher's CLIP cosines is the target of the softmax of negative squared
///   latent distances, and the same for each image over the texts), 1 − Pearson between
///   teacher and latent distances over all cross pairs, and 1 − Pearson over the matching
///   pairs (`DistanceCorrelationLoss`).
///
/// The same objective trains the quantum model and its classical baseline.
public struct ACQUALoss: Hashable, Sendable, Codable {
    /// One term of the objective.
    public enum Term: String, Hashable, Sendable, Codable, CaseIterable {
        /// Mean ‖x_i − x̂_i‖₁ over the batch's images.
        case imageReconstruction = "image_reconstruction"
        /// Mean ‖x_t − x̂_t‖₁ over the batch's texts.
        case textReconstruction = "text_reconstruction"
        /// The paper's mean |d_x − ‖z_i − z_t‖₂| over matching pairs.
        case pairDistance = "pair_distance"
        /// KL distillation of the teacher's batch similarities, both directions.
        case distillation
        /// 1 − Pearson(d_x, ‖z_i − z_t‖₂) over all B × B cross pairs of the batch.
        case crossPairCorrelation = "cross_pair_correlation"
        /// 1 − Pearson(d_x, ‖z_i − z_t‖₂) over the batch's matching pairs.
        case matchingPairCorrelation = "matching_pair_correlation"

        /// Terms that compare every image of a batch with every text.
        public var isRelational: Bool {
            switch self {
            case .distillation, .crossPairCorrelation: return true
            case .imageReconstruction, .textReconstruction, .pairDistance, .matchingPairCorrelation: return false
            }
        }
    }

    /// The weight of every term (absent terms weigh 0).
    public private(set) var weights: [Term: Double]
    /// How d_x is measured on the original embeddings.
    public var distance: PairDistance
    /// τ of the distillation term.
    public private(set) var temperature: Double

    /// The paper's objective (α = 1/3 each and Euclidean d_x by default).
    /// - Throws: `ACQUAError.invalidConfiguration` for negative or non-finite weights, or all zero.
    public init(imageWeight: Double = 1.0 / 3, textWeight: Double = 1.0 / 3, distanceWeight: Double = 1.0 / 3,
                distance: PairDistance = .euclidean) throws {
        try self.init(weights: [.imageReconstruction: imageWeight, .textReconstruction: textWeight, .pairDistance: distanceWeight],
                      distance: distance)
    }

    /// An objective from term weights.
    /// - Throws: `ACQUAError.invalidConfiguration` for negative or non-finite weights, all
    ///   weights zero, or a non-positive temperature.
    public init(weights: [Term: Double], distance: PairDistance = .euclidean, temperature: Double = 0.02) throws {
        guard weights.values.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.values.contains(where: { $0 > 0 }) else {
            throw ACQUAError.invalidConfiguration("loss weights must be finite, non-negative and not all zero, got \(weights)")
        }
        guard temperature > 0, temperature.isFinite else {
            throw ACQUAError.invalidConfiguration("the distillation temperature must be positive, got \(temperature)")
        }
        self.weights = weights.filter { $0.value > 0 }
        self.distance = distance
        self.temperature = temperature
    }

    private init(validWeights weights: [Term: Double], distance: PairDistance, temperature: Double) {
        self.weights = weights.filter { $0.value > 0 }
        self.distance = distance
        self.temperature = temperature
    }

    /// The named objective with its default weights.
    public static func named(_ name: ACQUAObjectiveName, distance: PairDistance = .euclidean) -> ACQUALoss {
        ACQUALoss(validWeights: name.weights, distance: distance, temperature: name.temperature)
    }

    /// The weight of `term` (0 when absent).
    public func weight(_ term: Term) -> Double { weights[term] ?? 0 }
    /// α_i.
    public var imageWeight: Double { weight(.imageReconstruction) }
    /// α_t.
    public var textWeight: Double { weight(.textReconstruction) }
    /// α_d.
    public var distanceWeight: Double { weight(.pairDistance) }
    /// Whether any term compares non-matching pairs.
    public var isRelational: Bool { weights.keys.contains { $0.isRelational } }

    /// The loss of one batch, its terms (unweighted) and the gradients with respect to both
    /// latents and reconstructions.
    public struct Evaluation: Sendable {
        /// The weighted total.
        public var value: Double
        /// Every term with a weight, unweighted.
        public var terms: [Term: Double]
        /// ∂loss/∂z_i, ∂loss/∂x̂_i, ∂loss/∂z_t, ∂loss/∂x̂_t.
        public var imageLatentGradient: Matrix, imageReconstructionGradient: Matrix
        /// See `imageLatentGradient`.
        public var textLatentGradient: Matrix, textReconstructionGradient: Matrix

        /// Mean ‖x_i − x̂_i‖₁ (0 when the term has no weight).
        public var imageReconstruction: Double { terms[.imageReconstruction] ?? 0 }
        /// Mean ‖x_t − x̂_t‖₁ (0 when the term has no weight).
        public var textReconstruction: Double { terms[.textReconstruction] ?? 0 }
        /// Mean |d_x − ‖z_i − z_t‖₂| over matching pairs (0 when the term has no weight).
        public var distanceError: Double { terms[.pairDistance] ?? 0 }
    }

    /// The target distances d_x of row-aligned pairs.
    public func targets(images: Matrix, texts: Matrix) -> [Double] {
        distance.rowwise(images, texts)
    }

    /// Evaluates the objective for row-aligned pairs and the two models' outputs.
    /// - Throws: `TrainingError.dimensionMismatch` for inconsistent shapes.
    public func evaluate(images: Matrix, texts: Matrix, targets: [Double],
                         image: (latent: Matrix, reconstruction: Matrix),
                         text: (latent: Matrix, reconstruction: Matrix)) throws -> Evaluation {
        var result = Evaluation(
            value: 0, terms: [:],
            imageLatentGradient: Matrix(zeros: image.latent.rows, image.latent.columns),
            imageReconstructionGradient: Matrix(zeros: image.reconstruction.rows, image.reconstruction.columns),
            textLatentGradient: Matrix(zeros: text.latent.rows, text.latent.columns),
            textReconstructionGradient: Matrix(zeros: text.reconstruction.rows, text.reconstruction.columns))
        func add(_ term: Term, _ gradient: Matrix, into target: inout Matrix) {
            let w = weight(term)
            for i in 0..<gradient.elements.count { target.elements[i] += w * gradient.elements[i] }
        }
        func record(_ term: Term, _ value: Double) {
            result.terms[term] = value
            result.value += weight(term) * value
        }
        // Terms run in the fixed order of `Term.allCases`, so the sum does not depend on how
        // the weights were written.
        var teacher: Matrix?
        func teacherSimilarities() throws -> Matrix {
            if let teacher { return teacher }
            let t = try Matrix.product(CosineSimilarity.normalizedRows(texts), CosineSimilarity.normalizedRows(images),
                                       transposingRight: true)
            teacher = t
            return t
        }
        for term in Term.allCases where weight(term) > 0 {
            switch term {
            case .imageReconstruction:
                let l1 = try Loss.l1(prediction: image.reconstruction, target: images)
                record(term, l1.value)
                add(term, l1.gradient, into: &result.imageReconstructionGradient)
            case .textReconstruction:
                let l1 = try Loss.l1(prediction: text.reconstruction, target: texts)
                record(term, l1.value)
                add(term, l1.gradient, into: &result.textReconstructionGradient)
            case .pairDistance:
                let pair = try PairDistanceLoss.evaluate(image.latent, text.latent, targets: targets)
                record(term, pair.value)
                add(term, pair.gradientA, into: &result.imageLatentGradient)
                add(term, pair.gradientB, into: &result.textLatentGradient)
            case .distillation:
                let kd = try SimilarityDistillationLoss.evaluate(queries: text.latent, candidates: image.latent,
                                                                 teacherSimilarities: try teacherSimilarities(),
                                                                 temperature: temperature)
                record(term, kd.value)
                add(term, kd.gradientQueries, into: &result.textLatentGradient)
                add(term, kd.gradientCandidates, into: &result.imageLatentGradient)
            case .crossPairCorrelation:
                let cosines = try teacherSimilarities()
                let pairs = DistanceCorrelationLoss.allPairs(rows: text.latent.rows, columns: image.latent.rows)
                let r = try DistanceCorrelationLoss.evaluate(text.latent, image.latent, pairs: pairs,
                                                             targets: cosines.elements.map(distance.fromCosine))
                record(term, r.value)
                add(term, r.gradientA, into: &result.textLatentGradient)
                add(term, r.gradientB, into: &result.imageLatentGradient)
            case .matchingPairCorrelation:
                let r = try DistanceCorrelationLoss.evaluate(image.latent, text.latent,
                                                             pairs: (0..<image.latent.rows).map { ($0, $0) }, targets: targets)
                record(term, r.value)
                add(term, r.gradientA, into: &result.imageLatentGradient)
                add(term, r.gradientB, into: &result.textLatentGradient)
            }
        }
        return result
    }

    /// Runs both models forward on row-aligned pairs, evaluates the objective and, when
    /// `backPropagate` is set, accumulates the gradients into the models' tensors.
    public func step(_ model: ACQUAModel, images: Matrix, texts: Matrix, targets: [Double],
                     backPropagate: Bool) throws -> Evaluation {
        let imageOutput = try model.image.forward(images)
        let textOutput = try model.text.forward(texts)
        let result = try evaluate(images: images, texts: texts, targets: targets, image: imageOutput, text: textOutput)
        if backPropagate {
            try model.image.backward(latentGradient: result.imageLatentGradient,
                                     reconstructionGradient: result.imageReconstructionGradient)
            try model.text.backward(latentGradient: result.textLatentGradient,
                                    reconstructionGradient: result.textReconstructionGradient)
        }
        return result
    }

    // MARK: Codable — {"weights": {term: weight}, "distance": …, "temperature": …}; checkpoints
    // written before the terms existed stored the paper's three weights and are still read.

    private enum CodingKeys: String, CodingKey {
        case weights, distance, temperature
        case imageWeight, textWeight, distanceWeight
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let distance = try c.decode(PairDistance.self, forKey: .distance)
        if let stored = try c.decodeIfPresent([String: Double].self, forKey: .weights) {
            var weights: [Term: Double] = [:]
            for (key, value) in stored {
                guard let term = Term(rawValue: key) else {
                    throw ACQUAError.invalidConfiguration("unknown loss term '\(key)' (known: \(Term.allCases.map(\.rawValue)))")
                }
                weights[term] = value
            }
            try self.init(weights: weights, distance: distance,
                          temperature: try c.decodeIfPresent(Double.self, forKey: .temperature) ?? 0.02)
        } else {
            try self.init(imageWeight: try c.decode(Double.self, forKey: .imageWeight),
                          textWeight: try c.decode(Double.self, forKey: .textWeight),
                          distanceWeight: try c.decode(Double.self, forKey: .distanceWeight), distance: distance)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Dictionary(uniqueKeysWithValues: weights.map { ($0.key.rawValue, $0.value) }), forKey: .weights)
        try c.encode(distance, forKey: .distance)
        try c.encode(temperature, forKey: .temperature)
    }
}

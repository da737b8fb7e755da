import QompressLinearAlgebra
import QompressTraining

/// The CLIP-ACQUA objective for a batch of image–text pairs, averaged over the batch:
/// α_i‖x_i − x̂_i‖₁ + α_t‖x_t − x̂_t‖₁ + α_d |d_x − ‖z_i − z_t‖₂|.
///
/// Built from the training stack's `Loss.l1` and `PairDistanceLoss`.
public struct ACQUALoss: Hashable, Sendable, Codable {
    /// α_i, the weight of the image reconstruction.
    public var imageWeight: Double
    /// α_t, the weight of the text reconstruction.
    public var textWeight: Double
    /// α_d, the weight of the distance term.
    public var distanceWeight: Double
    /// How d_x is measured on the original embeddings.
    public var distance: PairDistance

    /// Creates the objective (α = 1/3 each and Euclidean d_x by default).
    /// - Throws: `ACQUAError.invalidConfiguration` for negative or non-finite weights, or all zero.
    public init(imageWeight: Double = 1.0 / 3, textWeight: Double = 1.0 / 3, distanceWeight: Double = 1.0 / 3,
                distance: PairDistance = .euclidean) throws {
        let weights = [imageWeight, textWeight, distanceWeight]
        guard weights.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.contains(where: { $0 > 0 }) else {
            throw ACQUAError.invalidConfiguration("loss weights must be non-negative and not all zero, got \(weights)")
        }
        self.imageWeight = imageWeight
        self.textWeight = textWeight
        self.distanceWeight = distanceWeight
        self.distance = distance
    }

    /// The loss of one batch, its three terms (unweighted) and the gradients with respect to
    /// both latents and reconstructions.
    public struct Evaluation: Sendable {
        /// The weighted total.
        public var value: Double
        /// Mean ‖x_i − x̂_i‖₁.
        public var imageReconstruction: Double
        /// Mean ‖x_t − x̂_t‖₁.
        public var textReconstruction: Double
        /// Mean |d_x − ‖z_i − z_t‖₂|.
        public var distanceError: Double
        /// ∂loss/∂z_i, ∂loss/∂x̂_i, ∂loss/∂z_t, ∂loss/∂x̂_t.
        public var imageLatentGradient: Matrix, imageReconstructionGradient: Matrix
        /// See `imageLatentGradient`.
        public var textLatentGradient: Matrix, textReconstructionGradient: Matrix
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
        let imageL1 = try Loss.l1(prediction: image.reconstruction, target: images)
        let textL1 = try Loss.l1(prediction: text.reconstruction, target: texts)
        let pair = try PairDistanceLoss.evaluate(image.latent, text.latent, targets: targets)
        return Evaluation(
            value: imageWeight * imageL1.value + textWeight * textL1.value + distanceWeight * pair.value,
            imageReconstruction: imageL1.value, textReconstruction: textL1.value, distanceError: pair.value,
            imageLatentGradient: pair.gradientA.map { $0 * distanceWeight },
            imageReconstructionGradient: imageL1.gradient.map { $0 * imageWeight },
            textLatentGradient: pair.gradientB.map { $0 * distanceWeight },
            textReconstructionGradient: textL1.gradient.map { $0 * textWeight })
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
}

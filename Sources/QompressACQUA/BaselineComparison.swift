import Foundation
import QompressCore
import QompressTraining

/// One row of the comparison table: a compressor trained (or fitted) on a split and measured
/// on its held-out part.
public struct ComparisonRow: Sendable, Codable {
    /// The dataset's name.
    public var dataset: String
    /// "quantum", "classical AE" or "PCA".
    public var model: String
    /// Backend of a quantum model, else "-".
    public var backend: String
    /// q (0 for PCA).
    public var qubits: Int
    /// L (0 for the classical model and PCA).
    public var depth: Int
    /// k.
    public var latentDimension: Int
    /// Wall-clock seconds of training or fitting.
    public var trainSeconds: Double
    /// Final training loss (nil for PCA).
    public var finalTrainLoss: Double?
    /// The held-out figures.
    public var evaluation: ACQUAEvaluation

    /// Creates a row.
    public init(dataset: String, model: String, backend: String, qubits: Int, depth: Int, latentDimension: Int,
                trainSeconds: Double, finalTrainLoss: Double?, evaluation: ACQUAEvaluation) {
        self.dataset = dataset
        self.model = model
        self.backend = backend
        self.qubits = qubits
        self.depth = depth
        self.latentDimension = latentDimension
        self.trainSeconds = trainSeconds
        self.finalTrainLoss = finalTrainLoss
        self.evaluation = evaluation
    }
}

/// Trains and measures the three compressors of the comparison — the ACQUA model, the
/// classical autoencoder and PCA — on the same split with the same latent size.
public struct BaselineComparison {
    /// The split to train on and to measure.
    public var training: PairedEmbeddings, validation: PairedEmbeddings
    /// The trainer (loss, epochs, batch, schedule) shared by both autoencoders.
    public var trainer: ACQUATrainer
    /// The learning rate of the Adam optimiser each model gets.
    public var learningRate: Double
    /// Seed of weights and mini-batches (the same for every model).
    public var seed: UInt64
    /// Turns layer descriptions into layers (the umbrella's `ModelFactory`).
    public var builder: ACQUALayerBuilder

    /// Creates a comparison on a split.
    public init(training: PairedEmbeddings, validation: PairedEmbeddings, trainer: ACQUATrainer,
                learningRate: Double, seed: UInt64, builder: @escaping ACQUALayerBuilder) {
        self.training = training
        self.validation = validation
        self.trainer = trainer
        self.learningRate = learningRate
        self.seed = seed
        self.builder = builder
    }

    /// Trains a model of `architecture` (quantum or classical) and measures it.
    public func trainAndMeasure(_ architecture: ACQUAArchitecture) throws -> ComparisonRow {
        var generator = SeededGenerator(seed: seed)
        let model = try ACQUAModel(architecture: architecture, generator: &generator, builder: builder)
        let start = Date()
        let history = try trainer.fit(model, optimizer: try Adam(learningRate: learningRate), training: training,
                                      generator: &generator)
        let seconds = Date().timeIntervalSince(start)
        let evaluation = try ACQUAEvaluation(of: model, on: validation, distance: trainer.loss.distance, seed: seed)
        let isQuantum = architecture.backend != nil
        return ComparisonRow(dataset: training.name, model: isQuantum ? "quantum" : "classical AE",
                             backend: architecture.backend.map(\.description) ?? "-", qubits: architecture.qubits,
                             depth: isQuantum ? architecture.depth : 0, latentDimension: architecture.latentDimension,
                             trainSeconds: seconds, finalTrainLoss: history.trainLoss.last, evaluation: evaluation)
    }

    /// Fits PCA with `latentDimension` components and measures it.
    public func fitAndMeasurePCA(latentDimension: Int) throws -> ComparisonRow {
        let start = Date()
        let pca = try PCABaseline(fitting: training, latentDimension: latentDimension)
        let seconds = Date().timeIntervalSince(start)
        let evaluation = try ACQUAEvaluation(of: pca, on: validation, distance: trainer.loss.distance, seed: seed)
        return ComparisonRow(dataset: training.name, model: "PCA", backend: "-", qubits: 0, depth: 0,
                             latentDimension: latentDimension, trainSeconds: seconds, finalTrainLoss: nil,
                             evaluation: evaluation)
    }
}

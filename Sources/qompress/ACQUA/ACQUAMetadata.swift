import ArgumentParser
import Foundation
import Qompress

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

import ArgumentParser
import Foundation
import Qompress

/// Rebuilds the model stored in a `head train` checkpoint.
func loadHead(_ path: String) throws -> (model: Layer, similarity: any PairSimilarity, checkpoint: Checkpoint) {
    let checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: path))
    let (model, similarity) = try HeadCheckpoint.model(from: checkpoint)
    return (model, similarity, checkpoint)
}

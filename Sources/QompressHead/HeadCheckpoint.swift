import QompressCore
import QompressTraining

/// Rebuilds a head from a checkpoint written by `qompress head train`: its metadata names the
/// method (`qi-head` or `classical-head`) and the sizes d → k, its tensors hold the weights.
public enum HeadCheckpoint {
    /// The head and the similarity that ranks with it.
    /// - Throws: `HeadError.invalidArgument` for missing or out-of-range metadata, or sizes that
    ///   do not match the stored values (checked before anything is allocated from them);
    ///   `CheckpointError.mismatch` when the tensors do not fit.
    public static func model(from checkpoint: Checkpoint) throws -> (Layer, any PairSimilarity) {
        guard let method = checkpoint.metadata["method"], let d = checkpoint.metadata["inputDimension"].flatMap(Int.init),
              let k = checkpoint.metadata["outputDimension"].flatMap(Int.init) else {
            throw HeadError.invalidArgument("the checkpoint was not written by `qompress head train` (no method/dimension metadata)")
        }
        // Sizes come from the file: check them against the stored values before building anything.
        guard (1...(1 << 20)).contains(d), (1..<d).contains(k) else {
            throw HeadError.invalidArgument("the head's sizes \(d) → \(k) are out of range")
        }
        let stored = try checkpoint.storedValueCount()
        let expected: Int
        switch method {
        case "qi-head": expected = try CompressionPlan.automatic(inputDimension: d, outputDimension: k).parameterCount
        case "classical-head": expected = ClassicalHead.parameterCount(inputDimension: d, outputDimension: k)
        default: throw HeadError.invalidArgument("unknown method \(method) (qi-head, classical-head)")
        }
        guard stored == expected else {
            throw HeadError.invalidArgument("a \(method) of \(d) → \(k) has \(expected) values, the checkpoint holds \(stored)")
        }
        var g = SeededGenerator(seed: 0)
        let model: Layer, similarity: any PairSimilarity
        if method == "qi-head" {
            model = QuantumInspiredHead(plan: try .automatic(inputDimension: d, outputDimension: k), generator: &g)
            similarity = FidelitySimilarity()
        } else {
            model = try ClassicalHead.make(inputDimension: d, outputDimension: k, generator: &g)
            similarity = CosineSimilarityMeasure()
        }
        try checkpoint.load(into: model, named: "head")
        return (model, similarity)
    }
}

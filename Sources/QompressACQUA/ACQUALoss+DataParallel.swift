import QompressLinearAlgebra
import QompressTraining

extension ACQUALoss {
    /// `step` shared by the processes of `parallel`, with the same result on every process and
    /// for any number of processes: each process runs both models forward on its partitions of
    /// the batch, every process receives the whole batch's latents and reconstructions and
    /// evaluates the objective on them (its relational terms compare every image of the batch
    /// with every text), then each back-propagates its partitions' rows of the gradients, and
    /// the partitions' parameter gradients are added in their fixed order (`DataParallelGradients`).
    ///
    /// A partition's backward pass needs that partition's forward pass in the layers' caches, so
    /// every partition of a process but its last is run forward a second time.
    /// - Returns: the objective on the whole batch, its terms and gradients (as `step`); the
    ///   parameter gradients are left in the models' tensors.
    public func dataParallelStep(_ model: ACQUAModel, images: Matrix, texts: Matrix, targets: [Double],
                                 parallel: DataParallelGradients) throws -> Evaluation {
        let batch = images.rows
        let owned = parallel.ownedRanges(batchSize: batch)
        var blocks: [[Double]] = [[], [], [], []]
        for (_, positions) in owned {
            let image = try model.image.forward(images.rows(Array(positions)))
            let text = try model.text.forward(texts.rows(Array(positions)))
            for (k, m) in [image.latent, image.reconstruction, text.latent, text.reconstruction].enumerated() {
                blocks[k] += m.elements
            }
        }
        let k = model.latentDimension, d = model.architecture.embeddingDimension
        let columns = [k, d, k, d]
        let mine = parallel.ownedPositions(batchSize: batch).count
        let local = try zip(blocks, columns).map { try Matrix(rows: mine, columns: $1, elements: $0) }
        let whole = try parallel.allGatherRows(local, columns: columns, batchSize: batch)
        let result = try evaluate(images: images, texts: texts, targets: targets,
                                  image: (whole[0], whole[1]), text: (whole[2], whole[3]))
        let last = owned.last?.partition
        _ = try parallel.accumulate(model.parameters, batchSize: batch) { partition, positions in
            let rows = Array(positions)
            if partition != last {
                _ = try model.image.forward(images.rows(rows))
                _ = try model.text.forward(texts.rows(rows))
            }
            try model.image.backward(latentGradient: result.imageLatentGradient.rows(rows),
                                     reconstructionGradient: result.imageReconstructionGradient.rows(rows))
            try model.text.backward(latentGradient: result.textLatentGradient.rows(rows),
                                    reconstructionGradient: result.textReconstructionGradient.rows(rows))
            return 0
        }
        return result
    }
}

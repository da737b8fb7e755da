import ArgumentParser
import Qompress
import QompressDistributed

/// How training shares each mini-batch among MPI ranks (`mpirun -np N qompress … train`).
struct DataParallelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Fixed partitions of every mini-batch, whose gradients are computed apart and added in a fixed order; with the same value, any number of MPI ranks up to it gives the same checkpoint bits as one process. Needs at least as many as ranks.",
        discussion: "Results depend on this number, not on the rank count. 1 (the default) is the whole batch at once, the fastest in one process; each further partition costs a few small passes more."))
    var gradientPartitions: Int = 1

    /// The exchange for `world`.
    /// - Throws: `ValidationError` for fewer partitions than ranks (the extra ranks would idle).
    func dataParallel(_ world: Communicator) throws -> DataParallelGradients {
        guard gradientPartitions >= 1 else { throw ValidationError("--gradient-partitions must be ≥ 1, got \(gradientPartitions)") }
        guard gradientPartitions >= world.size else {
            throw ValidationError("\(world.size) ranks share each batch in its --gradient-partitions, which is \(gradientPartitions): "
                                  + "pass --gradient-partitions \(world.size) or more (a multiple of the rank count balances the work; "
                                  + "the result depends on this number, not on the rank count, so use the same value without mpirun to get the same bits)")
        }
        return DataParallelGradients(group: world, partitions: try GradientPartitions(count: gradientPartitions))
    }
}

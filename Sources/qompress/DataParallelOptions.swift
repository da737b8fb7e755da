import ArgumentParser
import Qompress
import QompressDistributed

/// How training shares each mini-batch among MPI ranks (`mpirun -np N qompress … train`).
struct DataParallelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Fixed partitions of every mini-batch, whose gradients are added in order; any number of MPI ranks up to this gives the same checkpoint bits as one process.",
        discussion: "Results depend on this number, not on the rank count; ranks beyond it have no work."))
    var gradientPartitions: Int = 8

    /// The exchange for `world`.
    func dataParallel(_ world: Communicator) throws -> DataParallelGradients {
        guard gradientPartitions >= 1 else { throw ValidationError("--gradient-partitions must be ≥ 1, got \(gradientPartitions)") }
        return DataParallelGradients(group: world, partitions: try GradientPartitions(count: gradientPartitions))
    }
}

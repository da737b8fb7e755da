import ArgumentParser

/// The `qompress` command-line tool.
@main
struct QompressCommand: ParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "qompress",
        abstract: "Quantum circuit simulation (statevector and MPS) and quantum-inspired embedding compression.",
        version: "0.3.0",
        subcommands: [ACQUACommand.self, HeadCommand.self, Demo.self, RunCommand.self, ScalingCommand.self,
                      BenchForward.self, BenchMPS.self, BenchGradients.self, BenchTrain.self, BenchAllReduce.self])
}

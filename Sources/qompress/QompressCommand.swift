import ArgumentParser
import Foundation

/// The `qompress` command-line tool.
@main
struct QompressCommand: ParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "qompress",
        abstract: "Quantum circuit simulation (statevector and MPS) and quantum-inspired embedding compression.",
        version: "0.5.0",
        subcommands: [ACQUACommand.self, HeadCommand.self, Demo.self, RunCommand.self, ScalingCommand.self,
                      BenchForward.self, BenchMPS.self, BenchGradients.self, BenchTrain.self, BenchAllReduce.self])

    /// Runs the tool with standard output line-buffered even when it is a pipe or a file, so
    /// that batch-job logs show each result line as it is printed (progress goes to standard
    /// error, which is unbuffered).
    static func main() {
        #if os(Linux)
        // C's `stdout` is a mutable global that Swift 6 does not let code name; its address is
        // looked up instead (RTLD_DEFAULT), once, before any output.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "stdout"),
           let stream = symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee {
            setvbuf(stream, nil, _IOLBF, 0)
        }
        #endif
        main(nil)
    }
}

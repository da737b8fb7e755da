import ArgumentParser
import Foundation
import Qompress

/// `qompress head`: the quantum-inspired projection head on frozen sentence embeddings.
struct HeadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "head",
        abstract: "Quantum-inspired projection head with fidelity similarity: train, evaluate, encode, sweep, bench.",
        subcommands: [HeadTrain.self, HeadEvaluate.self, HeadEncode.self, HeadCompare.self, HeadSweep.self, HeadBench.self])
}

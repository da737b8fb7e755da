import ArgumentParser
import Foundation
import Qompress

/// The model's shape and backend.
struct ACQUAModelOptions: ParsableArguments {
    @Option(help: "Qubits q (= neurons of the layer entering the circuit).")
    var qubits: Int = 8
    @Option(help: "Entangling layers L of the dressed circuit.")
    var depth: Int = 4
    @Option(help: "Latent size k.")
    var latent: Int = 8
    @Option(help: "Width of an optional hidden decoder layer (Dense(k→h)+tanh before Dense(h→d)).")
    var hidden: Int?
    @OptionGroup var backend: BackendOptions
    @Flag(help: "Replace the circuit by Dense(q→q)+tanh (the classical baseline).")
    var classical = false

    func validate() throws {
        if classical, backend.backend.values != [.statevector] || backend.chi != nil || backend.cutoff != nil {
            throw ValidationError("--classical replaces the circuit: --backend, --chi and --cutoff do not apply")
        }
        _ = try backend.spec()
    }

    /// The backend spec from the flags.
    func backendSpec() throws -> BackendSpec { try backend.spec() }

    /// Worker threads of the quantum layers (0 = all cores).
    var threads: Int { backend.threads }

    /// The architecture for embeddings of width `dimension`.
    func architecture(dimension: Int) throws -> ACQUAArchitecture {
        let a = ACQUAArchitecture(embeddingDimension: dimension, qubits: qubits, depth: depth, latentDimension: latent,
                                  hiddenDecoderSize: hidden, bottleneck: classical ? .classical : .quantum(try backendSpec()))
        try a.validate()
        return a
    }
}

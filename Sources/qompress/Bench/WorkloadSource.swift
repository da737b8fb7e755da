import ArgumentParser

/// Where a benchmark takes the dressed circuit's angles from, and which peer results it
/// compares its ⟨Z_i⟩ with: the options every `bench-*` command shares.
struct WorkloadSource: ParsableArguments {
    @Option(help: "Seed for the angles when no --angles-dir is given.")
    var seed: UInt64 = 1234
    @Option(help: "Folder with angles_n<N>_L<L>.json files from Scripts/peer_angles.py (the peers' exact angles).")
    var anglesDir: String?
    @Option(help: "JSON Lines of peer results with a \"z\" list, to report max |Δ⟨Z⟩| against.")
    var reference: String?

    /// The angles for `qubits` and `layers`: the peers' file when `--angles-dir` is given,
    /// else drawn from `--seed`.
    func angles(qubits: Int, layers: Int) throws -> WorkloadAngles {
        try anglesDir.map {
            try WorkloadAngles(file: "\($0)/angles_n\(qubits)_L\(layers).json", qubits: qubits, layers: layers)
        } ?? WorkloadAngles(qubits: qubits, layers: layers, seed: seed)
    }

    /// The peer records of `--reference`, if given.
    func peers() throws -> PeerRecords? { try reference.map(PeerRecords.init(path:)) }
}

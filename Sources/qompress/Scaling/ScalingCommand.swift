import ArgumentParser
import Foundation
import Qompress

/// `qompress scaling`: time and peak memory versus qubit count on both backends, and the
/// MPS's accuracy and cost versus χ. Each point runs in a child process of this executable
/// (`--point …`), so that its peak resident set (VmHWM) belongs to that point alone.
struct ScalingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling",
        abstract: "Measure time and peak memory versus qubits (both backends) and versus χ (MPS); write CSV.",
        discussion: """
            Writes scaling_qubits.csv and scaling_chi.csv into --output. Build with -c release. \
            Scripts/plot_scaling.gp renders them into Docs/figures (see Docs/Scaling.md). A series \
            stops growing once a point takes longer than --max-seconds.
            """)

    @Option(help: "Folder for the CSV files.")
    var output: String = "Docs/data"
    @Option(help: "Statevector qubit counts (comma-separated).")
    var svQubits = CommaSeparated([4, 8, 12, 14, 16, 18, 20, 22, 24])
    @Option(help: "MPS qubit counts (comma-separated).")
    var mpsQubits = CommaSeparated([4, 8, 16, 32, 64, 128, 256])
    @Option(help: "χ_max of the MPS in the qubit sweep (a positive integer or inf).")
    var chi: BondDimension = .limit(64)
    @Option(help: "Layers of the dressed circuit.")
    var layers: Int = 4
    @Option(help: "Depth (brick layers) of the random brickwork circuit.")
    var depth: Int = 8
    @Option(help: "Qubits of the χ sweep (at most 24: the exact fidelity needs the statevector).")
    var chiQubits: Int = 16
    @Option(help: "Brickwork depth and dressed layers of the χ sweep.")
    var chiDepth: Int = 12
    @Option(help: "χ values of the χ sweep (comma-separated).")
    var chis = CommaSeparated([1, 2, 4, 8, 16, 32, 64, 128, 256])
    @Option(help: "Timed runs per point (the median is reported).")
    var repeats: Int = 3
    @Option(help: "Stop a series after a point slower than this many seconds.")
    var maxSeconds: Double = 20
    @Option(help: "Seed of angles and random gates.")
    var seed: UInt64 = 11
    @Option(help: .hidden)
    var point: String?

    func validate() throws {
        let registry = BackendRegistry.standard
        let statevectorLimit = try registry.configuration(for: .statevector).capabilities.maxDenseQubits
        let mps = try registry.configuration(for: .mps(maxBondDimension: 64, cutoff: 0)).capabilities
        try svQubits.validate("--sv-qubits", in: 1...statevectorLimit)
        try mpsQubits.validate("--mps-qubits", in: 1...mps.maxQubits)
        try chis.validate("--chis", atLeast: 1)
        // The χ sweep's exact fidelity compares against the dense statevector of the MPS.
        let denseLimit = min(mps.maxDenseQubits, 24)   // 2^24 amplitudes: 256 MiB per dense copy
        guard (1...denseLimit).contains(chiQubits) else {
            throw ValidationError("--chi-qubits must lie in 1…\(denseLimit) (the exact fidelity needs the statevector), got \(chiQubits)")
        }
        guard layers >= 0, depth >= 0, chiDepth >= 0, repeats >= 1, maxSeconds > 0 else {
            throw ValidationError("--layers, --depth and --chi-depth must be ≥ 0, --repeats ≥ 1 and --max-seconds > 0")
        }
    }

    func run() throws {
        if let point {
            print(try ScalingPoint(specification: point).measure(repeats: repeats, seed: seed).jsonLine())
            return
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let sv = svQubits.values, mps = mpsQubits.values
        var rows: [[String: Any]] = []
        for workload in ScalingWorkload.allCases {
            let d = workload == .dressed ? layers : workload == .brickwork ? depth : 0
            rows += try series(sv.map { ScalingPoint(backend: .statevector, workload: workload, qubits: $0, depth: d) })
            rows += try series(mps.map {
                ScalingPoint(backend: .mps(maxBondDimension: chi.maxBondDimension, cutoff: MPSConfiguration.defaultCutoff),
                             workload: workload, qubits: $0, depth: d)
            })
        }
        try writeCSV(rows, to: "\(output)/scaling_qubits.csv")
        var chiRows: [[String: Any]] = []
        for workload in [ScalingWorkload.dressed, .brickwork] {
            chiRows += try series(chis.values.map {
                ScalingPoint(backend: .mps(maxBondDimension: $0, cutoff: MPSConfiguration.defaultCutoff),
                             workload: workload, qubits: chiQubits, depth: chiDepth, exactFidelity: true)
            })
        }
        try writeCSV(chiRows, to: "\(output)/scaling_chi.csv")
    }

    /// Measures the points in order, each in a child process, until one is slower than
    /// `maxSeconds` or fails.
    private func series(_ points: [ScalingPoint]) throws -> [[String: Any]] {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var rows: [[String: Any]] = []
        for point in points {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["scaling", "--point", point.specification, "--repeats", "\(repeats)", "--seed", "\(seed)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let row = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                FileHandle.standardError.write(Data("point \(point.specification) failed; series stopped\n".utf8))
                break
            }
            rows.append(row)
            let seconds = row["seconds"] as? Double ?? .infinity
            let memory = (row["peak_rss_bytes"] as? Double ?? 0) / 1_048_576
            let chi = point.backend.hasTruncationOptions ? " χ=\(point.backend.maxBondDimension.map(String.init) ?? "inf")" : ""
            print(String(format: "%-11@ %-9@ n=%-4d%@  %@  peak %.1f MiB%@", point.backend.name, point.workload.rawValue,
                         point.qubits, chi, Timing.format(seconds), memory,
                         (row["fidelity_estimate"] as? Double).map { String(format: "  F≈%.6f", $0) } ?? ""))
            if seconds > maxSeconds { break }
        }
        return rows
    }

    private func writeCSV(_ rows: [[String: Any]], to path: String) throws {
        let columns = ["workload", "backend", "qubits", "depth", "chi_max", "seconds", "runs", "peak_rss_bytes",
                       "baseline_rss_bytes", "state_bytes", "max_bond", "fidelity_estimate", "discarded_weight",
                       "exact_fidelity"]
        var text = columns.joined(separator: ",") + "\n"
        for row in rows {
            text += columns.map { key in row[key].map { "\($0)" } ?? "" }.joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        print("wrote \(path)")
    }
}

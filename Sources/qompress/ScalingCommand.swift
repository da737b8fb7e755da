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
        let mpsLimit = try registry.configuration(for: .mps(maxBondDimension: 64, cutoff: 0)).capabilities.maxQubits
        try svQubits.validate("--sv-qubits", in: 1...statevectorLimit)
        try mpsQubits.validate("--mps-qubits", in: 1...mpsLimit)
        try chis.validate("--chis", atLeast: 1)
        // The χ sweep's exact fidelity compares against the dense statevector of the MPS.
        let denseLimit = min(try registry.configuration(for: .mps(maxBondDimension: 64, cutoff: 0)).capabilities.maxDenseQubits, 24)
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

/// The three circuits of the study.
enum ScalingWorkload: String, CaseIterable {
    /// `Circuit.dressed` with seeded angles.
    case dressed
    /// Layers of random two-qubit unitaries on (0,1), (2,3), … then (1,2), (3,4), ….
    case brickwork
    /// H and a CNOT chain.
    case ghz

    /// The circuit and its parameter values on `n` qubits (`depth` = layers or brick layers).
    func circuit(qubits n: Int, depth: Int, seed: UInt64) throws -> (Circuit, ParameterValues) {
        switch self {
        case .dressed:
            return (try Circuit.dressed(qubitCount: n, layers: depth), WorkloadAngles(qubits: n, layers: depth, seed: seed).values)
        case .ghz:
            return (try Circuit.ghz(qubitCount: n), .none)
        case .brickwork:
            var generator = SeededGenerator(seed: seed)
            var circuit = try Circuit(qubitCount: n)
            for layer in 0..<depth {
                for q in stride(from: layer % 2, to: n - 1, by: 2) {
                    try circuit.append(.unitary2(try randomBrick(using: &generator)), on: q, q + 1)
                }
            }
            return (circuit, .none)
        }
    }

    /// (U3 ⊗ U3) · RXX(a) RYY(b) RZZ(c) · (U3 ⊗ U3) with uniform random angles: a generic
    /// two-qubit unitary in its canonical (KAK) form.
    private func randomBrick(using generator: inout SeededGenerator) throws -> UnitaryMatrix {
        func angle() -> Angle { .constant((generator.nextUnit() * 2 - 1) * .pi) }
        func local() throws -> SquareMatrix {
            let a = try Gate.u3(theta: angle(), phi: angle(), lambda: angle()).matrix()
            let b = try Gate.u3(theta: angle(), phi: angle(), lambda: angle()).matrix()
            return SquareMatrix.kron(a, b)
        }
        let core = try Gate.rxx(angle()).matrix() * Gate.ryy(angle()).matrix() * Gate.rzz(angle()).matrix()
        return try UnitaryMatrix(try local() * core * local())
    }
}

/// One measurement of the study, run in its own process.
struct ScalingPoint {
    var backend: BackendSpec
    var workload: ScalingWorkload
    var qubits: Int
    var depth: Int
    var exactFidelity = false

    /// The point as one command-line value: the spec as JSON, then `workload:qubits:depth:exact`.
    var specification: String {
        let spec = (try? JSONEncoder().encode(backend)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "\(workload.rawValue):\(qubits):\(depth):\(exactFidelity ? 1 : 0):\(spec)"
    }

    init(backend: BackendSpec, workload: ScalingWorkload, qubits: Int, depth: Int, exactFidelity: Bool = false) {
        self.backend = backend
        self.workload = workload
        self.qubits = qubits
        self.depth = depth
        self.exactFidelity = exactFidelity
    }

    init(specification: String) throws {
        let parts = specification.split(separator: ":", maxSplits: 4).map(String.init)
        guard parts.count == 5, let workload = ScalingWorkload(rawValue: parts[0]), let n = Int(parts[1]),
              let d = Int(parts[2]), let spec = try? JSONDecoder().decode(BackendSpec.self, from: Data(parts[4].utf8)) else {
            throw ValidationError("malformed --point \(specification)")
        }
        try BackendRegistry.standard.validate(spec)
        self.init(backend: spec, workload: workload, qubits: n, depth: d, exactFidelity: parts[3] == "1")
    }

    /// Builds the circuit, then times (register creation + run + all ⟨Z_i⟩) on the point's
    /// backend and reads the process's peak resident set.
    func measure(repeats: Int, seed: UInt64) throws -> ScalingResult {
        try measure(BackendRegistry.standard.configuration(for: backend, threads: 0), repeats: repeats, seed: seed)
    }

    private func measure<C: BackendConfiguration>(_ configuration: C, repeats: Int, seed: UInt64) throws -> ScalingResult {
        let (circuit, values) = try workload.circuit(qubits: qubits, depth: depth, seed: seed)
        var result = ScalingResult(point: self, baselineRSS: ProcessMemory.kibibytes("VmRSS") * 1024)
        try configuration.checkSupports(qubitCount: qubits)
        var last: C.Register?
        let (median, runs) = try Timing.median(repeats: repeats, budget: 10) {
            let state = try configuration.makeRegister(qubitCount: qubits)
            try state.run(circuit, parameters: values)
            _ = state.expectationsZ()
            last = state
        }
        result.peakRSS = ProcessMemory.kibibytes("VmHWM") * 1024
        result.seconds = median
        result.runs = runs
        guard let state = last else { return result }
        guard let mps = state as? MPSBackend else {
            result.stateBytes = configuration.estimatedRegisterBytes(qubitCount: qubits)
            return result
        }
        let report = mps.truncationReport
        result.maxBond = report.maxBondDimension
        result.fidelityEstimate = report.fidelityEstimate
        result.discardedWeight = report.totalDiscardedWeight
        if exactFidelity {
            let exact = try BackendRegistry.standard.register(for: .statevector, qubitCount: qubits)
            try exact.run(circuit, parameters: values)
            let a = try exact.statevector(), b = try state.statevector()
            var re = 0.0, im = 0.0, nb = 0.0
            for i in a.indices {
                let term = a[i].conjugate * b[i]
                re += term.real
                im += term.imaginary
                nb += b[i].lengthSquared
            }
            result.exactFidelity = (re * re + im * im) / nb
        }
        return result
    }
}

/// One row of the study's CSV.
struct ScalingResult {
    var point: ScalingPoint
    var baselineRSS: Double
    var seconds = 0.0
    var runs = 0
    var peakRSS = 0.0
    var stateBytes: Double?
    var maxBond: Int?
    var fidelityEstimate: Double?
    var discardedWeight: Double?
    var exactFidelity: Double?

    /// The row as one JSON object (what the child prints to its parent).
    func jsonLine() throws -> String {
        var row: [String: Any] = [
            "workload": point.workload.rawValue, "backend": point.backend.name, "qubits": point.qubits,
            "depth": point.depth, "seconds": seconds, "runs": runs, "peak_rss_bytes": peakRSS,
            "baseline_rss_bytes": baselineRSS,
        ]
        row["chi_max"] = point.backend.maxBondDimension
        row["state_bytes"] = stateBytes
        row["max_bond"] = maxBond
        row["fidelity_estimate"] = fidelityEstimate
        row["discarded_weight"] = discardedWeight
        row["exact_fidelity"] = exactFidelity
        let data = try JSONSerialization.data(withJSONObject: row, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Reads this process's memory counters from /proc/self/status (Linux).
enum ProcessMemory {
    /// The value of `field` (`VmRSS`, `VmHWM`, …) in KiB, or 0 where it is not available.
    static func kibibytes(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter { $0.isNumber }
            return Double(String(digits)) ?? 0
        }
        return 0
    }
}

import ArgumentParser

/// `--repeats`, `--budget` and `--json`: how every benchmark command times a point and prints it.
struct BenchOptions: ParsableArguments {
    @Option(help: "Timed runs per point, after warm-up (default: the command's own).")
    var repeats: Int?
    @Option(help: "Stop repeating a point after this many seconds, at least 3 runs (default: the command's own).")
    var budget: Double?
    @Flag(help: "Print one JSON line per point.")
    var json = false

    func validate() throws {
        if let repeats, repeats < 1 { throw ValidationError("--repeats must be ≥ 1, got \(repeats)") }
        if let budget, !(budget > 0) { throw ValidationError("--budget must be a positive number of seconds, got \(budget)") }
    }

    /// `--repeats`, or `standard` when it was not given.
    func repeats(_ standard: Int) -> Int { repeats ?? standard }
    /// `--budget`, or `standard` when it was not given.
    func budget(_ standard: Double) -> Double { budget ?? standard }
}

import Foundation
import Dispatch

/// Wall-clock timing helpers for the benchmark commands.
enum Timing {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median of `values`.
    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Times `body` after one warm-up call: `repeats` runs, or fewer when they exceed
    /// `budget` seconds (at least three). Returns the median and the count.
    static func median(repeats: Int, budget: Double, _ body: () throws -> Void) rethrows -> (median: Double, runs: Int) {
        try body()
        var times: [Double] = []
        var spent = 0.0
        while times.count < repeats, times.count < 3 || spent < budget {
            let t = try seconds(body)
            times.append(t)
            spent += t
        }
        return (median(times), times.count)
    }

    /// A human-readable duration.
    static func format(_ seconds: Double) -> String {
        if seconds >= 1 { return String(format: "%.2f s", seconds) }
        if seconds >= 1e-3 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.1f µs", seconds * 1e6)
    }
}

import ArgumentParser
import Foundation
import Qompress

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

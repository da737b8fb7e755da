import Foundation

/// The mean and sample standard deviation of a few values (results over seeds).
public struct SampleSummary: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The arithmetic mean (NaN for no values).
    public var mean: Double
    /// The sample standard deviation, with n − 1 in the denominator (0 for one value).
    public var standardDeviation: Double
    /// How many values.
    public var count: Int

    /// Summarises `values`.
    public init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        let m = mean
        standardDeviation = values.count < 2 ? 0
            : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    /// "mean ± sd" with three decimals.
    public var description: String { formatted(decimals: 3) }

    /// "mean ± sd" with the given number of decimals ("n/a" for a non-finite mean).
    public func formatted(decimals: Int) -> String {
        let format = "%.\(max(0, decimals))f"
        guard mean.isFinite else { return "n/a" }
        let m = String(format: format, mean)
        return count < 2 ? m : m + " ± " + String(format: format, standardDeviation)
    }
}

extension Sequence {
    /// The elements grouped by `key`, groups in the order their first element appears (for
    /// tables of results over seeds, one line per configuration).
    public func groupedInOrder<Key: Hashable>(by key: (Element) -> Key) -> [[Element]] {
        var index: [Key: Int] = [:]
        var groups: [[Element]] = []
        for element in self {
            let k = key(element)
            if let i = index[k] {
                groups[i].append(element)
            } else {
                index[k] = groups.count
                groups.append([element])
            }
        }
        return groups
    }
}

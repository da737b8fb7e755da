import QompressCore
/// Correlation coefficients between two equally long samples.
public enum Correlation {
    /// Pearson's r; 0 when either sample is constant.
    /// - Throws: `ACQUAError.dimensionMismatch` for samples of different lengths or fewer than two values.
    public static func pearson(_ x: [Double], _ y: [Double]) throws -> Double {
        try check(x, y)
        return CentredMoments(x, y).correlation ?? 0
    }

    /// Spearman's ρ: Pearson's r of the ranks, tied values sharing their mean rank.
    /// - Throws: as `pearson`.
    public static func spearman(_ x: [Double], _ y: [Double]) throws -> Double {
        try check(x, y)
        return try pearson(ranks(x), ranks(y))
    }

    /// 1-based ranks with ties given the mean of the ranks they span.
    public static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let mean = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = mean }
            start = end + 1
        }
        return ranks
    }

    private static func check(_ x: [Double], _ y: [Double]) throws {
        guard x.count == y.count, x.count >= 2 else {
            throw ACQUAError.dimensionMismatch("correlation needs two samples of equal length ≥ 2, got \(x.count) and \(y.count)")
        }
    }
}

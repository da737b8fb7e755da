/// The centred second moments of two equally long samples — what Pearson's r and its gradient
/// are made of. Computed once here for every correlation in the package (the ACQUA metrics and
/// the distance-correlation loss).
public struct CentredMoments: Hashable, Sendable {
    /// The sample means.
    public let meanX: Double, meanY: Double
    /// Σ (x − x̄)², Σ (y − ȳ)², Σ (x − x̄)(y − ȳ).
    public let sxx: Double, syy: Double, sxy: Double

    /// The moments of `x` and `y`, which the caller has checked to be equally long and non-empty.
    public init(_ x: [Double], _ y: [Double]) {
        precondition(x.count == y.count && !x.isEmpty, "CentredMoments needs two equally long, non-empty samples")
        let n = Double(x.count)
        meanX = x.reduce(0, +) / n
        meanY = y.reduce(0, +) / n
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in x.indices {
            let dx = x[i] - meanX, dy = y[i] - meanY
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        self.sxx = sxx
        self.syy = syy
        self.sxy = sxy
    }

    /// Pearson's r, or `nil` when either sample is constant.
    public var correlation: Double? {
        let denominator = (sxx * syy).squareRoot()
        return denominator > 0 ? sxy / denominator : nil
    }
}

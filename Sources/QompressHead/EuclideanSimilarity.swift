/// Negative squared Euclidean distance −‖a − b‖², so that larger means closer (PCA with
/// Euclidean distance, a stronger baseline than PCA with cosine when the projection keeps the
/// norms that carry meaning).
public struct EuclideanSimilarity: PairSimilarity {
    /// Creates the similarity.
    public init() {}

    public func value(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0
        for i in 0..<a.count { let d = a[i] - b[i]; s += d * d }
        return -s
    }

    public func accumulateGradient(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>, scale g: Double,
                                   gradientA: UnsafeMutableBufferPointer<Double>, gradientB: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<a.count {
            let d = -2 * g * (a[i] - b[i])
            gradientA[i] += d
            gradientB[i] -= d
        }
    }
}

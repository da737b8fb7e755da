/// The dot product of the small Swift factorisations (`SmallHouseholderQR`,
/// `SmallSymmetricEigensolver`): four partial sums, so the loop is not one chain of dependent
/// additions, combined as (s0 + s1) + (s2 + s3).
enum UnrolledDot {
    /// `Σ a[i]·b[i]` over `count` elements.
    @inline(__always)
    static func sum(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 0
        while i + 4 <= count {
            s0 += a[i] * b[i]
            s1 += a[i + 1] * b[i + 1]
            s2 += a[i + 2] * b[i + 2]
            s3 += a[i + 3] * b[i + 3]
            i += 4
        }
        while i < count {
            s0 += a[i] * b[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}

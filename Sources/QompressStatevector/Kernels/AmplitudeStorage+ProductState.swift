import QompressCore

/// Writing a product state ⊗_q factors[q] into the buffer, in either form.
extension AmplitudeStorage {
    /// Product states of at most this many qubits are written by doubling in place (no
    /// tables, one thread); larger ones from a table over these low qubits and one over the
    /// rest, in parallel.
    static let inPlaceProductQubits = 12

    /// Fills the buffer in real form with ⊗_q factors[q] (all real).
    func writeRealProduct(_ factors: [Matrix2.Column], threads: Int) {
        let n = factors.count
        let p = buffer
        if n <= AmplitudeStorage.inPlaceProductQubits {
            AmplitudeStorage.fillRealProduct(factors[...], into: p)
            return
        }
        // amplitude(h·2^k + l) = H[h]·L[l], rows in parallel.
        let k = AmplitudeStorage.inPlaceProductQubits
        let low = AmplitudeStorage.realProductTable(factors[0..<k])
        let high = AmplitudeStorage.realProductTable(factors[k..<n])
        let lowCount = low.count
        ParallelLoop.forEach(tasks: high.count, threads: threads) { h in
            let scale = high[h]
            let row = p + h * lowCount
            for l in 0..<lowCount { row[l] = scale * low[l] }
        }
    }

    /// Fills the buffer with ⊗_q factors[q], interleaved.
    func writeComplexProduct(_ factors: [Matrix2.Column], threads: Int) {
        let n = factors.count
        let p = buffer
        if n <= AmplitudeStorage.inPlaceProductQubits {
            AmplitudeStorage.fillProduct(factors[...], into: p)
            return
        }
        // amplitude(h·2^k + l) = H[h]·L[l], rows in parallel.
        let k = AmplitudeStorage.inPlaceProductQubits
        let low = AmplitudeStorage.productTable(factors[0..<k])
        let high = AmplitudeStorage.productTable(factors[k..<n])
        let lowCount = low.count / 2
        ParallelLoop.forEach(tasks: high.count / 2, threads: threads) { h in
            let hr = high[2 * h], hi = high[2 * h + 1]
            let row = p + 2 * (h * lowCount)
            for l in 0..<lowCount {
                let lr = low[2 * l], li = low[2 * l + 1]
                row[2 * l] = hr * lr - hi * li
                row[2 * l + 1] = hr * li + hi * lr
            }
        }
    }

    /// Writes the 2^count real amplitudes of a product of real one-qubit states (first factor =
    /// bit 0) to `p` by doubling in place: after factor q the first 2^(q+1) entries hold the
    /// product so far.
    private static func fillRealProduct(_ factors: ArraySlice<Matrix2.Column>, into p: UnsafeMutablePointer<Double>) {
        p[0] = 1
        for (q, f) in factors.enumerated() {
            let half = 1 << q
            for i in 0..<half {
                let v = p[i]
                p[i + half] = v * f.br
                p[i] = v * f.ar
            }
        }
    }

    /// `fillRealProduct` for complex factors, interleaved.
    private static func fillProduct(_ factors: ArraySlice<Matrix2.Column>, into p: UnsafeMutablePointer<Double>) {
        p[0] = 1
        p[1] = 0
        for (q, f) in factors.enumerated() {
            let half = 1 << q
            for k in 0..<half {
                let r = p[2 * k], i = p[2 * k + 1]
                p[2 * (k + half)] = r * f.br - i * f.bi
                p[2 * (k + half) + 1] = r * f.bi + i * f.br
                p[2 * k] = r * f.ar - i * f.ai
                p[2 * k + 1] = r * f.ai + i * f.ar
            }
        }
    }

    /// The real amplitudes of a product of real one-qubit states, as an array.
    private static func realProductTable(_ factors: ArraySlice<Matrix2.Column>) -> [Double] {
        [Double](unsafeUninitializedCapacity: 1 << factors.count) { buffer, count in
            fillRealProduct(factors, into: buffer.baseAddress!)
            count = buffer.count
        }
    }

    /// The interleaved amplitudes of a product of one-qubit states, as an array.
    private static func productTable(_ factors: ArraySlice<Matrix2.Column>) -> [Double] {
        [Double](unsafeUninitializedCapacity: 2 << factors.count) { buffer, count in
            fillProduct(factors, into: buffer.baseAddress!)
            count = buffer.count
        }
    }
}

import Numerics
import QompressCore

/// Read-outs that do not depend on an observable: ⟨Z_q⟩ of every qubit, the norm, amplitudes,
/// probabilities and samples. Each is written once over an `AmplitudeLayout` and called for the
/// layout of the register's form.
extension StatevectorBackend {
    /// Tasks a reduction is split into: fixed for a given state size (never by thread
    /// count), so that sums are bit-identical on any number of threads; one for small states.
    var reductionTasks: Int { amplitudeCount >= 1 << 14 ? 64 : 1 }

    public func expectationsZ() -> [Double] {
        settle()
        return storage.isReal ? expectationsZ(RealLayout.self) : expectationsZ(ComplexLayout.self)
    }

    /// `expectationsZ()` for a register written out in `Layout`.
    private func expectationsZ<Layout: AmplitudeLayout>(_: Layout.Type) -> [Double] {
        let n = qubitCount
        let blockBits = min(n, 10)
        let blockCount = amplitudeCount >> blockBits
        let tasks = min(blockCount, reductionTasks)
        // Per task: sums of p over bit q = 1 for the low qubits; per block: total p.
        var lowSums = [Double](repeating: 0, count: tasks * blockBits)
        var blockTotals = [Double](repeating: 0, count: blockCount)
        let p = storage.buffer, w = Layout.doublesPerAmplitude
        lowSums.withUnsafeMutableBufferPointer { lowSums in
            blockTotals.withUnsafeMutableBufferPointer { totals in
                ParallelLoop.forEach(tasks: tasks, threads: threads) { t in
                    var fold = [Double](repeating: 0, count: 1 << blockBits)
                    let first = blockCount * t / tasks, last = blockCount * (t + 1) / tasks
                    for b in first..<last {
                        let base = p + w * (b << blockBits)
                        for k in 0..<(1 << blockBits) { fold[k] = Layout.probability(base, k) }
                        var size = 1 << blockBits
                        for q in 0..<blockBits {
                            var odd = 0.0
                            for j in 0..<(size / 2) {
                                odd += fold[2 * j + 1]
                                fold[j] = fold[2 * j] + fold[2 * j + 1]
                            }
                            lowSums[t * blockBits + q] += odd
                            size /= 2
                        }
                        totals[b] = fold[0]
                    }
                }
            }
        }
        var ones = [Double](repeating: 0, count: n)
        for t in 0..<tasks { for q in 0..<blockBits { ones[q] += lowSums[t * blockBits + q] } }
        // Fold the block totals for the high qubits.
        var size = blockCount
        var fold = blockTotals
        for q in blockBits..<n {
            var odd = 0.0
            for j in 0..<(size / 2) {
                odd += fold[2 * j + 1]
                fold[j] = fold[2 * j] + fold[2 * j + 1]
            }
            ones[q] = odd
            size /= 2
        }
        let total = blockTotals.reduce(0, +)
        return ones.map { total - 2 * $0 }
    }

    public func norm() -> Double {
        settle()
        // The sum of squares of every stored double, whichever the form.
        let tasks = reductionTasks
        let p = storage.buffer, doubles = amplitudeCount * storage.doublesPerAmplitude
        return ParallelLoop.reduce(tasks: tasks, threads: threads, initial: 0.0, { t in
            var s = 0.0
            for k in (doubles * t / tasks)..<(doubles * (t + 1) / tasks) { s += p[k] * p[k] }
            return s
        }, +).squareRoot()
    }

    public func amplitude(of basisState: Bitstring) throws -> Complex<Double> {
        guard basisState.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: basisState.count)
        }
        settle()
        let i = try basisState.index()
        let (re, im) = storage.isReal ? RealLayout.amplitude(storage.buffer, i) : ComplexLayout.amplitude(storage.buffer, i)
        return Complex(re, im)
    }

    public func probabilities() throws -> [Double] {
        settle()
        return storage.isReal ? probabilities(RealLayout.self) : probabilities(ComplexLayout.self)
    }

    /// `probabilities()` for a register written out in `Layout`.
    private func probabilities<Layout: AmplitudeLayout>(_: Layout.Type) -> [Double] {
        let p = storage.buffer
        return (0..<amplitudeCount).map { Layout.probability(p, $0) }
    }

    public func statevector() throws -> [Complex<Double>] {
        settle()
        return storage.isReal ? statevector(RealLayout.self) : statevector(ComplexLayout.self)
    }

    /// `statevector()` for a register written out in `Layout`.
    private func statevector<Layout: AmplitudeLayout>(_: Layout.Type) -> [Complex<Double>] {
        let p = storage.buffer
        return (0..<amplitudeCount).map {
            let (re, im) = Layout.amplitude(p, $0)
            return Complex(re, im)
        }
    }

    public func sample<G: RandomNumberGenerator>(shots: Int, using generator: inout G) throws -> [Bitstring] {
        guard shots >= 0 else { throw SimulationError.invalidArgument("shots must be non-negative, got \(shots)") }
        if shots == 0 { return [] }
        var cumulative = try probabilities()
        for k in 1..<cumulative.count { cumulative[k] += cumulative[k - 1] }
        let total = cumulative[cumulative.count - 1]
        guard total > 0, total.isFinite else { throw SimulationError.zeroNorm }
        var result: [Bitstring] = []
        result.reserveCapacity(shots)
        for _ in 0..<shots {
            let u = Double.random(in: 0..<1, using: &generator) * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            result.append(Bitstring(index: lo, qubitCount: qubitCount))
        }
        return result
    }
}

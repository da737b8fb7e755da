import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// What the fast path keeps from `forward` for `backward`: the input, the encoded amplitudes
/// and their derivatives, and every stage's outputs, row-major.
struct FastPathCache {
    let rows: Int
    var encoded: [Double]       // rows × 2d
    var derivatives: [Double]   // rows × 2d
    var stages: [Double]        // rows × stageCount × 2k
}

extension QuantumInspiredHead {
    /// Maps a batch to the head's outputs without keeping anything for `backward`
    /// (the inference path).
    /// - Throws: `HeadError.dimensionMismatch` for the wrong number of columns.
    public func encode(_ input: Matrix) throws -> Matrix {
        try checkWidth(input)
        return run(input, keeping: false).output
    }

    public func forward(_ input: Matrix) throws -> Matrix {
        try checkWidth(input)
        let (output, cache) = run(input, keeping: true)
        self.cache = cache
        return output
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        guard let cache else { throw TrainingError.backwardBeforeForward }
        guard outputGradient.rows == cache.rows, outputGradient.columns == outputSize else {
            throw TrainingError.dimensionMismatch(
                "gradient is \(outputGradient.rows)×\(outputGradient.columns), expected \(cache.rows)×\(outputSize)")
        }
        let d = plan.inputDimension, k = plan.outputDimension, stageCount = plan.stageCount
        let coefficients = blocks.map(\.coefficients)
        let workers = max(1, min(ParallelLoop.resolve(threads: threads), cache.rows))
        var perWorker = [[BlockCoefficients]](repeating: [BlockCoefficients](repeating: .zero, count: coefficients.count),
                                              count: workers)
        var inputGradient = Matrix(zeros: cache.rows, d)
        let firstControl = plan.firstControlBlock
        let targets = (0..<stageCount).map(plan.targetBlock(ofStage:))
        perWorker.withUnsafeMutableBufferPointer { accumulators in
            nonisolated(unsafe) let accumulators = accumulators
            cache.encoded.withUnsafeBufferPointer { enc in
            cache.derivatives.withUnsafeBufferPointer { der in
            cache.stages.withUnsafeBufferPointer { stages in
            outputGradient.elements.withUnsafeBufferPointer { gOut in
            inputGradient.elements.withUnsafeMutableBufferPointer { gIn in
                nonisolated(unsafe) let gIn = gIn
                ParallelLoop.forEachRange(tasks: cache.rows, threads: workers) { w, range in
                    var gEnc = [Double](repeating: 0, count: 2 * d)
                    var gCur = [Double](repeating: 0, count: 2 * k)
                    for r in range {
                        for i in 0..<(2 * d) { gEnc[i] = 0 }
                        for i in 0..<(2 * k) { gCur[i] = gOut[r * 2 * k + i] }
                        let e = enc.baseAddress! + r * 2 * d
                        let st = stages.baseAddress! + r * stageCount * 2 * k
                        for s in stride(from: stageCount - 1, through: 0, by: -1) {
                            let tb = targets[s]
                            for j in 0..<k {
                                let c = coefficients[s * k + j]
                                let ai = 2 * (tb * k + j)
                                let a0 = e[ai], a1 = e[ai + 1]
                                let b0: Double, b1: Double
                                if s > 0 { b0 = st[(s - 1) * 2 * k + 2 * j]; b1 = st[(s - 1) * 2 * k + 2 * j + 1] }
                                else { b0 = e[2 * (firstControl * k + j)]; b1 = e[2 * (firstControl * k + j) + 1] }
                                let o0 = max(st[s * 2 * k + 2 * j], 1e-15), o1 = max(st[s * 2 * k + 2 * j + 1], 1e-15)
                                let gP = gCur[2 * j] / (2 * o0) - gCur[2 * j + 1] / (2 * o1)
                                let pb = c.control(b0, b1), qa = c.target(a0, a1), qw = c.composite(a0, a1)
                                let gpb = gP * (qa - qw), gqa = gP * pb, gqw = gP * (1 - pb)
                                accumulators[w][s * k + j].control.accumulate(gpb, b0, b1)
                                accumulators[w][s * k + j].target.accumulate(gqa, a0, a1)
                                accumulators[w][s * k + j].composite.accumulate(gqw, a0, a1)
                                let ga = c.target.gradient(a0, a1), gw = c.composite.gradient(a0, a1)
                                gEnc[ai] += gqa * ga.0 + gqw * gw.0
                                gEnc[ai + 1] += gqa * ga.1 + gqw * gw.1
                                let gb = c.control.gradient(b0, b1)
                                if s > 0 {
                                    gCur[2 * j] = gpb * gb.0
                                    gCur[2 * j + 1] = gpb * gb.1
                                } else {
                                    gEnc[2 * (firstControl * k + j)] += gpb * gb.0
                                    gEnc[2 * (firstControl * k + j) + 1] += gpb * gb.1
                                }
                            }
                        }
                        let dv = der.baseAddress! + r * 2 * d
                        for i in 0..<d { gIn[r * d + i] = gEnc[2 * i] * dv[2 * i] + gEnc[2 * i + 1] * dv[2 * i + 1] }
                    }
                }
            }}}}}
        }
        // Reduce in worker order, then map the forms' gradients to the raw parameters.
        var total = perWorker[0]
        for w in 1..<workers { for i in 0..<total.count { total[i] += perWorker[w][i] } }
        for s in 0..<stageCount {
            let m = plan.modules(ofStage: s)
            for j in 0..<k {
                let b = block(stage: s, position: j)
                let cot = b.gateCotangents(total[s * k + j])
                for (module, gate, cotangent) in [(m.target, b.target, cot.target), (m.control, b.control, cot.control),
                                                  (m.controlled, b.controlled, cot.controlled)] {
                    let g = gate.rawGradient(cotangent), o = 4 * (module * k + j)
                    for i in 0..<4 { weights.gradient[o + i] += g[i] }
                }
            }
        }
        return inputGradient
    }

    private func checkWidth(_ input: Matrix) throws {
        guard input.columns == plan.inputDimension else {
            throw HeadError.dimensionMismatch("the head takes \(plan.inputDimension) features, got \(input.columns)")
        }
    }

    /// The batched forward kernel.
    private func run(_ input: Matrix, keeping: Bool) -> (output: Matrix, cache: FastPathCache?) {
        let rows = input.rows, d = plan.inputDimension, k = plan.outputDimension, stageCount = plan.stageCount
        let coefficients = blocks.map(\.coefficients)
        var output = Matrix(zeros: rows, 2 * k)
        // Reuse the previous call's buffers when the batch size is unchanged (every entry is overwritten).
        var reusable = keeping && self.cache?.rows == rows ? self.cache : nil
        if keeping { self.cache = nil }
        var encodedStore = reusable?.encoded ?? [Double](repeating: 0, count: keeping ? rows * 2 * d : 0)
        var derivativeStore = reusable?.derivatives ?? [Double](repeating: 0, count: keeping ? rows * 2 * d : 0)
        var stageStore = reusable?.stages ?? [Double](repeating: 0, count: keeping ? rows * stageCount * 2 * k : 0)
        reusable = nil
        let firstControl = plan.firstControlBlock
        let targets = (0..<stageCount).map(plan.targetBlock(ofStage:))
        let workers = max(1, min(ParallelLoop.resolve(threads: threads), rows))
        var scratch = keeping ? [] : [Double](repeating: 0, count: workers * (4 * d + 2 * k * stageCount))
        // The forms field-major (structure of arrays), so four positions load as SIMD4 vectors.
        let n = stageCount * k
        var fields = [Double](repeating: 0, count: 9 * n)
        for (i, c) in coefficients.enumerated() {
            for (f, v) in [c.control.q00, c.control.q01, c.control.q11, c.target.q00, c.target.q01, c.target.q11,
                           c.composite.q00, c.composite.q01, c.composite.q11].enumerated() { fields[f * n + i] = v }
        }
        func kernel(_ x: UnsafePointer<Double>, _ e: UnsafeMutablePointer<Double>, _ dv: UnsafeMutablePointer<Double>,
                    _ st: UnsafeMutablePointer<Double>, _ out: UnsafeMutablePointer<Double>) {
            QubitEncoding.encode(x, count: d, amplitudes: e, derivatives: keeping ? dv : nil)
            for s in 0..<stageCount {
                let tb = targets[s]
                let dst = s == stageCount - 1 ? out : st + s * 2 * k
                let bBase: UnsafePointer<Double> = s > 0 ? UnsafePointer(st + (s - 1) * 2 * k) : UnsafePointer(e + 2 * firstControl * k)
                let aBase = UnsafePointer(e + 2 * tb * k)
                fields.withUnsafeBufferPointer { fs in
                    let f = fs.baseAddress!
                    var j = 0
                    while j + 4 <= k {
                        let i = s * k + j
                        @inline(__always) func field(_ index: Int) -> SIMD4<Double> {
                            let p = f + index * n + i
                            return SIMD4(p[0], p[1], p[2], p[3])
                        }
                        let a0 = SIMD4(aBase[2 * j], aBase[2 * j + 2], aBase[2 * j + 4], aBase[2 * j + 6])
                        let a1 = SIMD4(aBase[2 * j + 1], aBase[2 * j + 3], aBase[2 * j + 5], aBase[2 * j + 7])
                        let b0 = SIMD4(bBase[2 * j], bBase[2 * j + 2], bBase[2 * j + 4], bBase[2 * j + 6])
                        let b1 = SIMD4(bBase[2 * j + 1], bBase[2 * j + 3], bBase[2 * j + 5], bBase[2 * j + 7])
                        let pb = field(0) * b0 * b0 + 2 * field(1) * b0 * b1 + field(2) * b1 * b1
                        let qa = field(3) * a0 * a0 + 2 * field(4) * a0 * a1 + field(5) * a1 * a1
                        let qw = field(6) * a0 * a0 + 2 * field(7) * a0 * a1 + field(8) * a1 * a1
                        let p0 = (pb * qa + (1 - pb) * qw).clamped(lowerBound: .zero, upperBound: .one)
                        let r0 = p0.squareRoot(), r1 = (1 - p0).squareRoot()
                        for l in 0..<4 {
                            dst[2 * (j + l)] = r0[l]
                            dst[2 * (j + l) + 1] = r1[l]
                        }
                        j += 4
                    }
                    while j < k {
                        let i = s * k + j
                        let a0 = aBase[2 * j], a1 = aBase[2 * j + 1], b0 = bBase[2 * j], b1 = bBase[2 * j + 1]
                        let pb = f[i] * b0 * b0 + 2 * f[n + i] * b0 * b1 + f[2 * n + i] * b1 * b1
                        let qa = f[3 * n + i] * a0 * a0 + 2 * f[4 * n + i] * a0 * a1 + f[5 * n + i] * a1 * a1
                        let qw = f[6 * n + i] * a0 * a0 + 2 * f[7 * n + i] * a0 * a1 + f[8 * n + i] * a1 * a1
                        let p0 = min(max(pb * qa + (1 - pb) * qw, 0), 1)
                        dst[2 * j] = p0.squareRoot()
                        dst[2 * j + 1] = (1 - p0).squareRoot()
                        j += 1
                    }
                }
            }
            if keeping { (st + (stageCount - 1) * 2 * k).update(from: out, count: 2 * k) }
        }
        input.elements.withUnsafeBufferPointer { xs in
        output.elements.withUnsafeMutableBufferPointer { outs in
        scratch.withUnsafeMutableBufferPointer { scratchBuffer in
            nonisolated(unsafe) let outs = outs, scratchBuffer = scratchBuffer
            if keeping {
                encodedStore.withUnsafeMutableBufferPointer { enc in
                derivativeStore.withUnsafeMutableBufferPointer { der in
                stageStore.withUnsafeMutableBufferPointer { stages in
                    nonisolated(unsafe) let enc = enc, der = der, stages = stages
                    ParallelLoop.forEachRange(tasks: rows, threads: workers) { _, range in
                        for r in range {
                            kernel(xs.baseAddress! + r * d, enc.baseAddress! + r * 2 * d, der.baseAddress! + r * 2 * d,
                                   stages.baseAddress! + r * stageCount * 2 * k, outs.baseAddress! + r * 2 * k)
                        }
                    }
                }}}
            } else {
                ParallelLoop.forEachRange(tasks: rows, threads: workers) { w, range in
                    let base = scratchBuffer.baseAddress! + w * (4 * d + 2 * k * stageCount)
                    for r in range {
                        kernel(xs.baseAddress! + r * d, base, base + 2 * d, base + 4 * d, outs.baseAddress! + r * 2 * k)
                    }
                }
            }
        }}}
        let cache = keeping ? FastPathCache(rows: rows, encoded: encodedStore, derivatives: derivativeStore,
                                            stages: stageStore) : nil
        return (output, cache)
    }
}

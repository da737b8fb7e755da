import Foundation
import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// What `forward` keeps for `backward`: the input and the packed coefficients of the weights
/// it ran with. The backward kernel recomputes each row's encoding and blocks in registers,
/// which costs less than storing and reloading them.
struct FastPathCache {
    let input: Matrix
    let coefficients: PackedCoefficients
}

/// The blocks' forms packed for `HeadKernel` (float64) or `FloatHeadKernel` (float32).
enum PackedCoefficients {
    case float64([Double])
    case float32([Float])

    /// The precision of the kernel these coefficients are packed for.
    var precision: HeadPrecision {
        switch self {
        case .float64: .float64
        case .float32: .float32
        }
    }
}

/// The packed coefficients of the inference path and the weights they were computed from, so
/// that encoding batch after batch with unchanged weights computes the gates once.
struct InferenceCoefficients {
    let weights: [Double]
    let coefficients: PackedCoefficients
}

extension QuantumInspiredHead {
    /// Maps a batch to the head's outputs without keeping anything for `backward`
    /// (the inference path).
    /// - Throws: `HeadError.dimensionMismatch` for the wrong number of columns.
    public func encode(_ input: Matrix) throws -> Matrix {
        var output = Matrix(zeros: 0, outputSize)
        try encode(input, into: &output)
        return output
    }

    /// Maps a batch to the head's outputs, writing them into `output` (replaced by a new
    /// `rows × 2k` matrix when its shape differs), without keeping anything for `backward`.
    /// Reusing one output matrix across calls avoids allocating and faulting in fresh memory.
    /// - Throws: `HeadError.dimensionMismatch` for the wrong number of columns.
    public func encode(_ input: Matrix, into output: inout Matrix) throws {
        try checkWidth(input)
        let coefficients: PackedCoefficients
        if let stored = inferenceCoefficients, stored.coefficients.precision == precision, stored.weights == weights.values {
            coefficients = stored.coefficients
        } else {
            coefficients = packedCoefficients()
            inferenceCoefficients = InferenceCoefficients(weights: weights.values, coefficients: coefficients)
        }
        run(input, coefficients: coefficients, into: &output)
    }

    public func forward(_ input: Matrix) throws -> Matrix {
        var output = Matrix(zeros: 0, outputSize)
        try forward(input, into: &output)
        return output
    }

    /// `forward` writing into `output` (replaced by a new `rows × 2k` matrix when its shape
    /// differs); remembers the input for `backward` or `accumulateParameterGradients`.
    /// - Throws: `HeadError.dimensionMismatch` for the wrong number of columns.
    public func forward(_ input: Matrix, into output: inout Matrix) throws {
        try checkWidth(input)
        // Training changes the weights every step: compute the gates afresh (as the peer does).
        let coefficients = packedCoefficients()
        run(input, coefficients: coefficients, into: &output)
        cache = FastPathCache(input: input, coefficients: coefficients)
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        let rows = try checkGradient(outputGradient)
        var inputGradient = Matrix(zeros: rows, plan.inputDimension)
        guard rows > 0 else { return inputGradient }
        inputGradient.elements.withUnsafeMutableBufferPointer { gIn in
            back(outputGradient, inputGradient: gIn.baseAddress!)
        }
        return inputGradient
    }

    /// Back-propagates `outputGradient` through the last `forward` call into the parameters'
    /// gradients only (what a head that is the first layer needs; `backward` also returns the
    /// gradient with respect to the input, which costs a little more).
    /// - Throws: `TrainingError.backwardBeforeForward` without a preceding `forward`, and
    ///   `TrainingError.dimensionMismatch` for a gradient of the wrong shape.
    public func accumulateParameterGradients(_ outputGradient: Matrix) throws {
        _ = try checkGradient(outputGradient)
        back(outputGradient, inputGradient: nil)
    }

    private func checkWidth(_ input: Matrix) throws {
        guard input.columns == plan.inputDimension else {
            throw HeadError.dimensionMismatch("the head takes \(plan.inputDimension) features, got \(input.columns)")
        }
    }

    private func checkGradient(_ outputGradient: Matrix) throws -> Int {
        try checkGradient(outputGradient, rows: cache?.input.rows)
        return outputGradient.rows
    }

    /// The blocks' forms packed for the kernel of the head's `precision`.
    private func packedCoefficients() -> PackedCoefficients {
        let stages = plan.stageCount, k = plan.outputDimension
        switch precision {
        case .float64:
            return .float64([Double](unsafeUninitializedCapacity: HeadKernel.packedCount(stages: stages, k: k)) { buffer, count in
                HeadKernel.pack(blocks.map(\.coefficients), stages: stages, k: k, into: buffer.baseAddress!)
                count = buffer.count
            })
        case .float32:
            return .float32([Float](unsafeUninitializedCapacity: FloatHeadKernel.packedCount(stages: stages, k: k)) { buffer, count in
                FloatHeadKernel.pack(blocks.map(\.coefficients), stages: stages, k: k, into: buffer.baseAddress!)
                count = buffer.count
            })
        }
    }

    /// The batched forward kernel of the coefficients' precision.
    private func run(_ input: Matrix, coefficients: PackedCoefficients, into output: inout Matrix) {
        let rows = input.rows, width = outputSize
        if output.rows != rows || output.columns != width { output = Matrix(zeros: rows, width) }
        switch coefficients {
        case .float64(let packed): run(input, coefficients: packed, into: &output)
        case .float32(let packed): run(input, coefficients: packed, into: &output)
        }
    }

    /// The batched float64 forward kernel.
    private func run(_ input: Matrix, coefficients packed: [Double], into output: inout Matrix) {
        let rows = input.rows, d = plan.inputDimension, width = outputSize
        let workers = max(1, min(ParallelLoop.resolve(threads: threads), rows))
        input.elements.withUnsafeBufferPointer { xs in
        output.elements.withUnsafeMutableBufferPointer { outs in
        packed.withUnsafeBufferPointer { coefficients in
            nonisolated(unsafe) let outs = outs
            let kernel = HeadKernel(k: plan.outputDimension, ratio: plan.ratio, coefficients: coefficients.baseAddress!)
            ParallelLoop.forEachRange(tasks: rows, threads: workers) { _, range in
                for r in range { kernel.forward(row: xs.baseAddress! + r * d, output: outs.baseAddress! + r * width) }
            }
        }}}
    }

    /// The batched float32 forward kernel.
    private func run(_ input: Matrix, coefficients packed: [Float], into output: inout Matrix) {
        let rows = input.rows, d = plan.inputDimension, width = outputSize
        let workers = max(1, min(ParallelLoop.resolve(threads: threads), rows))
        input.elements.withUnsafeBufferPointer { xs in
        output.elements.withUnsafeMutableBufferPointer { outs in
        packed.withUnsafeBufferPointer { coefficients in
            nonisolated(unsafe) let outs = outs
            let kernel = FloatHeadKernel(k: plan.outputDimension, ratio: plan.ratio, coefficients: coefficients.baseAddress!)
            ParallelLoop.forEachRange(tasks: rows, threads: workers) { _, range in
                for r in range { kernel.forward(row: xs.baseAddress! + r * d, output: outs.baseAddress! + r * width) }
            }
        }}}
    }

    /// Rows are cut into chunks that depend on the batch size only, each with its own
    /// accumulator, reduced in chunk order: the gradient is bit-identical on any thread count.
    private func backwardChunks(rows: Int) -> Int { max(1, min((rows + 31) / 32, 64)) }

    /// The batched backward kernel of the last `forward`'s precision; writes ∂L/∂x when
    /// `inputGradient` is given.
    private func back(_ outputGradient: Matrix, inputGradient: UnsafeMutablePointer<Double>?) {
        guard let cache else { return }
        switch cache.coefficients {
        case .float64(let packed): back(outputGradient, input: cache.input, coefficients: packed, inputGradient: inputGradient)
        case .float32(let packed): back(outputGradient, input: cache.input, coefficients: packed, inputGradient: inputGradient)
        }
    }

    /// The batched float32 backward kernel: per-chunk sums in floats, reduced into doubles in
    /// chunk order.
    private func back(_ outputGradient: Matrix, input: Matrix, coefficients packed: [Float],
                      inputGradient: UnsafeMutablePointer<Double>?) {
        let rows = input.rows, d = plan.inputDimension, k = plan.outputDimension, stages = plan.stageCount
        let width = outputSize
        let count = FloatHeadKernel.packedCount(stages: stages, k: k)
        let chunks = backwardChunks(rows: rows)
        var accumulators = [Float](repeating: 0, count: chunks * count)
        nonisolated(unsafe) let inputGradient = inputGradient
        input.elements.withUnsafeBufferPointer { xs in
        outputGradient.elements.withUnsafeBufferPointer { gOut in
        packed.withUnsafeBufferPointer { coefficients in
        accumulators.withUnsafeMutableBufferPointer { acc in
            nonisolated(unsafe) let acc = acc
            let kernel = FloatHeadKernel(k: k, ratio: plan.ratio, coefficients: coefficients.baseAddress!)
            ParallelLoop.forEach(tasks: chunks, threads: min(ParallelLoop.resolve(threads: threads), chunks)) { c in
                let scratch = UnsafeMutablePointer<FloatEncodingLanes.Lanes>.allocate(capacity: FloatHeadKernel.scratchCount(stages: stages))
                defer { scratch.deallocate() }
                for r in (rows * c / chunks)..<(rows * (c + 1) / chunks) {
                    kernel.backward(row: xs.baseAddress! + r * d, outputGradient: gOut.baseAddress! + r * width,
                                    accumulators: acc.baseAddress! + c * count, inputGradient: inputGradient.map { $0 + r * d },
                                    scratch: scratch)
                }
            }
        }}}}
        var sums = [Double](repeating: 0, count: count)
        for c in 0..<chunks {
            for i in 0..<count { sums[i] += Double(accumulators[c * count + i]) }
        }
        sums.withUnsafeBufferPointer { acc in
            addGateGradients { s, j in FloatHeadKernel.unpackGradient(acc.baseAddress!, stage: s, position: j, k: k) }
        }
    }

    /// The batched float64 backward kernel.
    private func back(_ outputGradient: Matrix, input: Matrix, coefficients packed: [Double],
                      inputGradient: UnsafeMutablePointer<Double>?) {
        let rows = input.rows, d = plan.inputDimension, k = plan.outputDimension, stages = plan.stageCount
        let width = outputSize
        let count = HeadKernel.packedCount(stages: stages, k: k)
        let chunks = backwardChunks(rows: rows)
        var accumulators = [Double](repeating: 0, count: chunks * count)
        nonisolated(unsafe) let inputGradient = inputGradient
        input.elements.withUnsafeBufferPointer { xs in
        outputGradient.elements.withUnsafeBufferPointer { gOut in
        packed.withUnsafeBufferPointer { coefficients in
        accumulators.withUnsafeMutableBufferPointer { acc in
            nonisolated(unsafe) let acc = acc
            let kernel = HeadKernel(k: k, ratio: plan.ratio, coefficients: coefficients.baseAddress!)
            ParallelLoop.forEach(tasks: chunks, threads: min(ParallelLoop.resolve(threads: threads), chunks)) { c in
                let scratch = UnsafeMutablePointer<EncodingLanes.Lanes>.allocate(capacity: HeadKernel.scratchCount(stages: stages))
                defer { scratch.deallocate() }
                for r in (rows * c / chunks)..<(rows * (c + 1) / chunks) {
                    kernel.backward(row: xs.baseAddress! + r * d, outputGradient: gOut.baseAddress! + r * width,
                                    accumulators: acc.baseAddress! + c * count, inputGradient: inputGradient.map { $0 + r * d },
                                    scratch: scratch)
                }
            }
        }}}}
        // Reduce in chunk order, then map the forms' gradients to the raw parameters.
        accumulators.withUnsafeMutableBufferPointer { acc in
            for c in 1..<chunks {
                for i in 0..<count { acc[i] += acc[c * count + i] }
            }
        }
        accumulators.withUnsafeBufferPointer { acc in
            addGateGradients { s, j in HeadKernel.unpackGradient(acc.baseAddress!, stage: s, position: j, k: k) }
        }
    }

    /// Maps ∂L/∂(forms) of every block (s, j) to the gates' raw parameters and adds them to
    /// the weights' gradient.
    private func addGateGradients(_ formGradient: (_ stage: Int, _ position: Int) -> BlockCoefficients) {
        let k = plan.outputDimension
        for s in 0..<plan.stageCount {
            let m = plan.modules(ofStage: s)
            for j in 0..<k {
                let b = block(stage: s, position: j)
                let cot = b.gateCotangents(formGradient(s, j))
                for (module, gate, cotangent) in [(m.target, b.target, cot.target), (m.control, b.control, cot.control),
                                                  (m.controlled, b.controlled, cot.controlled)] {
                    let g = gate.rawGradient(cotangent), o = 4 * (module * k + j)
                    for i in 0..<4 { weights.gradient[o + i] += g[i] }
                }
            }
        }
    }
}

import Foundation
import Qompress

/// The dressed circuit of `QuantumLayer(dressedQubits:depth:…)` over a batch: θ = π/2 · tanh(x)
/// (or θ = x), H and RY(θ_i) on every qubit, `layers` × (CNOT ladder, trainable RY), outputs
/// ⟨Z_i⟩ — and its vector–Jacobian product, with the same arithmetic as the layer.
struct DressedBatch {
    var backend: BackendOptions
    var qubits: Int
    var layers: Int
    var scaling: InputScaling
    /// The inputs x, row-major `batch × qubits`.
    var inputs: UnsafeBufferPointer<Double>
    var batch: Int
    /// The weights, row-major `layers × qubits` (weight of layer l, qubit q at l·n + q).
    var weights: [Double]
    /// Worker threads across samples (0 = all cores).
    var threads: Int

    /// Reads and checks the C arguments shared by the forward pass and the VJP.
    init(backend: BackendOptions, qubits: Int64, layers: Int64, scaling: Int32,
         inputs: UnsafePointer<Double>?, batch: Int64, inputWidth: Int64,
         weights: UnsafePointer<Double>?, weightCount: Int64, threads: Int64) throws {
        guard qubits >= 1, qubits <= 1 << 20 else { throw BoundaryError("qubits must be in 1…2^20, got \(qubits)") }
        guard layers >= 0, layers <= 1 << 20 else { throw BoundaryError("layers must be in 0…2^20, got \(layers)") }
        guard let scaling = [Int32(0): InputScaling.none, 1: .tanhHalfPi][scaling] else {
            throw BoundaryError("scaling must be 0 (θ = x) or 1 (θ = π/2 · tanh x), got \(scaling)")
        }
        guard inputWidth == qubits else {
            throw BoundaryError("the inputs have \(inputWidth) columns, the dressed circuit of \(qubits) qubits reads \(qubits)")
        }
        guard threads >= 0, threads <= 4096 else { throw BoundaryError("threads must be in 0…4096, got \(threads)") }
        let expectedWeights = try checkedCount(layers, qubits, "weights")
        guard weightCount == Int64(expectedWeights) else {
            throw BoundaryError("\(weightCount) weights given, the dressed circuit of \(qubits) qubits and \(layers) layers has \(layers) × \(qubits) = \(expectedWeights)")
        }
        self.backend = backend
        self.qubits = Int(qubits)
        self.layers = Int(layers)
        self.scaling = scaling
        self.batch = try checkedCount(batch, 1, "the batch")
        self.inputs = try readable(inputs, count: try checkedCount(batch, qubits, "the inputs"), "the inputs")
        self.weights = Array(try readable(weights, count: expectedWeights, "the weights"))
        self.threads = Int(threads)
        try Self.requireFinite(self.inputs, "the inputs")
        if let bad = self.weights.firstIndex(where: { !$0.isFinite }) {
            throw BoundaryError("weight \(bad) is \(self.weights[bad]); every weight must be finite")
        }
    }

    /// Throws when any value of `values` is NaN or infinite.
    static func requireFinite(_ values: UnsafeBufferPointer<Double>, _ what: String) throws {
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw BoundaryError("\(what): element \(bad) is \(values[bad]); every value must be finite")
        }
    }

    /// The rotation angles of every sample, as `QuantumLayer` computes them.
    var angles: [[Double]] {
        (0..<batch).map { s in
            (0..<qubits).map { q in
                let x = inputs[s * qubits + q]
                return scaling == .tanhHalfPi ? .pi / 2 * tanh(x) : x
            }
        }
    }

    /// An evaluator on the chosen backend, handed to `body` with the register type opened.
    private func withEvaluator<R>(_ body: (any DressedEvaluating) throws -> R) throws -> R {
        // One sample uses every core inside its register; a batch spreads samples over cores.
        let configuration = try makeConfiguration(backend, threadsPerRegister: batch == 1 ? 0 : 1)
        try configuration.checkSupports(qubitCount: qubits)
        return try body(try evaluator(configuration))
    }

    private func evaluator<C: BackendConfiguration>(_ configuration: C) throws -> any DressedEvaluating {
        let circuit = try Circuit.dressed(qubitCount: qubits, layers: layers)
        return BatchEvaluator<C.Register>(circuit: circuit, configuration: configuration, threads: threads)
    }

    /// ⟨Z_i⟩ of every sample into `expectations` (`batch × qubits`).
    func forward(into expectations: UnsafeMutableBufferPointer<Double>) throws {
        let rows = try withEvaluator { try $0.expectations(inputs: angles, weights: weights) }
        try store(rows, into: expectations, "expectations")
    }

    /// The forward values, ∂(Σ_i g_si ⟨Z_i⟩_s)/∂x_s per sample (through the scaling) and the
    /// weight gradient summed over the batch.
    func vectorJacobianProduct(upstream: UnsafeBufferPointer<Double>, expectations: UnsafeMutableBufferPointer<Double>,
                               inputGradients: UnsafeMutableBufferPointer<Double>,
                               weightGradient: UnsafeMutableBufferPointer<Double>) throws {
        try Self.requireFinite(upstream, "the upstream gradient")
        let g = (0..<batch).map { s in Array(upstream[(s * qubits)..<((s + 1) * qubits)]) }
        let result = try withEvaluator { try $0.vectorJacobianProducts(inputs: angles, weights: weights, upstream: g) }
        try store(result.expectations, into: expectations, "expectations")
        for s in 0..<batch {
            let row = result.inputGradients[s]
            guard row.count >= qubits else { throw BoundaryError("internal: \(row.count) input gradients for \(qubits) inputs", status: .internalError) }
            for q in 0..<qubits {
                var value = row[q]
                if scaling == .tanhHalfPi {
                    // As QuantumLayer.backward: dθ/dx = π/2 · (1 − tanh² x).
                    let t = tanh(inputs[s * qubits + q])
                    value *= .pi / 2 * (1 - t * t)
                }
                inputGradients[s * qubits + q] = value
            }
        }
        guard result.weightGradient.count == weightGradient.count else {
            throw BoundaryError("internal: \(result.weightGradient.count) weight gradients for \(weightGradient.count) weights", status: .internalError)
        }
        for j in 0..<weightGradient.count { weightGradient[j] = result.weightGradient[j] }
    }

    private func store(_ rows: [[Double]], into buffer: UnsafeMutableBufferPointer<Double>, _ what: String) throws {
        guard rows.count == batch, rows.allSatisfy({ $0.count == qubits }) else {
            throw BoundaryError("internal: \(what) of the wrong shape", status: .internalError)
        }
        for (s, row) in rows.enumerated() { for (q, v) in row.enumerated() { buffer[s * qubits + q] = v } }
    }
}

/// A `BatchEvaluator` with its register type erased.
protocol DressedEvaluating {
    /// ⟨Z_i⟩ for every sample (`BatchEvaluator.expectationsZ`).
    func expectations(inputs: [[Double]], weights: [Double]) throws -> [[Double]]
    /// Forward values and VJPs (`BatchEvaluator.vectorJacobianProducts(inputs:weights:upstream:)`).
    func vectorJacobianProducts(inputs: [[Double]], weights: [Double], upstream: [[Double]]) throws
        -> (expectations: [[Double]], inputGradients: [[Double]], weightGradient: [Double])
}

extension BatchEvaluator: DressedEvaluating {
    /// ⟨Z_i⟩ for every sample.
    func expectations(inputs: [[Double]], weights: [Double]) throws -> [[Double]] {
        try expectationsZ(inputs: inputs, weights: weights)
    }
}

/// ⟨Z_i⟩ of the dressed circuit for every row of a batch.
///
/// - Parameters:
///   - backend, chiMode, chi, hasCutoff, cutoff: as `qompress_run_qasm`.
///   - qubits, layers: the circuit's size n and entangling depth L.
///   - scaling: 1 for θ = π/2 · tanh(x) (the dressed layer's), 0 for θ = x.
///   - inputs, batch, inputWidth: x, row-major `batch × inputWidth`; `inputWidth` must be n.
///   - weights, weightCount: row-major `L × n`.
///   - expectations, expectationCount: receives ⟨Z_i⟩, row-major `batch × n`.
///   - threads: worker threads across samples (0 = all cores).
///   - message, messageCapacity: receives the error message on failure.
/// - Returns: a `QompressStatus` code (0 on success); the outputs are unspecified on failure.
@_cdecl("qompress_dressed_forward")
public func qompressDressedForward(_ backend: UnsafePointer<CChar>?, _ chiMode: Int32, _ chi: Int64,
                                   _ hasCutoff: Int32, _ cutoff: Double,
                                   _ qubits: Int64, _ layers: Int64, _ scaling: Int32,
                                   _ inputs: UnsafePointer<Double>?, _ batch: Int64, _ inputWidth: Int64,
                                   _ weights: UnsafePointer<Double>?, _ weightCount: Int64,
                                   _ expectations: UnsafeMutablePointer<Double>?, _ expectationCount: Int64,
                                   _ threads: Int64,
                                   _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int64) -> Int32 {
    guarded(message, messageCapacity) {
        let options = try BackendOptions(name: backend, chiMode: chiMode, chi: chi, hasCutoff: hasCutoff, cutoff: cutoff)
        let dressed = try DressedBatch(backend: options, qubits: qubits, layers: layers, scaling: scaling, inputs: inputs,
                                       batch: batch, inputWidth: inputWidth, weights: weights, weightCount: weightCount,
                                       threads: threads)
        let output = try writable(expectations, capacity: expectationCount,
                                  count: try checkedCount(batch, qubits, "expectations"), "the expectations")
        try dressed.forward(into: output)
    }
}

/// The dressed circuit's forward values and vector–Jacobian products for a batch: with upstream
/// vectors g_s, ∂(Σ_i g_si ⟨Z_i⟩_s)/∂x_s per sample (through the input scaling) and
/// Σ_s ∂(Σ_i g_si ⟨Z_i⟩_s)/∂w (adjoint differentiation).
///
/// - Parameters: as `qompress_dressed_forward`, and
///   - upstream, upstreamCount: g, row-major `batch × n`.
///   - expectations, expectationCount: receives ⟨Z_i⟩, `batch × n`.
///   - inputGradients, inputGradientCount: receives the input gradients, `batch × n`.
///   - weightGradient, weightGradientCount: receives the weight gradient, `L × n`.
/// - Returns: a `QompressStatus` code (0 on success); the outputs are unspecified on failure.
@_cdecl("qompress_dressed_vjp")
public func qompressDressedVJP(_ backend: UnsafePointer<CChar>?, _ chiMode: Int32, _ chi: Int64,
                               _ hasCutoff: Int32, _ cutoff: Double,
                               _ qubits: Int64, _ layers: Int64, _ scaling: Int32,
                               _ inputs: UnsafePointer<Double>?, _ batch: Int64, _ inputWidth: Int64,
                               _ weights: UnsafePointer<Double>?, _ weightCount: Int64,
                               _ upstream: UnsafePointer<Double>?, _ upstreamCount: Int64,
                               _ expectations: UnsafeMutablePointer<Double>?, _ expectationCount: Int64,
                               _ inputGradients: UnsafeMutablePointer<Double>?, _ inputGradientCount: Int64,
                               _ weightGradient: UnsafeMutablePointer<Double>?, _ weightGradientCount: Int64,
                               _ threads: Int64,
                               _ message: UnsafeMutablePointer<CChar>?, _ messageCapacity: Int64) -> Int32 {
    guarded(message, messageCapacity) {
        let options = try BackendOptions(name: backend, chiMode: chiMode, chi: chi, hasCutoff: hasCutoff, cutoff: cutoff)
        let dressed = try DressedBatch(backend: options, qubits: qubits, layers: layers, scaling: scaling, inputs: inputs,
                                       batch: batch, inputWidth: inputWidth, weights: weights, weightCount: weightCount,
                                       threads: threads)
        let rowCount = try checkedCount(batch, qubits, "the batch")
        guard upstreamCount == Int64(rowCount) else {
            throw BoundaryError("the upstream gradient has \(upstreamCount) values, the outputs \(batch) × \(qubits) = \(rowCount)")
        }
        let g = try readable(upstream, count: rowCount, "the upstream gradient")
        try dressed.vectorJacobianProduct(
            upstream: g,
            expectations: try writable(expectations, capacity: expectationCount, count: rowCount, "the expectations"),
            inputGradients: try writable(inputGradients, capacity: inputGradientCount, count: rowCount, "the input gradients"),
            weightGradient: try writable(weightGradient, capacity: weightGradientCount, count: dressed.weights.count, "the weight gradient"))
    }
}

import QompressCore
import QompressGradients

/// Random parametrised circuits for gradient tests: every parametrised gate kind, slots shared
/// between gates, affine maps with scales and shifts.
struct ParametrisedCircuits {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &generator) }

    mutating func angle(inputs: Int, weights: Int) -> Angle {
        let scale = uniform(-2...2), shift = uniform(-1...1)
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: return .constant(uniform(-3...3))
        case 1, 2: return .input(Int.random(in: 0..<inputs, using: &generator), scale: scale, shift: shift)
        default: return .weight(Int.random(in: 0..<weights, using: &generator), scale: scale, shift: shift)
        }
    }

    /// A circuit on `n` qubits with `gates` random gates.
    /// - Parameter controlledRotations: include CRX/CRY/CRZ (which parameter shift refuses).
    mutating func circuit(qubits n: Int, gates: Int, inputs: Int, weights: Int,
                          controlledRotations: Bool = true) throws -> Circuit {
        var c = try Circuit(qubitCount: n)
        // Start away from |0…0⟩ so that every generator matters.
        for q in 0..<n { try c.append(.u3(theta: .constant(uniform(0...3)), phi: .constant(uniform(-3...3)), lambda: 0.2), on: q) }
        for _ in 0..<gates {
            func a() -> Angle { angle(inputs: inputs, weights: weights) }
            var kinds: [Gate] = [.rx(a()), .ry(a()), .rz(a()), .phase(a()), .u2(phi: a(), lambda: a()),
                                 .u3(theta: a(), phi: a(), lambda: a())]
            if n >= 2 {
                kinds += [.rxx(a()), .ryy(a()), .rzz(a()), .cphase(a()), .cnot, .cz]
                if controlledRotations { kinds += [.crx(a()), .cry(a()), .crz(a())] }
            }
            let gate = kinds[Int.random(in: 0..<kinds.count, using: &generator)]
            let qubits = Array((0..<n).shuffled(using: &generator).prefix(gate.arity))
            try c.append(gate, on: qubits)
        }
        return c
    }

    /// A batch for `BatchEvaluator`: `samples` input rows in [−1.5, 1.5], shared weights in
    /// [−3, 3] and one upstream vector in [−1, 1] per sample for `outputs` outputs.
    mutating func batch(samples: Int, inputs: Int, weights: Int, outputs: Int)
        -> (inputs: [[Double]], weights: [Double], upstream: [[Double]]) {
        let rows = (0..<samples).map { _ in (0..<inputs).map { _ in uniform(-1.5...1.5) } }
        let shared = (0..<weights).map { _ in uniform(-3...3) }
        let upstream = (0..<samples).map { _ in (0..<outputs).map { _ in uniform(-1...1) } }
        return (rows, shared, upstream)
    }

    mutating func values(inputs: Int, weights: Int) -> ParameterValues {
        ParameterValues(inputs: (0..<inputs).map { _ in uniform(-1.5...1.5) },
                        weights: (0..<weights).map { _ in uniform(-3...3) })
    }
}

/// Central finite differences of `f` at `values`, step h.
func finiteDifferenceGradient(at values: ParameterValues, h: Double = 1e-5,
                              _ f: (ParameterValues) throws -> Double) rethrows -> ParameterGradient {
    var g = ParameterGradient.zero(inputs: values.inputs.count, weights: values.weights.count)
    for i in 0..<values.inputs.count {
        var plus = values, minus = values
        plus.inputs[i] += h
        minus.inputs[i] -= h
        g.inputs[i] = (try f(plus) - f(minus)) / (2 * h)
    }
    for j in 0..<values.weights.count {
        var plus = values, minus = values
        plus.weights[j] += h
        minus.weights[j] -= h
        g.weights[j] = (try f(plus) - f(minus)) / (2 * h)
    }
    return g
}

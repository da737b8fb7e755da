import Foundation
import Qompress
import QompressC
import QompressTestSupport
import Testing

/// Calls a `qompress_*` function with a message buffer and returns its status and message.
private func call(_ body: (UnsafeMutablePointer<CChar>, Int64) -> Int32) -> (status: Int32, message: String) {
    var buffer = [CChar](repeating: 0, count: 1024)
    let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, 1024) }
    return (status, text(buffer))
}

/// The NUL-terminated UTF-8 text in `buffer`.
private func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// `qompress_run_qasm` with the common arguments; returns the status, the message and the JSON.
private func runQASM(_ source: String, backend: String = "statevector", chi: Int64? = nil, cutoff: Double? = nil,
                     observables: [String] = [], shots: Int64 = 0, seed: UInt64 = 1,
                     probabilities: Int32 = 1) -> (status: Int32, message: String, json: [String: Any]?) {
    var result: UnsafeMutablePointer<CChar>?
    let bytes = Array(source.utf8CString)
    let pointers = observables.map { UnsafePointer(strdup($0)) }
    defer { pointers.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
    let (status, message) = call { message, capacity in
        bytes.withUnsafeBufferPointer { source in
            pointers.withUnsafeBufferPointer { observables in
                qompressRunQASM(source.baseAddress, Int64(bytes.count - 1), backend, chi == nil ? 0 : 1, chi ?? 0,
                                cutoff == nil ? 0 : 1, cutoff ?? 0, observables.baseAddress, Int64(observables.count),
                                shots, seed, probabilities, &result, message, capacity)
            }
        }
    }
    defer { qompressFreeString(result) }
    let json = result.flatMap { try? JSONSerialization.jsonObject(with: Data(String(cString: $0).utf8)) as? [String: Any] }
    return (status, message, json)
}

private let bell = """
    OPENQASM 2.0;
    include "qelib1.inc";
    qreg q[3];
    creg c[2];
    h q[0];
    cx q[0], q[1];
    ry(0.3) q[2];
    measure q[2] -> c[0];
    measure q[0] -> c[1];
    """

@Suite("C ABI: qompress_run_qasm")
struct RunQASMABITests {
    @Test("probabilities are the marginals of the measured qubits, in classical-bit order, as the Swift API gives them")
    func probabilitiesMatchTheSwiftAPI() throws {
        let (status, message, json) = runQASM(bell, observables: ["Z0 Z1", "0.5 X2"])
        #expect(status == 0, "\(message)")
        let probabilities = try #require(json?["probabilities"] as? [String: Double])
        let program = try QASMProgram(source: bell)
        let state = try StatevectorBackend(qubitCount: 3)
        try state.run(program.circuit)
        let full = try state.probabilities()
        // c[0] = q2 is printed first, c[1] = q0 second.
        var expected: [String: Double] = [:]
        for (index, p) in full.enumerated() where p > 0 {
            let key = "\((index >> 2) & 1)\(index & 1)"
            expected[key, default: 0] += p
        }
        #expect(Set(probabilities.keys) == Set(expected.filter { $0.value > 1e-12 }.keys))
        for (key, p) in expected where p > 1e-12 { #expect(abs(probabilities[key]! - p) < 1e-15) }
        let expectations = try #require(json?["expectations"] as? [[String: Any]])
        #expect(expectations.map { $0["observable"] as? String } == ["Z0 Z1", "0.5 X2"])
        #expect(abs((expectations[0]["value"] as! Double) - (try state.expectation(of: PauliSum("Z0 Z1")))) < 1e-15)
        #expect((json?["backend"] as? [String: Any])?["name"] as? String == "statevector")
    }

    @Test("seeded counts equal the backend's own sampling with the same seed")
    func countsAreSeeded() throws {
        let (status, _, json) = runQASM(bell, shots: 500, seed: 42, probabilities: 0)
        #expect(status == 0)
        #expect(json?["probabilities"] == nil)
        let counts = try #require(json?["counts"] as? [String: Int])
        let state = try StatevectorBackend(qubitCount: 3)
        try state.run(try QASMProgram(source: bell).circuit)
        var generator = SeededGenerator(seed: 42)
        var expected: [String: Int] = [:]
        for sample in try state.sample(shots: 500, using: &generator) {
            expected["\(sample.bits[2])\(sample.bits[0])", default: 0] += 1
        }
        #expect(counts == expected)
    }

    @Test("the MPS reports its spec and truncation report")
    func mpsReport() throws {
        let (status, message, json) = runQASM(bell, backend: "mps", chi: 2, cutoff: 1e-12)
        #expect(status == 0, "\(message)")
        let truncation = try #require(json?["truncation"] as? [String: Any])
        #expect(truncation["fidelity_estimate"] as? Double == 1)
        let backend = try #require(json?["backend"] as? [String: Any])
        #expect(backend["name"] as? String == "mps" && backend["max_bond_dimension"] as? Int == 2 && backend["cutoff"] as? Double == 1e-12)
    }

    @Test("bad input returns a code and the library's message, never a trap",
          arguments: [
            ("OPENQASM 2.0;\nqreg q[1];\nfoo q[0];", "statevector", Int64?.none, Int32(2), "3:1: gate 'foo' is not defined"),
            (bell, "qiskit", nil, 1, "unknown backend \"qiskit\"; available: statevector, mps"),
            (bell, "mps", 0, 1, "chi must be at least 1, got 0"),
            (bell, "statevector", 4, 1, "chi and cutoff apply to truncating backends (mps), not to statevector"),
          ])
    func badInput(source: String, backend: String, chi: Int64?, status: Int32, message: String) {
        let result = runQASM(source, backend: backend, chi: chi)
        #expect(result.status == status)
        #expect(result.message.contains(message), "\(result.message)")
        #expect(result.json == nil)
    }

    @Test("a bad observable, negative shots, a NaN cutoff and null pointers are reported")
    func badArguments() {
        #expect(runQASM(bell, observables: ["Z7"]).message.contains("7"))
        #expect(runQASM(bell, observables: ["Q0"]).status != 0)
        #expect(runQASM(bell, shots: -1).message.contains("shots must be non-negative"))
        #expect(runQASM(bell, backend: "mps", cutoff: .nan).message.contains("cutoff must be finite"))
        #expect(runQASM(bell, probabilities: 7).status == 1)
        let (status, message) = call { qompressRunQASM(nil, 10, "statevector", 0, 0, 0, 0, nil, 0, 0, 1, 1, nil, $0, $1) }
        #expect(status == 1 && message.contains("null"))
    }

    @Test("a message longer than the buffer is cut at a character boundary and terminated")
    func messageTruncation() {
        // `invalid argument: unknown backend "` is 35 bytes and "χ" two more: with room for 36
        // bytes the message stops before the χ rather than inside it.
        var buffer = [CChar](repeating: 0x7F, count: 37)
        var result: UnsafeMutablePointer<CChar>?
        let status = qompressRunQASM(bell, Int64(bell.utf8.count), "χχχ", 0, 0, 0, 0, nil, 0, 0, 1, 1, &result, &buffer, 37)
        #expect(status == 1)
        #expect(text(buffer) == "invalid argument: unknown backend \"")
        #expect(result == nil)
    }
}

@Suite("C ABI: the dressed circuit")
struct DressedABITests {
    let n = 3, layers = 2, batch = 4
    var inputs: [Double] { (0..<(batch * n)).map { sin(Double($0) * 1.3) } }
    var weights: [Double] { (0..<(layers * n)).map { cos(Double($0) * 0.7) } }

    func forward(_ inputs: [Double], _ weights: [Double], backend: String = "statevector", scaling: Int32 = 1) throws -> [Double] {
        var output = [Double](repeating: 0, count: inputs.count)
        let (status, message) = call { message, capacity in
            qompressDressedForward(backend, 0, 0, 0, 0, Int64(n), Int64(layers), scaling, inputs, Int64(inputs.count / n),
                                   Int64(n), weights, Int64(weights.count), &output, Int64(output.count), 0, message, capacity)
        }
        guard status == 0 else { throw BoundaryErrorForTest(message: message) }
        return output
    }

    @Test("the forward pass equals the dense reference of the dressed circuit with θ = π/2 · tanh x", arguments: ["statevector", "mps"])
    func forwardMatchesReference(backend: String) throws {
        let output = try forward(inputs, weights, backend: backend)
        let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
        for s in 0..<batch {
            let angles = inputs[(s * n)..<((s + 1) * n)].map { .pi / 2 * tanh($0) }
            let state = try DenseReference.run(circuit, values: ParameterValues(inputs: angles, weights: weights))
            for q in 0..<n {
                let z = try DenseReference.expectation(PauliSum("Z\(q)"), state)
                #expect(abs(output[s * n + q] - z) < 1e-12)
            }
        }
    }

    @Test("the VJP equals central differences of the forward pass")
    func vjpMatchesFiniteDifferences() throws {
        let upstream = (0..<(batch * n)).map { 0.5 - Double($0 % 5) * 0.3 }
        var expectations = [Double](repeating: 0, count: batch * n)
        var inputGradients = [Double](repeating: 0, count: batch * n)
        var weightGradient = [Double](repeating: 0, count: layers * n)
        let (status, message) = call { message, capacity in
            qompressDressedVJP("statevector", 0, 0, 0, 0, Int64(n), Int64(layers), 1, inputs, Int64(batch), Int64(n),
                               weights, Int64(weights.count), upstream, Int64(upstream.count),
                               &expectations, Int64(expectations.count), &inputGradients, Int64(inputGradients.count),
                               &weightGradient, Int64(weightGradient.count), 0, message, capacity)
        }
        #expect(status == 0, "\(message)")
        #expect(expectations == (try forward(inputs, weights)))
        func loss(_ x: [Double], _ w: [Double]) throws -> Double {
            zip(try forward(x, w), upstream).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let h = 1e-6
        for j in [0, 5, 11] {
            var plus = inputs, minus = inputs
            plus[j] += h
            minus[j] -= h
            #expect(abs((try loss(plus, weights) - loss(minus, weights)) / (2 * h) - inputGradients[j]) < 1e-7)
        }
        for j in 0..<weights.count {
            var plus = weights, minus = weights
            plus[j] += h
            minus[j] -= h
            #expect(abs((try loss(inputs, plus) - loss(inputs, minus)) / (2 * h) - weightGradient[j]) < 1e-7)
        }
    }

    @Test("mismatched shapes, NaN inputs and bad sizes are reported")
    func badInput() {
        func message(_ inputs: [Double], width: Int64, _ weights: [Double], qubits: Int64 = 3, outputCount: Int64 = 12) -> String {
            var output = [Double](repeating: 0, count: 12)
            return call { message, capacity in
                qompressDressedForward("statevector", 0, 0, 0, 0, qubits, 2, 1, inputs, 4, width, weights, Int64(weights.count),
                                       &output, outputCount, 0, message, capacity)
            }.message
        }
        #expect(message(inputs, width: 2, weights).contains("the inputs have 2 columns"))
        #expect(message(inputs, width: 3, Array(weights.prefix(5))).contains("5 weights given"))
        var nan = inputs
        nan[4] = .nan
        #expect(message(nan, width: 3, weights).contains("element 4 is nan"))
        #expect(message(inputs, width: 3, weights, outputCount: 11).contains("holds 11 doubles"))
        #expect(message(inputs, width: 0, [], qubits: 0).contains("qubits must be in"))
    }
}

/// A failed call, for `#expect(throws:)`-free propagation in the tests.
private struct BoundaryErrorForTest: Error { var message: String }

@Suite("C ABI: models")
struct ModelABITests {
    @Test("an unknown handle, a missing file and a non-checkpoint are errors with messages")
    func badModels() throws {
        #expect(qompressModelFree(12345) == 5)
        var input: Int64 = 0, output: Int64 = 0
        #expect(call { qompressModelShape(999, &input, &output, $0, $1) }.status == 5)
        var handle: Int64 = 0
        let missing = call { qompressHeadLoad("/nonexistent/checkpoint.json", &handle, $0, $1) }
        #expect(missing.status == 4 && missing.message.contains("no such file"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qompress-c-abi-\(getpid()).json")
        try Data("{\"not\": \"a checkpoint\"}".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let bad = call { qompressACQUALoad(file.path, 0, &handle, $0, $1) }
        #expect(bad.status == 4, "\(bad.message)")
        #expect(!bad.message.isEmpty)
    }
}

@Suite("C ABI: the dressed circuit equals the Swift quantum layer")
struct DressedLayerABITests {
    @Test("forward values, input gradients and weight gradients equal QuantumLayer's", arguments: [
        BackendSpec.statevector, BackendSpec.mps(maxBondDimension: 2, cutoff: 0),
    ])
    func equalsQuantumLayer(spec: BackendSpec) throws {
        let n = 4, layers = 3, batch = 5
        var generator = SeededGenerator(seed: 3)
        let layer = try ModelFactory.dressedQuantumLayer(qubits: n, depth: layers, backend: spec, generator: &generator)
        let weights = (0..<(n * layers)).map { 0.4 * sin(Double($0) + 0.5) }
        layer.parameters[0].values = weights
        layer.parameters[0].zeroGradient()
        let inputs = (0..<(batch * n)).map { cos(Double($0) * 0.9) }
        let upstream = (0..<(batch * n)).map { Double($0 % 3) - 0.7 }
        let output = try layer.forward(try Matrix(rows: batch, columns: n, elements: inputs))
        let inputGradient = try layer.backward(try Matrix(rows: batch, columns: n, elements: upstream))

        var expectations = [Double](repeating: 0, count: batch * n)
        var inputGradients = expectations
        var weightGradient = [Double](repeating: 0, count: n * layers)
        let chi = spec.maxBondDimension.map(Int64.init) ?? 0
        let (status, message) = call { message, capacity in
            qompressDressedVJP(spec.name, spec.maxBondDimension == nil ? 0 : 1, chi, spec.cutoff == nil ? 0 : 1, spec.cutoff ?? 0,
                               Int64(n), Int64(layers), 1, inputs, Int64(batch), Int64(n), weights, Int64(weights.count),
                               upstream, Int64(upstream.count), &expectations, Int64(expectations.count),
                               &inputGradients, Int64(inputGradients.count), &weightGradient, Int64(weightGradient.count),
                               0, message, capacity)
        }
        #expect(status == 0, "\(message)")
        for (a, b) in zip(expectations, output.elements) { #expect(abs(a - b) < 1e-13) }
        for (a, b) in zip(inputGradients, inputGradient.elements) { #expect(abs(a - b) < 1e-13) }
        for (a, b) in zip(weightGradient, layer.parameters[0].gradient) { #expect(abs(a - b) < 1e-13) }
    }
}

import Numerics
import QompressCore
import QompressTestSupport
import QompressStatevector
import Testing

@Suite("Gate kernels against the dense reference")
struct GateKernelTests {
    /// All ordered placements of `arity` distinct qubits among `n`.
    static func placements(_ arity: Int, _ n: Int) -> [[Int]] {
        if arity == 0 { return [[]] }
        return placements(arity - 1, n).flatMap { prefix in
            (0..<n).filter { !prefix.contains($0) }.map { prefix + [$0] }
        }
    }

    @Test("every gate in every placement on 4 qubits matches its matrix", arguments: [3, 4])
    func everyGateEveryPlacement(qubits n: Int) throws {
        var random = RandomCircuits(seed: 11)
        let start = try random.circuit(qubits: n, gates: 12)
        let initial = try DenseReference.run(start)
        for gate in try random.allGates() {
            for placement in Self.placements(gate.arity, n) {
                let sv = try StatevectorBackend(qubitCount: n)
                try sv.run(start)
                try sv.apply(try Instruction(gate, placement, qubitCount: n))
                let expected = DenseReference.apply(try gate.matrix(), on: placement, to: initial)
                let distance = maxDistance(try sv.statevector(), expected)
                #expect(distance < 1e-12, "\(gate.name) on \(placement): \(distance)")
            }
        }
    }

    @Test("run with fusion and cache blocks equals gate-by-gate application on 17 qubits")
    func blockedRunMatchesGateByGate() throws {
        var random = RandomCircuits(seed: 5)
        let circuit = try random.circuit(qubits: 17, gates: 60)
        let stepwise = try StatevectorBackend(qubitCount: 17)
        for op in circuit.instructions { try stepwise.apply(op) }
        let blocked = try StatevectorBackend(qubitCount: 17)
        try blocked.run(circuit)
        let unblocked = try StatevectorBackend(qubitCount: 17, configuration: .init(cacheBlocking: false))
        try unblocked.run(circuit)
        let a = try stepwise.statevector()
        #expect(maxDistance(a, try blocked.statevector()) < 1e-12)
        #expect(maxDistance(a, try unblocked.statevector()) < 1e-12)
    }

    @Test("dressed circuit on 16 qubits: fused run equals the dense reference")
    func dressedCircuitMatchesReference() throws {
        let n = 16, layers = 2
        let circuit = try Circuit.dressed(qubitCount: n, layers: layers)
        var g = SeededGenerator(seed: 3)
        let values = ParameterValues(inputs: (0..<n).map { _ in Double.random(in: -1...1, using: &g) },
                                     weights: (0..<(n * layers)).map { _ in Double.random(in: -3...3, using: &g) })
        let sv = try StatevectorBackend(qubitCount: n)
        try sv.run(circuit, parameters: values)
        let expected = try DenseReference.run(circuit, values: values)
        #expect(maxDistance(try sv.statevector(), expected) < 1e-12)
    }

    @Test("results are bit-identical on 1 and 2 threads")
    func threadCountDoesNotChangeResults() throws {
        var random = RandomCircuits(seed: 8)
        let circuit = try random.circuit(qubits: 16, gates: 40)
        let one = try StatevectorBackend(qubitCount: 16, configuration: .init(threadCount: 1, parallelThreshold: 0))
        let two = try StatevectorBackend(qubitCount: 16, configuration: .init(threadCount: 2, parallelThreshold: 0))
        try one.run(circuit)
        try two.run(circuit)
        #expect(try one.statevector() == two.statevector())
        #expect(one.expectationsZ() == two.expectationsZ())
        let h = try PauliSum("X0 Y3 Z15 + 0.5 Z1 Z2")
        #expect(try one.expectation(of: h) == two.expectation(of: h))
    }
}

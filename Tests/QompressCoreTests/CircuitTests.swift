import QompressCore
import Testing

@Suite("Circuit IR")
struct CircuitTests {
    @Test("gate counts, depth and parameter counts of the dressed circuit")
    func dressedCircuitShape() throws {
        let c = try Circuit.dressed(qubitCount: 5, layers: 3)
        #expect(c.gateCounts == ["h": 5, "ry": 5 + 15, "cx": 12])
        // H, RY, then per layer: even CNOTs, odd CNOTs, RY.
        #expect(c.depth == 2 + 3 * 3)
        #expect(c.parameterCounts.inputs == 5 && c.parameterCounts.weights == 15)
        #expect(throws: CircuitError.self) { try Circuit.dressed(qubitCount: 3, layers: -1) }
    }

    @Test("the inverse reverses the order and inverts each gate")
    func inverseCircuit() throws {
        var c = try Circuit(qubitCount: 2)
        try c.s(0)
        try c.rx(.weight(0, scale: 2, shift: 1), 1)
        try c.cnot(0, 1)
        let inv = c.inverse
        #expect(inv.instructions.map(\.gate) == [.cnot, .rx(.weight(0, scale: -2, shift: -1)), .sdg])
        #expect(inv.instructions.map(\.qubits) == [[0, 1], [1], [0]])
    }

    @Test("depth counts only chains that share qubits")
    func depthOfParallelGates() throws {
        var c = try Circuit(qubitCount: 4)
        for q in 0..<4 { try c.h(q) }
        try c.cnot(0, 1)
        try c.cnot(2, 3)
        try c.cnot(1, 2)
        #expect(c.depth == 3)
    }
}

@Suite("Observables")
struct ObservableTests {
    @Test("Pauli sums parse coefficients, signs, products and the identity")
    func parsing() throws {
        let h = try PauliSum("Z0 Z1 + 0.5 X2 - 2*Y3*X0 + 3 I - Z4")
        #expect(h.terms.map(\.coefficient) == [1, 0.5, -2, 3, -1])
        #expect(h.terms.map(\.string.description) == ["Z0 Z1", "X2", "X0 Y3", "I", "Z4"])
        #expect(h.maxQubit == 4)
        #expect(try PauliSum("1e-3 X10").terms[0].coefficient == 1e-3)
    }

    @Test("malformed observables name the problem", arguments: ["", "Z", "Z0 +", "Q1", "Z0 Z0", "2 ** X1", "X1 ? Z2", "Z0 \u{FFFD}\u{0345} X1", "ß0"])
    func malformed(text: String) {
        #expect(throws: CircuitError.self) { try PauliSum(text) }
    }

    @Test("allZ builds Σ c_i Z_i")
    func allZ() {
        let s = PauliSum.allZ(qubitCount: 3, coefficients: [1, -2, 0.5])
        #expect(s.isDiagonal && s.description == "1.0*Z0 - 2.0*Z1 + 0.5*Z2")
    }
}

@Suite("Bitstrings and the seeded generator")
struct UtilityTests {
    @Test("bitstrings round-trip between text and index, qubit 0 first")
    func bitstrings() throws {
        let b = try Bitstring("1101")
        #expect(try b.index() == 0b1011)
        #expect(Bitstring(index: 0b1011, qubitCount: 4) == b)
        #expect(throws: SimulationError.self) { try Bitstring("10a") }
    }

    @Test("the same seed gives the same stream; different seeds differ")
    func seededGenerator() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let sa = (0..<5).map { _ in a.next() }, sb = (0..<5).map { _ in b.next() }, sc = (0..<5).map { _ in c.next() }
        #expect(sa == sb && sa != sc)
        var u = SeededGenerator(seed: 1)
        let mean = (0..<10_000).map { _ in u.nextUnit() }.reduce(0, +) / 10_000
        #expect(abs(mean - 0.5) < 0.02)
    }
}

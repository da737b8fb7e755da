import Numerics
import QompressCore
import QompressTestSupport
import QompressStatevector
import Testing

@Suite("Measurements against the dense reference")
struct MeasurementTests {
    static let observable = "0.7 X0 Y2 Z3 - 1.3 Z1 + 0.25 Y0 Y1 X2 X3 + 2 I + Z3"

    @Test("Pauli-sum expectations, all ⟨Z_i⟩, O|ψ⟩ and matrix elements match the dense reference")
    func pauliSums() throws {
        var random = RandomCircuits(seed: 21)
        let c = try random.circuit(qubits: 4, gates: 30)
        let sv = try StatevectorBackend(qubitCount: 4)
        try sv.run(c)
        let dense = try DenseReference.run(c)
        let h = try PauliSum(Self.observable)
        #expect(abs(try sv.expectation(of: h) - DenseReference.expectation(h, dense)) < 1e-12)
        for q in 0..<4 {
            #expect(abs(sv.expectationsZ()[q] - (try DenseReference.expectation(PauliSum("Z\(q)"), dense))) < 1e-12)
        }
        // ⟨φ|O|ψ⟩ two ways: matrix element, and inner product with O|ψ⟩.
        let other = try StatevectorBackend(qubitCount: 4)
        try other.run(try random.circuit(qubits: 4, gates: 20))
        let direct = try sv.matrixElement(of: h, bra: other)
        let applied = sv.copy()
        try applied.applyPauliSum(h)
        let viaApply = try other.innerProduct(with: applied)
        #expect((direct - viaApply).length < 1e-12)
        #expect(abs(try sv.matrixElement(of: h, bra: sv).real - sv.expectation(of: h)) < 1e-12)
    }

    @Test("a sum of Z strings read in one pass equals the sum of its terms read one by one, real and complex, 1 and 2 threads",
          arguments: [3, 12, 14])
    func diagonalSumsInOnePass(n: Int) throws {
        var random = RandomCircuits(seed: UInt64(n))
        var g = SeededGenerator(seed: UInt64(n))
        // Single Z on every qubit, a constant, and Z strings within the low ten qubits and above them.
        var terms = (0..<n).map { PauliSum.Term(Double.random(in: -1...1, using: &g), try! PauliString.z($0)) }
        terms.append(PauliSum.Term(0.5, .identity))
        terms.append(PauliSum.Term(-0.75, try PauliString([(0, .z), (min(2, n - 1), .z)])))
        if n > 11 { terms.append(PauliSum.Term(1.25, try PauliString([(10, .z), (11, .z)]))) }
        let observable = try PauliSum(terms)
        for complex in [false, true] {
            var circuit = try Circuit(qubitCount: n)
            for q in 0..<n { try circuit.append(.ry(random.angle()), on: [q]) }
            for q in 0..<(n - 1) { try circuit.append(.cnot, on: [q, q + 1]) }
            if complex { try circuit.append(.rx(random.angle()), on: [0]) }
            var results: [Double] = []
            for threads in [1, 2] {
                let state = try StatevectorBackend(qubitCount: n, configuration: .init(threadCount: threads, parallelThreshold: 2))
                try state.run(circuit)
                let termByTerm = try observable.terms.map { try PauliSum([$0]) }.map { try state.expectation(of: $0) }.reduce(0, +)
                let onePass = try state.expectation(of: observable)
                #expect(abs(onePass - termByTerm) < 1e-12, "n = \(n), complex \(complex)")
                results.append(onePass)
            }
            #expect(results[0] == results[1])
        }
    }

    @Test("expectationsZ on 17 qubits equals per-qubit Pauli expectations")
    func allZOnLargerState() throws {
        var random = RandomCircuits(seed: 4)
        let sv = try StatevectorBackend(qubitCount: 17)
        try sv.run(try random.circuit(qubits: 17, gates: 40))
        let z = sv.expectationsZ()
        for q in [0, 5, 9, 10, 13, 16] {
            #expect(abs(z[q] - (try sv.expectation(of: PauliSum("Z\(q)")))) < 1e-12)
        }
    }

    @Test("samples follow the Born rule (chi-square at a fixed seed)")
    func samplingFollowsBornRule() throws {
        var random = RandomCircuits(seed: 31)
        let sv = try StatevectorBackend(qubitCount: 3)
        try sv.run(try random.circuit(qubits: 3, gates: 20))
        let p = try sv.probabilities()
        var g = SeededGenerator(seed: 1)
        let shots = 20_000
        let counts = try sv.counts(shots: shots, using: &g)
        var chi2 = 0.0
        for i in 0..<8 where p[i] > 1e-9 {
            let observed = Double(counts[Bitstring(index: i, qubitCount: 3)] ?? 0)
            chi2 += (observed - Double(shots) * p[i]) * (observed - Double(shots) * p[i]) / (Double(shots) * p[i])
        }
        // 7 degrees of freedom: P(χ² > 24.3) = 0.001.
        #expect(chi2 < 24.3)
        // Same seed, same samples.
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5)
        #expect(try sv.sample(shots: 100, using: &g1) == sv.sample(shots: 100, using: &g2))
    }

    @Test("amplitudes and probabilities of bitstrings use qubit 0 as the first character")
    func bitstringOrder() throws {
        let sv = try StatevectorBackend(qubitCount: 3)
        try sv.apply(try Instruction(.x, [0], qubitCount: 3))
        #expect(try sv.probability(of: Bitstring("100")) == 1)
        #expect(try sv.amplitude(of: Bitstring("001")) == .zero)
        #expect(try Bitstring("100").index() == 1)
    }

    @Test("a product state is prepared exactly")
    func productStatePreparation() throws {
        let factors = try [QubitState(theta: 0.3, phi: 1.1), QubitState(theta: 2.0), .one, QubitState(theta: 1.2, phi: -0.4)]
        let sv = try StatevectorBackend(qubitCount: 4)
        try sv.prepare(productState: factors)
        let v = try sv.statevector()
        for i in 0..<16 {
            var expected = Complex<Double>.one
            for q in 0..<4 { expected = expected * (((i >> q) & 1) == 1 ? factors[q].beta : factors[q].alpha) }
            #expect((v[i] - expected).length < 1e-15)
        }
    }
}

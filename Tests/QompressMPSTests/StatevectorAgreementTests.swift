import Numerics
import QompressCore
import QompressMPS
import QompressStatevector
import Testing

/// The exact MPS must reproduce the statevector backend on random circuits over the whole
/// gate set (non-adjacent and reversed two-qubit gates, CCX and CSWAP included).
@Suite struct StatevectorAgreementTests {
    /// (qubits, gates, seed): more, smaller circuits at small n; fewer at large n.
    static let cases: [(Int, Int, UInt64)] = [
        (2, 40, 1), (3, 40, 2), (4, 50, 3), (5, 50, 4), (6, 50, 5),
        (7, 45, 6), (8, 40, 7), (9, 40, 8), (10, 35, 9), (11, 30, 10), (12, 30, 11),
    ]

    @Test("exact MPS amplitudes equal the statevector's within 1e-10", arguments: cases)
    func amplitudesMatchStatevector(_ n: Int, _ gates: Int, _ seed: UInt64) throws {
        var sampler = GateSampler(seed: seed)
        let circuit = try sampler.circuit(qubits: n, gates: gates)
        let mps = try MPSBackend(qubitCount: n, configuration: .exact)
        try mps.run(circuit)
        let reference = try statevectorReference(circuit)
        #expect(largestDifference(try mps.statevector(), try reference.statevector()) < 1e-10)
        #expect(mps.truncationReport.isExact)
        // Spot-check the contraction-free amplitude path too.
        for index in [0, (1 << n) - 1, (1 << n) / 3] {
            let bits = Bitstring(index: index, qubitCount: n)
            #expect((try mps.amplitude(of: bits) - reference.amplitude(of: bits)).length < 1e-10)
        }
    }

    @Test("exact MPS Pauli-sum expectations and ⟨Z_i⟩ equal the statevector's within 1e-10", arguments: cases)
    func expectationsMatchStatevector(_ n: Int, _ gates: Int, _ seed: UInt64) throws {
        var sampler = GateSampler(seed: seed &+ 100)
        let circuit = try sampler.circuit(qubits: n, gates: gates)
        let observable = try sampler.pauliSum(qubits: n, terms: 6)
        let mps = try MPSBackend(qubitCount: n, configuration: .exact)
        try mps.run(circuit)
        let reference = try statevectorReference(circuit)
        #expect(abs(try mps.expectation(of: observable) - reference.expectation(of: observable)) < 1e-10)
        let z = mps.expectationsZ(), zRef = reference.expectationsZ()
        #expect(zip(z, zRef).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    @Test("matrix elements, inner products and O|ψ⟩ agree with the statevector", arguments: [(3, UInt64(21)), (6, 22), (9, 23)])
    func nonUnitaryOperationsMatchStatevector(_ n: Int, _ seed: UInt64) throws {
        var sampler = GateSampler(seed: seed)
        let ketCircuit = try sampler.circuit(qubits: n, gates: 30)
        let braCircuit = try sampler.circuit(qubits: n, gates: 30)
        let multiQubit = try sampler.pauliSum(qubits: n, terms: 4)
        let singleSite = try PauliSum("0.5 Z0 - 1.5 X1 + 0.25 Y\(n - 1) + 2 I")
        let ket = try MPSBackend(qubitCount: n, configuration: .exact)
        let bra = try MPSBackend(qubitCount: n, configuration: .exact)
        try ket.run(ketCircuit)
        try bra.run(braCircuit)
        let ketRef = try statevectorReference(ketCircuit)
        let braRef = try statevectorReference(braCircuit)

        #expect((try ket.matrixElement(of: multiQubit, bra: bra) - ketRef.matrixElement(of: multiQubit, bra: braRef)).length < 1e-10)
        #expect((try bra.innerProduct(with: ket) - braRef.innerProduct(with: ketRef)).length < 1e-10)

        for observable in [multiQubit, singleSite] {
            let applied = ket.copy(), appliedRef = ketRef.copy()
            try applied.applyPauliSum(observable)
            try appliedRef.applyPauliSum(observable)
            #expect(largestDifference(try applied.statevector(), try appliedRef.statevector()) < 1e-10)
            #expect(abs(applied.norm() - appliedRef.norm()) < 1e-10)
            // The norm changed: expectations are unnormalised, like the statevector's.
            #expect(abs(try applied.expectation(of: multiQubit) - appliedRef.expectation(of: multiQubit)) < 1e-9)
        }
    }

    @Test("sample histograms pass a chi-square test against the statevector probabilities")
    func samplesAreDistributedLikeTheStatevector() throws {
        var sampler = GateSampler(seed: 31)
        let circuit = try sampler.circuit(qubits: 5, gates: 40)
        let mps = try MPSBackend(qubitCount: 5, configuration: .exact)
        try mps.run(circuit)
        let probabilities = try statevectorReference(circuit).probabilities()
        var generator = SeededGenerator(seed: 2024)
        let shots = 20_000
        let counts = try mps.counts(shots: shots, using: &generator)
        var chiSquare = 0.0, bins = 0
        for (index, p) in probabilities.enumerated() where p * Double(shots) >= 5 {
            let observed = Double(counts[Bitstring(index: index, qubitCount: 5)] ?? 0)
            let expected = p * Double(shots)
            chiSquare += (observed - expected) * (observed - expected) / expected
            bins += 1
        }
        // No sample may fall on a basis state of (numerically) zero probability.
        for (bits, _) in counts { #expect(probabilities[try bits.index()] > 1e-12) }
        // 99.9 % quantile of χ² with ≤ 31 degrees of freedom is below 62.
        #expect(bins > 5)
        #expect(chiSquare < 62, "χ² = \(chiSquare) over \(bins) bins")
    }

    @Test("seeded sampling is reproducible")
    func seededSamplingIsReproducible() throws {
        let mps = try MPSBackend(qubitCount: 6)
        try mps.run(try Circuit.ghz(qubitCount: 6))
        var g1 = SeededGenerator(seed: 9), g2 = SeededGenerator(seed: 9)
        let a = try mps.sample(shots: 50, using: &g1), b = try mps.sample(shots: 50, using: &g2)
        #expect(a == b)
        #expect(a.allSatisfy { Set($0.bits).count == 1 })
    }

    @Test("the real-arithmetic path and the complex path give the same state")
    func realAndComplexPathsAgree() throws {
        let circuit = try Circuit.dressed(qubitCount: 8, layers: 3)
        var rng = SeededGenerator(seed: 5)
        let values = ParameterValues(inputs: (0..<8).map { _ in rng.nextUnit() }, weights: (0..<24).map { _ in rng.nextUnit() * 6 })
        let real = try MPSBackend(qubitCount: 8, configuration: .exact(prefersRealArithmetic: true))
        let complex = try MPSBackend(qubitCount: 8, configuration: .exact(prefersRealArithmetic: false))
        try real.run(circuit, parameters: values)
        try complex.run(circuit, parameters: values)
        #expect(largestDifference(try real.statevector(), try complex.statevector()) < 1e-12)
    }

    @Test("run's reordering gives the same exact state as applying instructions one by one")
    func runMatchesSequentialApplication() throws {
        var sampler = GateSampler(seed: 77)
        let circuit = try sampler.circuit(qubits: 7, gates: 50)
        let scheduled = try MPSBackend(qubitCount: 7, configuration: .exact)
        let sequential = try MPSBackend(qubitCount: 7, configuration: .exact)
        try scheduled.run(circuit)
        for instruction in circuit.instructions { try sequential.apply(instruction) }
        #expect(largestDifference(try scheduled.statevector(), try sequential.statevector()) < 1e-10)
    }

    @Test("a product state is prepared qubit by qubit")
    func productStatePreparation() throws {
        let states = [QubitState.one, try QubitState(theta: 1.1, phi: 0.3), .zero]
        let mps = try MPSBackend(qubitCount: 3)
        try mps.prepare(productState: states)
        let amplitude = try mps.amplitude(of: try Bitstring("110"))
        #expect((amplitude - states[1].beta).length < 1e-15)
        #expect(abs(mps.norm() - 1) < 1e-15)
    }
}

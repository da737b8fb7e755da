import Foundation
import Numerics
import QompressCore
import QompressMPS
import QompressStatevector
import Testing

/// Truncation semantics: what is kept, what is reported, and when results stay exact.
@Suite struct TruncationTests {
    /// Four qubits whose middle bond (1|2) carries a generic Schmidt rank of 4 while the
    /// outer bonds can carry at most 2: only the final gate on (1, 2) can truncate.
    static func rankFourCircuit() throws -> Circuit {
        var sampler = GateSampler(seed: 404)
        var circuit = try Circuit(qubitCount: 4)
        for q in 0..<4 { try circuit.append(.unitary1(try sampler.randomUnitary(qubits: 1)), on: q) }
        for pair in [(1, 2), (0, 1), (2, 3), (1, 2)] {
            try circuit.append(.unitary2(try sampler.randomUnitary(qubits: 2)), on: pair.0, pair.1)
        }
        return circuit
    }

    @Test("a state of Schmidt rank 4 is exact at χ_max = 4 and truncated at χ_max = 3")
    func knownSchmidtRankIsExactAtThatBondDimension() throws {
        let circuit = try TruncationTests.rankFourCircuit()
        let reference = try statevectorReference(circuit)
        let atRank = try MPSBackend(qubitCount: 4, configuration: MPSConfiguration(maxBondDimension: 4, cutoff: 0))
        try atRank.run(circuit)
        #expect(atRank.truncationReport.truncations.isEmpty)
        #expect(atRank.bondDimensions == [2, 4, 2])
        #expect(largestDifference(try atRank.statevector(), try reference.statevector()) < 1e-10)

        let below = try MPSBackend(qubitCount: 4, configuration: MPSConfiguration(maxBondDimension: 3, cutoff: 0))
        try below.run(circuit)
        let report = below.truncationReport
        #expect(report.truncations.count == 1)
        #expect(report.truncations.first?.bond == 1)
        #expect(report.truncations.first?.keptBondDimension == 3)
        #expect(below.bondDimensions == [2, 3, 2])
        #expect(largestDifference(try below.statevector(), try reference.statevector()) > 1e-6)
    }

    @Test("after one truncation the reported discarded weight is 1 − |⟨exact|truncated⟩|² within 1e-8")
    func discardedWeightIsTheLostFidelity() throws {
        let circuit = try TruncationTests.rankFourCircuit()
        let exact = try MPSBackend(qubitCount: 4, configuration: .exact)
        try exact.run(circuit)
        for chi in 2...3 {
            let truncated = try MPSBackend(qubitCount: 4, configuration: MPSConfiguration(maxBondDimension: chi, cutoff: 0))
            try truncated.run(circuit)
            let report = truncated.truncationReport
            try #require(report.truncations.count == 1)
            let overlap = try exact.innerProduct(with: truncated)
            let fidelity = overlap.lengthSquared / (exact.norm() * exact.norm() * truncated.norm() * truncated.norm())
            #expect(abs(report.truncations[0].discardedWeight - (1 - fidelity)) < 1e-8)
            #expect(abs(report.fidelityEstimate - fidelity) < 1e-8)
            // Truncation keeps the norm.
            #expect(abs(truncated.norm() - 1) < 1e-12)
        }
    }

    @Test("the cutoff drops Schmidt values whose relative weight is below it, and nothing more")
    func cutoffDropsOnlyNegligibleWeight() throws {
        let circuit = try TruncationTests.rankFourCircuit()
        let exact = try MPSBackend(qubitCount: 4, configuration: .exact)
        try exact.run(circuit)
        let chi3 = try MPSBackend(qubitCount: 4, configuration: MPSConfiguration(maxBondDimension: 3, cutoff: 0))
        try chi3.run(circuit)
        let smallest = try #require(chi3.truncationReport.truncations.first).discardedWeight
        let above = try MPSBackend(qubitCount: 4, configuration: MPSConfiguration(maxBondDimension: 64, cutoff: smallest * 1.001))
        try above.run(circuit)
        #expect(above.bondDimensions[1] == 3)
        let below = try MPSBackend(qubitCount: 4, configuration: MPSConfiguration(maxBondDimension: 64, cutoff: smallest * 0.999))
        try below.run(circuit)
        #expect(below.bondDimensions[1] == 4)
        #expect(below.truncationReport.truncations.isEmpty)
    }

    @Test("GHZ on 200 qubits keeps χ = 2 and gives ⟨Z_i Z_j⟩ = 1 to the last bits")
    func ghzOnTwoHundredQubitsStaysAtBondDimensionTwo() throws {
        let n = 200
        let mps = try MPSBackend(qubitCount: n)
        try mps.run(try Circuit.ghz(qubitCount: n))
        let report = mps.truncationReport
        #expect(report.truncations.isEmpty)
        #expect(report.maxBondDimension == 2)
        #expect(mps.bondDimensions.allSatisfy { $0 == 2 })
        for (i, j) in [(0, 1), (0, 199), (17, 123), (198, 199)] {
            let zz = try mps.expectation(of: PauliSum(try PauliString([(i, .z), (j, .z)])))
            #expect(abs(zz - 1) <= 4 * .ulpOfOne, "exact up to the rounding of (1/√2)²")
        }
        #expect(mps.expectationsZ().allSatisfy { abs($0) < 1e-12 })
        let xx = try mps.expectation(of: PauliSum(try PauliString((0..<n).map { ($0, Pauli.x) })))
        #expect(abs(xx - 1) < 1e-12)
        #expect(abs(try mps.amplitude(of: Bitstring(bits: [UInt8](repeating: 1, count: n))).real - 0.5.squareRoot()) < 1e-12)
        var generator = SeededGenerator(seed: 3)
        let shots = try mps.sample(shots: 200, using: &generator)
        #expect(shots.allSatisfy { Set($0.bits).count == 1 })
        let ones = shots.filter { $0.bits[0] == 1 }.count
        #expect(ones > 60 && ones < 140)
    }

    @Test("a routed gate between the ends of a chain counts its swaps and restores qubit order")
    func routingCountsSwapsAndRestoresOrder() throws {
        let mps = try MPSBackend(qubitCount: 6, configuration: .exact)
        var circuit = try Circuit(qubitCount: 6)
        try circuit.h(0)
        try circuit.cnot(0, 5)
        try circuit.x(2)
        try mps.run(circuit)
        #expect(mps.truncationReport.swapCount == 8)
        let expected = 0.5.squareRoot()
        #expect(abs(try mps.amplitude(of: Bitstring("001000")).real - expected) < 1e-12)
        #expect(abs(try mps.amplitude(of: Bitstring("101001")).real - expected) < 1e-12)
    }

    @Test("the truncation report is a Codable value, printable as a table, and reset by prepare")
    func reportIsCodableAndReset() throws {
        let mps = try MPSBackend(qubitCount: 4, configuration: MPSConfiguration(maxBondDimension: 2, cutoff: 0))
        try mps.run(try TruncationTests.rankFourCircuit())
        let report = mps.truncationReport
        #expect(!report.truncations.isEmpty)
        #expect(report.svdCount >= 4)
        let json = try report.json()
        #expect(json.contains("\"max_bond_dimensions\"") && json.contains("\"fidelity_estimate\""))
        let decoded = try JSONDecoder.report().decode(TruncationReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        #expect(report.table.contains("fidelity"))
        #expect(report.table.split(separator: "\n").count == 3 + 3)
        mps.prepareZeroState()
        #expect(mps.truncationReport.truncations.isEmpty)
        #expect(mps.truncationReport.svdCount == 0)
        #expect(mps.truncationReport.fidelityEstimate == 1)
        #expect(mps.truncationReport.maxBondDimensions == [1, 1, 1])
    }

    @Test("capabilities report exactness only in exact mode")
    func capabilitiesFollowTheConfiguration() throws {
        #expect(try MPSBackend(qubitCount: 3, configuration: .exact).capabilities.isExact)
        #expect(!(try MPSBackend(qubitCount: 3).capabilities.isExact))
        #expect(try MPSBackend(qubitCount: 3).capabilities.name == "mps")
    }
}

import Numerics
import QompressCore
@testable import QompressMPS
import QompressStatevector
import Testing

/// The Gram route of the real two-site update (`RealGramDecomposer`) against the SVD route
/// (the complex path, `zgesdd`) and the statevector.
@Suite struct GramRouteTests {
    static func dressed(_ n: Int, layers: Int, seed: UInt64) throws -> (Circuit, ParameterValues) {
        var rng = SeededGenerator(seed: seed)
        let values = ParameterValues(inputs: (0..<n).map { _ in rng.nextUnit() * 3 },
                                     weights: (0..<(n * layers)).map { _ in rng.nextUnit() * 6 })
        return (try Circuit.dressed(qubitCount: n, layers: layers), values)
    }

    @Test("truncating the dressed circuit, the Gram route reports what the SVD route reports and stays within the truncation error of the exact state",
          arguments: [(12, 6, 4), (14, 5, 8)])
    func truncatedAgreesWithSVDRoute(_ n: Int, _ layers: Int, _ chi: Int) throws {
        let (circuit, values) = try GramRouteTests.dressed(n, layers: layers, seed: UInt64(n * 100 + chi))
        let gram = try MPSBackend(qubitCount: n, configuration: MPSConfiguration(maxBondDimension: chi, prefersRealArithmetic: true))
        let svd = try MPSBackend(qubitCount: n, configuration: MPSConfiguration(maxBondDimension: chi, prefersRealArithmetic: false))
        try gram.run(circuit, parameters: values)
        try svd.run(circuit, parameters: values)
        #expect(gram.gramSplitCount > 0)
        #expect(svd.gramSplitCount == 0)

        // Same truncations (bond, kept χ), same weights to the Gram route's resolution.
        let a = gram.truncationReport, b = svd.truncationReport
        try #require(a.truncations.count == b.truncations.count)
        #expect(a.truncations.count > 0)
        #expect(a.maxBondDimensions == b.maxBondDimensions)
        #expect(gram.bondDimensions == svd.bondDimensions)
        for (x, y) in zip(a.truncations, b.truncations) {
            #expect(x.bond == y.bond && x.keptBondDimension == y.keptBondDimension)
            #expect(abs(x.discardedWeight - y.discardedWeight) < 1e-9)
        }
        #expect(abs(a.fidelityEstimate - b.fidelityEstimate) < 1e-9)
        let zGram = gram.expectationsZ(), zSVD = svd.expectationsZ()
        #expect(zip(zGram, zSVD).allSatisfy { abs($0 - $1) < 1e-8 })

        // Against the exact state: |⟨Z⟩_exact − ⟨Z⟩_truncated| ≤ 2 √(1 − F) for normalised states.
        let reference = try StatevectorBackend(qubitCount: circuit.qubitCount)
        try reference.run(circuit, parameters: values)
        let exact = reference.expectationsZ()
        let exactAmplitudes = try reference.statevector()
        func fidelityWithExact(_ state: MPSBackend) throws -> Double {
            var overlap = Complex<Double>.zero
            for (x, y) in zip(exactAmplitudes, try state.statevector()) { overlap = overlap + x.conjugate * y }
            return overlap.lengthSquared
        }
        // Π(1 − ε_k) only estimates the fidelity; both routes lose the same.
        let fidelity = try fidelityWithExact(gram)
        #expect(abs(fidelity - (try fidelityWithExact(svd))) < 1e-9)
        #expect(abs(fidelity - a.fidelityEstimate) < 0.1)
        #expect(abs(gram.norm() - 1) < 1e-12)
        let bound = 2 * max(0, 1 - fidelity).squareRoot() + 1e-12
        #expect(zip(exact, zGram).allSatisfy { abs($0 - $1) <= bound })
    }

    @Test("without truncation the Gram route keeps the exact state within 1e-12")
    func exactStaysExact() throws {
        let (circuit, values) = try GramRouteTests.dressed(10, layers: 8, seed: 31)
        let mps = try MPSBackend(qubitCount: 10, configuration: .exact(prefersRealArithmetic: true))
        try mps.run(circuit, parameters: values)
        #expect(mps.gramSplitCount > 0)
        #expect(mps.truncationReport.truncations.isEmpty)
        // The same bond dimensions as the SVD route: structural zeros are dropped as noise.
        let svd = try MPSBackend(qubitCount: 10, configuration: .exact(prefersRealArithmetic: false))
        try svd.run(circuit, parameters: values)
        #expect(mps.bondDimensions == svd.bondDimensions)
        #expect(mps.truncationReport.maxBondDimensions == svd.truncationReport.maxBondDimensions)
        let reference = try StatevectorBackend(qubitCount: circuit.qubitCount)
        try reference.run(circuit, parameters: values)
        #expect(largestDifference(try mps.statevector(), try reference.statevector()) < 1e-12)
        #expect(zip(mps.expectationsZ(), reference.expectationsZ()).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test("the route is a function of the operations: a copy and a rerun evolve identically")
    func deterministic() throws {
        let (circuit, values) = try GramRouteTests.dressed(12, layers: 4, seed: 8)
        let first = try MPSBackend(qubitCount: 12, configuration: MPSConfiguration(maxBondDimension: 6))
        try first.run(circuit, parameters: values)
        let z = first.expectationsZ(), count = first.gramSplitCount
        let copy = first.copy()
        first.prepareZeroState()
        try first.run(circuit, parameters: values)
        #expect(first.expectationsZ() == z)
        #expect(first.gramSplitCount == count)
        try copy.run(circuit, parameters: values)
        try first.run(circuit, parameters: values)
        #expect(copy.expectationsZ() == first.expectationsZ())
    }
}

@Suite struct OperatorSchmidtRankTests {
    @Test("the operator Schmidt rank is 2 for a dressed CNOT or CZ, 4 for SWAP, 1 for a product of one-qubit gates")
    func ranks() throws {
        let ry = try Gate.ry(.constant(0.7)).matrix().elements, ry2 = try Gate.ry(.constant(-1.9)).matrix().elements
        var cnot = TwoSiteGate(try Gate.cnot.matrix(), reversed: false)
        #expect(cnot.realOperatorSchmidtRank == 2)
        cnot.precede(left: ry, right: ry2)
        #expect(cnot.realOperatorSchmidtRank == 2)
        #expect(TwoSiteGate(try Gate.cnot.matrix(), reversed: true).realOperatorSchmidtRank == 2)
        #expect(TwoSiteGate(try Gate.cz.matrix(), reversed: false).realOperatorSchmidtRank == 2)
        #expect(TwoSiteGate(try Gate.swap.matrix(), reversed: false).realOperatorSchmidtRank == 4)
        var identity = TwoSiteGate(SquareMatrix.identity(4), reversed: false)
        identity.precede(left: ry, right: ry2)
        #expect(identity.realOperatorSchmidtRank == 1)
    }
}

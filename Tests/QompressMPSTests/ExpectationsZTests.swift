import Numerics
import QompressCore
import QompressMPS
import QompressStatevector
import Testing

/// `expectationsZ()` reads the mixed canonical form; it must equal the full environment
/// contraction (`expectation(of:)`) wherever the centre is, for real and complex states.
@Suite struct ExpectationsZTests {
    @Test("⟨Z_q⟩ from the canonical form equals the full contraction and the statevector, centre anywhere",
          arguments: [(true, UInt64(1)), (false, 2)])
    func matchesFullContraction(_ real: Bool, _ seed: UInt64) throws {
        let n = 9
        var sampler = GateSampler(seed: seed)
        var circuit = try Circuit.dressed(qubitCount: n, layers: 3)
        if !real { try circuit.append(.unitary1(try sampler.randomUnitary(qubits: 1)), on: 4) }
        var rng = SeededGenerator(seed: seed)
        let values = ParameterValues(inputs: (0..<n).map { _ in rng.nextUnit() * 3 },
                                     weights: (0..<(3 * n)).map { _ in rng.nextUnit() * 6 })
        let reference = try StatevectorBackend(qubitCount: n)
        try reference.run(circuit, parameters: values)
        for chi in [64, 3] {
            let mps = try MPSBackend(qubitCount: n, configuration: MPSConfiguration(maxBondDimension: chi))
            try mps.run(circuit, parameters: values)
            // A routed gate far from the last one moves the centre to another place.
            for (a, b) in [(0, 1), (7, 8), (3, 4)] {
                try mps.apply(Instruction(.cz, [a, b], qubitCount: n), parameters: values)
                try reference.apply(Instruction(.cz, [a, b], qubitCount: n), parameters: values)
                let z = mps.expectationsZ()
                for q in 0..<n {
                    let full = try mps.expectation(of: PauliSum(try PauliString([(q, .z)])))
                    #expect(abs(z[q] - full) < 1e-12)
                }
                if chi == 64 {
                    let zExact = reference.expectationsZ()
                    #expect(zip(z, zExact).allSatisfy { abs($0 - $1) < 1e-12 })
                }
            }
        }
    }
}

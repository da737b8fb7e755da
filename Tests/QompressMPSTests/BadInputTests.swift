import Foundation
import Numerics
import QompressCore
import QompressMPS
import Testing

/// Every bad input reaches a typed error, never a trap.
@Suite struct BadInputTests {
    @Test("χ_max < 1 and negative, NaN, infinite or ≥ 1 cutoffs are rejected")
    func invalidConfigurationsThrow() {
        for chi in [0, -3] {
            #expect(throws: SimulationError.self) { try MPSConfiguration(maxBondDimension: chi) }
        }
        for cutoff in [-1e-9, .nan, .infinity, 1] {
            #expect(throws: SimulationError.self) { try MPSConfiguration(cutoff: cutoff) }
        }
        let json = Data(#"{"maxBondDimension": 0, "cutoff": 0}"#.utf8)
        #expect(throws: SimulationError.self) { try JSONDecoder().decode(MPSConfiguration.self, from: json) }
    }

    @Test("a register of no qubits is rejected")
    func emptyRegisterThrows() {
        #expect(throws: CircuitError.invalidQubitCount(0)) { try MPSBackend(qubitCount: 0) }
    }

    @Test("qubits outside the register are rejected by apply, run and observables")
    func wrongQubitsThrow() throws {
        let mps = try MPSBackend(qubitCount: 3)
        let far = try Instruction(.cnot, [0, 5], qubitCount: 10)
        #expect(throws: CircuitError.qubitOutOfRange(qubit: 5, qubitCount: 3)) { try mps.apply(far) }
        let toffoli = try Instruction(.ccx, [0, 1, 7], qubitCount: 10)
        #expect(throws: CircuitError.qubitOutOfRange(qubit: 7, qubitCount: 3)) { try mps.apply(toffoli) }
        #expect(throws: CircuitError.self) { try mps.run(try Circuit(qubitCount: 4)) }
        #expect(throws: CircuitError.qubitOutOfRange(qubit: 7, qubitCount: 3)) { try mps.expectation(of: try PauliSum("Z7")) }
        #expect(throws: CircuitError.self) { try mps.applyPauliSum(try PauliSum("X0 X3")) }
        #expect(throws: SimulationError.self) { try mps.amplitude(of: try Bitstring("01")) }
        #expect(throws: SimulationError.self) { try mps.innerProduct(with: try MPSBackend(qubitCount: 4)) }
        #expect(throws: SimulationError.self) { try mps.prepare(productState: [.zero]) }
    }

    @Test("NaN and unbound parameters throw before the state changes")
    func badParametersThrow() throws {
        let mps = try MPSBackend(qubitCount: 2)
        var circuit = try Circuit(qubitCount: 2)
        try circuit.h(0)
        try circuit.ry(.input(0), 1)
        #expect(throws: CircuitError.self) { try mps.run(circuit, parameters: ParameterValues(inputs: [.nan])) }
        #expect(throws: CircuitError.self) { try mps.run(circuit, parameters: .none) }
        #expect(throws: CircuitError.self) {
            try mps.apply(try Instruction(.crx(.weight(0)), [0, 1], qubitCount: 2), parameters: ParameterValues(weights: [.infinity]))
        }
        // The failed runs did not apply the H.
        #expect(abs(try mps.amplitude(of: try Bitstring("00")).real - 1) < 1e-15)
    }

    @Test("negative shots and dense output above the limit are rejected")
    func unsupportedRequestsThrow() throws {
        let big = try MPSBackend(qubitCount: 30)
        #expect(throws: SimulationError.self) { try big.statevector() }
        #expect(throws: SimulationError.self) { try big.probabilities() }
        var generator = SeededGenerator(seed: 1)
        #expect(throws: SimulationError.self) { try big.sample(shots: -1, using: &generator) }
        #expect(try big.sample(shots: 0, using: &generator).isEmpty)
    }

    @Test("sampling the zero state throws instead of dividing by zero")
    func zeroStateSamplingThrows() throws {
        let mps = try MPSBackend(qubitCount: 3)
        try mps.applyPauliSum(try PauliSum("Z0 - Z0"))
        #expect(mps.norm() == 0)
        var generator = SeededGenerator(seed: 1)
        #expect(throws: SimulationError.zeroNorm) { try mps.sample(shots: 3, using: &generator) }
    }

    @Test("an overflowing state makes LAPACK fail with a thrown error, not a crash")
    func lapackFailureSurfacesAsError() throws {
        let mps = try MPSBackend(qubitCount: 3)
        try mps.run(try Circuit.ghz(qubitCount: 3))
        let huge = try PauliSum("1e300 Z0 Z1 + 1e300 X1 X2")
        #expect {
            for _ in 0..<4 { try mps.applyPauliSum(huge) }
        } throws: { error in
            guard case SimulationError.lapackFailure(let routine, let info)? = error as? SimulationError else { return false }
            return !routine.isEmpty && info != 0
        }
    }
}

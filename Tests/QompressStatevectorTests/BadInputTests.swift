import Foundation
import QompressCore
import QompressStatevector
import Testing

@Suite("Bad input gives typed errors")
struct BadInputTests {
    @Test("out-of-range and repeated qubits are refused at construction")
    func invalidQubits() throws {
        var c = try Circuit(qubitCount: 3)
        #expect(throws: CircuitError.qubitOutOfRange(qubit: 3, qubitCount: 3)) { try c.h(3) }
        #expect(throws: CircuitError.qubitOutOfRange(qubit: -1, qubitCount: 3)) { try c.h(-1) }
        #expect(throws: CircuitError.repeatedQubit(qubit: 1, gate: "cx")) { try c.cnot(1, 1) }
        #expect(throws: CircuitError.wrongArity(gate: "ccx", expected: 3, got: 2)) { try c.append(.ccx, on: 0, 1) }
        #expect(throws: CircuitError.invalidQubitCount(0)) { try Circuit(qubitCount: 0) }
    }

    @Test("NaN and infinite angles are refused, at construction and at binding")
    func nonFiniteAngles() throws {
        var c = try Circuit(qubitCount: 1)
        #expect(throws: CircuitError.self) { try c.rx(.constant(.nan), 0) }
        #expect(throws: CircuitError.self) { try c.ry(.input(0, scale: .infinity), 0) }
        try c.ry(.weight(0), 0)
        let sv = try StatevectorBackend(qubitCount: 1)
        #expect(throws: CircuitError.nonFiniteParameter(.weight(0), value: .infinity)) {
            try sv.run(c, parameters: ParameterValues(weights: [.infinity]))
        }
    }

    @Test("an unbound parameter is an error")
    func unboundParameter() throws {
        var c = try Circuit(qubitCount: 2)
        try c.ry(.input(1), 0)
        let sv = try StatevectorBackend(qubitCount: 2)
        #expect(throws: CircuitError.unboundParameter(.input(1))) { try sv.run(c, parameters: ParameterValues(inputs: [0.1])) }
    }

    @Test("a non-unitary matrix is refused")
    func nonUnitaryMatrix() throws {
        let m = try SquareMatrix(rows: [[.one, .one], [.zero, .one]])
        #expect(throws: CircuitError.self) { try UnitaryMatrix(m) }
        let almost = try SquareMatrix(rows: [[.init(1 + 1e-9), .zero], [.zero, .one]])
        #expect(throws: CircuitError.self) { try UnitaryMatrix(almost) }
    }

    @Test("a state too large for memory is refused with the memory it would need")
    func stateTooLarge() throws {
        do {
            _ = try StatevectorBackend(qubitCount: 45)
            Issue.record("expected an error")
        } catch let error as SimulationError {
            guard case let .stateTooLarge(qubits, needed, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(qubits == 45)
            #expect(needed == 16 * 35_184_372_088_832)
            #expect(error.description.contains("512.0 TiB"))
        }
    }

    @Test("a configured memory ceiling refuses a state that would fit in free memory")
    func memoryCeilingIsHonoured() throws {
        let oneMiB = StatevectorConfiguration(memoryCeiling: 1_048_576)
        _ = try StatevectorBackend(qubitCount: 16, configuration: oneMiB)        // exactly 1 MiB
        #expect(throws: SimulationError.self) { try StatevectorBackend(qubitCount: 17, configuration: oneMiB) }
        #expect(throws: SimulationError.self) {
            try StatevectorBackend(qubitCount: 2, configuration: StatevectorConfiguration(memoryCeiling: .nan))
        }
        // The default ceiling is a fraction of physical memory: a state of all of it is refused.
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        let whole = Int(log2(physical / 16).rounded(.up))
        #expect(throws: SimulationError.self) { try StatevectorBackend(qubitCount: whole) }
    }

    @Test("mismatched sizes and bad arguments are errors")
    func mismatchedSizes() throws {
        let sv = try StatevectorBackend(qubitCount: 2)
        #expect(throws: CircuitError.qubitCountMismatch(expected: 2, got: 3)) { try sv.run(Circuit(qubitCount: 3)) }
        #expect(throws: SimulationError.qubitCountMismatch(expected: 2, got: 1)) { try sv.prepare(productState: [.zero]) }
        #expect(throws: CircuitError.qubitOutOfRange(qubit: 2, qubitCount: 2)) { try sv.expectation(of: PauliSum("Z2")) }
        var g = SeededGenerator(seed: 1)
        #expect(throws: SimulationError.self) { try sv.sample(shots: -1, using: &g) }
        #expect(throws: SimulationError.self) { try sv.amplitude(of: Bitstring("0")) }
        #expect(throws: SimulationError.self) { try StatevectorBackend(qubitCount: 2, configuration: .init(threadCount: -1)) }
    }
}

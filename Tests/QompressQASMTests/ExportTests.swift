import Foundation
import Numerics
import QompressCore
import QompressQASM
import QompressStatevector
import QompressTestSupport
import Testing

/// The final state of `circuit` from |0…0⟩ on the statevector backend.
private func finalState(_ circuit: Circuit, _ values: ParameterValues = .none) throws -> [Complex<Double>] {
    let state = try StatevectorBackend(qubitCount: circuit.qubitCount)
    try state.run(circuit, parameters: values)
    return try state.statevector()
}

@Suite("OpenQASM 2.0 export")
struct ExportTests {
    @Test("export then import gives the same amplitudes, over random circuits of the whole gate set",
          arguments: 0..<40)
    func roundTripKeepsAmplitudes(seed: Int) throws {
        var random = RandomCircuits(seed: UInt64(seed))
        let circuit = try random.circuit(qubits: 4, gates: 30)
        let source = try QASMExporter.source(of: circuit)
        let program = try QASMProgram(source: source)
        #expect(program.circuit.qubitCount == 4)
        let original = try finalState(circuit), imported = try finalState(program.circuit)
        // Arbitrary one- and two-qubit unitaries export up to a global phase, nothing else does.
        let exact = !circuit.instructions.contains {
            switch $0.gate {
            case .unitary1, .unitary2: return true
            default: return false
            }
        }
        #expect(distance([original], [imported], upToGlobalPhase: !exact) < 1e-10, "\(source)")
    }

    @Test("every gate kind exports on its own, exactly or up to a global phase for arbitrary unitaries")
    func everyGateKindRoundTrips() throws {
        var random = RandomCircuits(seed: 99)
        for gate in try random.allGates() {
            var c = try Circuit(qubitCount: 3)
            for q in 0..<3 { try c.append(.u3(theta: .constant(0.3 + Double(q)), phi: 0.7, lambda: -0.4), on: [q]) }
            try c.append(gate, on: Array([2, 0, 1].prefix(gate.arity)))
            let imported = try QASMProgram(source: try QASMExporter.source(of: c)).circuit
            #expect(distance(try unitary(of: c), try unitary(of: imported), upToGlobalPhase: true) < 1e-10, "\(gate)")
        }
    }

    @Test("parameters are bound to numbers; unbound or non-finite ones are refused")
    func parametersAreBound() throws {
        var c = try Circuit(qubitCount: 2)
        try c.h(0)
        try c.ry(.input(0, scale: 0.5), 1)
        try c.append(.crz(.weight(0, shift: 0.25)), on: [0, 1])
        let values = ParameterValues(inputs: [0.8], weights: [-1.3])
        let imported = try QASMProgram(source: try QASMExporter.source(of: c, parameters: values)).circuit
        #expect(distance([try finalState(c, values)], [try finalState(imported)]) < 1e-14)
        #expect(throws: CircuitError.self) { try QASMExporter.source(of: c) }
        #expect(throws: CircuitError.self) {
            try QASMExporter.source(of: c, parameters: ParameterValues(inputs: [.infinity], weights: [0]))
        }
    }

    @Test("measurements export in classical-bit order, and a program without the header reads the same")
    func measurementsAndHeaderlessPrograms() throws {
        var c = try Circuit(qubitCount: 3)
        try c.h(0)
        try c.cnot(0, 2)
        let source = try QASMExporter.source(of: c, measuring: [2, 0])
        let program = try QASMProgram(source: source)
        #expect(program.measuredQubits == [2, 0])
        let headerless = try QASMProgram(source: source.replacingOccurrences(of: "OPENQASM 2.0;\n", with: ""))
        #expect(headerless.circuit == program.circuit)
        #expect(headerless.measuredQubits == [2, 0])
    }
}

@Test("exported numbers are OpenQASM real literals that read back to the same double")
func exportedNumbersReadBackExactly() throws {
    for x in [0.1, -2.5, 1e-5, 3e300, -0.0, 7.0, .pi, 1.0 / 3] {
        var c = try Circuit(qubitCount: 1)
        try c.rz(.constant(x), 0)
        let source = try QASMExporter.source(of: c)
        #expect(source.contains("."))
        guard case let .rz(angle) = try QASMProgram(source: source).circuit.instructions[0].gate else {
            Issue.record("not an rz: \(source)")
            continue
        }
        #expect(angle.shift == x, "\(source)")
    }
}

@Test("bytes that are not UTF-8 are reported with their byte offset, line and column")
func invalidUTF8IsReportedWithItsOffset() throws {
    var bytes = Array("OPENQASM 2.0;\nqreg q[1];\nU(0,0,0) q[0]; // é\n".utf8)
    #expect(try QASMProgram(data: Data(bytes)).circuit.count == 1)
    bytes.insert(0xFF, at: 19)   // inside "qreg q[1];" on line 2
    do {
        _ = try QASMProgram(data: Data(bytes))
        Issue.record("expected an encoding error")
    } catch let error as QASMError {
        #expect(error.kind == .invalidEncoding(byteOffset: 19))
        #expect(error.line == 2 && error.column == 6)
        #expect(error.message.contains("byte offset 19"))
    }
    #expect(throws: QASMError.self) { try QASMProgram(data: Data([0xC3])) }   // truncated two-byte sequence
}

import Numerics
import QompressCore
import QompressQASM
import Testing

@Test func userGateParametersAreSubstitutedIntoItsBody() throws {
    let program = try readProgram("""
        gate rot(a, b) q { rx(a*2) q; rz(b - a) q; }
        qreg q[1];
        rot(0.25, pi) q[0];
        """)
    #expect(program.circuit.instructions.map(\.gate) == [.rx(.constant(0.5)), .rz(.constant(.pi - 0.25))])
}

@Test func nestedUserGatesExpandWithTheirOwnParametersAndQubits() throws {
    let program = try readProgram("""
        gate inner(t) a, b { cx a, b; ry(t/2) b; }
        gate outer(s) x, y, z { inner(s) z, x; inner(-s) x, y; barrier x, y; }
        qreg q[3];
        outer(1.0) q[0], q[1], q[2];
        """)
    let expected: [Instruction] = [
        try Instruction(.cnot, [2, 0], qubitCount: 3), try Instruction(.ry(.constant(0.5)), [0], qubitCount: 3),
        try Instruction(.cnot, [0, 1], qubitCount: 3), try Instruction(.ry(.constant(-0.5)), [1], qubitCount: 3),
    ]
    #expect(program.circuit.instructions == expected)
}

@Test func userGateParametersShadowNothingButPi() throws {
    let program = try readProgram("gate g(theta) q { U(theta, pi, -theta) q; }\nqreg r[1];\ng(0.5) r[0];\n")
    #expect(program.circuit.instructions.map(\.gate) == [.u3(theta: .constant(0.5), phi: .constant(.pi), lambda: .constant(-0.5))])
}

@Test func expressionsFollowPrecedenceAndTheStandardFunctions() throws {
    let cases: [(String, Double)] = [
        ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("-2^2", -4), ("2^3^2", 512), ("2^-1", 0.5),
        ("pi/2", .pi / 2), ("sin(pi/2)", 1), ("cos(0)", 1), ("tan(0)", 0), ("exp(0)", 1), ("ln(1)", 0),
        ("sqrt(16)", 4), ("asin(1)", .pi / 2), ("acos(1)", 0), ("atan(1)", .pi / 4), ("1.5e-1 + .5", 0.65),
        ("- - 3", 3), ("+3", 3), ("6/3/2", 1), ("1 - 2 - 3", -4),
    ]
    for (text, value) in cases {
        let program = try readProgram("qreg q[1];\nrz(\(text)) q[0];\n")
        guard case let .rz(angle) = program.circuit.instructions[0].gate else {
            Issue.record("rz did not import as rz")
            continue
        }
        #expect(abs(angle.shift - value) < 1e-12, "\(text)")
    }
}

@Test func registerArgumentsBroadcastElementByElement() throws {
    let program = try readProgram("qreg a[3];\nqreg b[3];\nh a;\ncx a, b;\ncx a[0], b;\n")
    let qubits = program.circuit.instructions.map(\.qubits)
    #expect(qubits == [[0], [1], [2], [0, 3], [1, 4], [2, 5], [0, 3], [0, 4], [0, 5]])
    #expect(program.quantumRegisters == [.init(name: "a", size: 3, offset: 0), .init(name: "b", size: 3, offset: 3)])
}

@Test func finalMeasurementsAreReportedInClassicalBitOrder() throws {
    let program = try readProgram("""
        qreg q[3];
        creg lo[2];
        creg hi[1];
        h q;
        measure q[2] -> lo[0];
        measure q[0] -> hi[0];
        measure q[1] -> lo[1];
        barrier q;
        measure q[1] -> lo[1];
        """)
    #expect(program.measuredQubits == [2, 1, 0])
    #expect(program.measurements.map(\.bit) == [0, 1, 2])
    #expect(program.bitName(2) == "hi[0]")
    #expect(program.qubitName(1) == "q[1]")
}

@Test func measuringWholeRegistersPairsTheirElements() throws {
    let program = try readProgram("qreg q[2];\nqreg r[1];\ncreg c[3];\nmeasure r[0] -> c[0];\n")
    #expect(program.measuredQubits == [2])
    let all = try readProgram("qreg q[3];\ncreg c[3];\nmeasure q -> c;\n")
    #expect(all.measuredQubits == [0, 1, 2])
}

@Test func gatesAfterMeasuringOtherQubitsAreAccepted() throws {
    let program = try readProgram("qreg q[2];\ncreg c[1];\nmeasure q[0] -> c[0];\nh q[1];\n")
    #expect(program.circuit.count == 1)
    #expect(program.measuredQubits == [0])
}

@Test func commentsAndWhitespaceAreIgnored() throws {
    let program = try QASMProgram(source: """
        // a comment
        OPENQASM 2.0; /* block
        comment */ include "qelib1.inc";
        qreg q[1]; x q[0]; // trailing
        """)
    #expect(program.circuit.instructions.map(\.gate) == [.x])
}

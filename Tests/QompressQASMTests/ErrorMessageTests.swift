import QompressQASM
import Testing

/// A malformed program and the error it must produce.
struct MalformedProgram: CustomTestStringConvertible, Sendable {
    var name: String
    var source: String
    var line: Int
    var column: Int
    var kind: QASMError.Kind
    var message: String

    var testDescription: String { name }
}

private let header = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n"

let malformedPrograms: [MalformedProgram] = [
    .init(name: "header after a statement", source: "qreg q[1];\nOPENQASM 2.0;", line: 2, column: 1,
          kind: .unexpectedToken(expected: "a statement (the header may appear only once)", found: "'OPENQASM'"),
          message: "line 2, column 1: expected a statement (the header may appear only once), found 'OPENQASM'"),
    .init(name: "version 3", source: "OPENQASM 3.0;\nqubit q;", line: 1, column: 10,
          kind: .unsupportedVersion("3.0"), message: "only OpenQASM 2.0 is read"),
    .init(name: "unknown include", source: "OPENQASM 2.0;\ninclude \"stdgates.inc\";", line: 2, column: 9,
          kind: .unsupportedInclude("stdgates.inc"), message: "cannot include \"stdgates.inc\""),
    .init(name: "missing semicolon", source: header + "qreg q[2]\nh q[0];", line: 4, column: 1,
          kind: .unexpectedToken(expected: "';'", found: "'h'"), message: "line 4, column 1: expected ';', found 'h'"),
    .init(name: "unknown gate", source: header + "qreg q[2];\nfoo q[0];", line: 4, column: 1,
          kind: .undefined(what: "gate", name: "foo"), message: "gate 'foo' is not defined"),
    .init(name: "unknown register", source: header + "qreg q[2];\nh r[0];", line: 4, column: 3,
          kind: .undefined(what: "quantum register", name: "r"), message: "quantum register 'r' is not defined"),
    .init(name: "index out of range", source: header + "qreg q[2];\nx q[2];", line: 4, column: 3,
          kind: .indexOutOfRange(register: "q", index: 2, size: 2), message: "index 2 is out of range for register q[2]"),
    .init(name: "wrong parameter count", source: header + "qreg q[1];\nrx(0.1, 0.2) q[0];", line: 4, column: 1,
          kind: .wrongArgumentCount(gate: "rx", what: "parameter", expected: 1, got: 2), message: "gate 'rx' takes 1 parameter, got 2"),
    .init(name: "wrong qubit count", source: header + "qreg q[3];\ncx q[0];", line: 4, column: 1,
          kind: .wrongArgumentCount(gate: "cx", what: "qubit argument", expected: 2, got: 1), message: "takes 2 qubit arguments, got 1"),
    .init(name: "same qubit twice", source: header + "qreg q[2];\ncx q[1], q[1];", line: 4, column: 1,
          kind: .invalidOperation("gate cx uses qubit q[1] more than once"), message: "uses qubit q[1] more than once"),
    .init(name: "register sizes differ", source: header + "qreg a[2];\nqreg b[3];\ncx a, b;", line: 5, column: 1,
          kind: .registerSizeMismatch("the register arguments of cx have sizes [2, 3]"), message: "register sizes differ"),
    .init(name: "division by zero", source: header + "qreg q[1];\nrz(1/0) q[0];", line: 4, column: 5,
          kind: .nonFiniteValue("the expression evaluates to inf"), message: "non-finite value"),
    .init(name: "unknown parameter", source: header + "gate g(a) q { rx(b) q; }", line: 3, column: 18,
          kind: .undefined(what: "parameter", name: "b"), message: "parameter 'b' is not defined"),
    .init(name: "recursive gate", source: header + "gate g q { g q; }", line: 3, column: 12,
          kind: .undefined(what: "gate", name: "g"), message: "gate 'g' is not defined"),
    .init(name: "redefined gate", source: header + "gate h a { x a; }", line: 3, column: 1,
          kind: .redefinition(what: "gate", name: "h"), message: "gate 'h' is already defined"),
    .init(name: "redefined register", source: header + "qreg q[1];\ncreg q[1];", line: 4, column: 1,
          kind: .redefinition(what: "register", name: "q"), message: "register 'q' is already defined"),
    .init(name: "empty register", source: header + "qreg q[0];", line: 3, column: 1,
          kind: .invalidRegisterSize("register q needs at least one element"), message: "invalid register size"),
    .init(name: "no qubits", source: header + "creg c[1];\n", line: 4, column: 1,
          kind: .invalidRegisterSize("the program declares no qubits (add a qreg)"), message: "declares no qubits"),
    .init(name: "mid-circuit measurement", source: header + "qreg q[1];\ncreg c[1];\nmeasure q[0] -> c[0];\nh q[0];",
          line: 6, column: 1,
          kind: .unsupported("mid-circuit measurement: q[0] was measured on line 5 and is used again by h"),
          message: "line 6, column 1: unsupported: mid-circuit measurement"),
    .init(name: "reset", source: header + "qreg q[1];\nreset q[0];", line: 4, column: 1,
          kind: .unsupported("reset (the simulators hold pure states and do not model measurement collapse)"),
          message: "line 4, column 1: unsupported: reset"),
    .init(name: "classically controlled gate", source: header + "qreg q[1];\ncreg c[1];\nif (c == 1) x q[0];", line: 5, column: 1,
          kind: .unsupported("classically controlled 'if' (mid-circuit measurement results are not simulated)"),
          message: "line 5, column 1: unsupported: classically controlled 'if'"),
    .init(name: "opaque gate", source: header + "opaque magic(a) q;\nqreg q[1];\nmagic(1) q[0];", line: 5, column: 1,
          kind: .unsupported("opaque gate 'magic' has no definition to simulate"), message: "opaque gate 'magic'"),
    .init(name: "measure size mismatch", source: header + "qreg q[2];\ncreg c[1];\nmeasure q -> c;", line: 5, column: 1,
          kind: .registerSizeMismatch("measure reads 2 qubits into 1 bit"), message: "measure reads 2 qubits into 1 bit"),
    .init(name: "stray character", source: header + "qreg q[1];\nx q[0]; @", line: 4, column: 9,
          kind: .unexpectedCharacter("@"), message: "line 4, column 9: unexpected character '@'"),
    .init(name: "unterminated comment", source: header + "/* never closed", line: 3, column: 1,
          kind: .unterminated("block comment"), message: "unterminated block comment"),
    .init(name: "unterminated string", source: "OPENQASM 2.0;\ninclude \"qelib1.inc;\n", line: 2, column: 9,
          kind: .unterminated("string"), message: "unterminated string"),
    .init(name: "huge integer", source: header + "qreg q[99999999999999999999];", line: 3, column: 8,
          kind: .invalidNumber("99999999999999999999"), message: "invalid number"),
    .init(name: "unknown function", source: header + "qreg q[1];\nrz(log(2)) q[0];", line: 4, column: 4,
          kind: .undefined(what: "function", name: "log"), message: "function 'log' is not defined"),
    .init(name: "index inside a gate body", source: header + "gate g a { x a[0]; }", line: 3, column: 15,
          kind: .unexpectedToken(expected: "a qubit name without an index inside a gate body", found: "'['"),
          message: "without an index inside a gate body"),
    .init(name: "nested if", source: header + "qreg q[1];\ncreg c[1];\nif (c == 1) if (c == 0) x q[0];", line: 5, column: 13,
          kind: .unexpectedToken(expected: "a gate, measure or reset after if (...)", found: "'if'"), message: "after if"),
]

@Test(arguments: malformedPrograms)
func malformedProgramsFailWithTheirLineColumnAndMessage(_ program: MalformedProgram) throws {
    let error = try #require(throws: QASMError.self) { try QASMProgram(source: program.source) }
    #expect(error.kind == program.kind)
    #expect(error.line == program.line)
    #expect(error.column == program.column)
    #expect(error.description.hasPrefix("line \(program.line), column \(program.column): "))
    #expect(error.description.contains(program.message), "\(error.description)")
}

@Test func deeplyNestedParenthesesThrowInsteadOfOverflowingTheStack() throws {
    let source = header + "qreg q[1];\nrz(" + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + ") q[0];"
    let error = try #require(throws: QASMError.self) { try QASMProgram(source: source) }
    #expect(error.kind == .nestingTooDeep(limit: QASMLimits.default.maxNestingDepth))
    let unary = header + "qreg q[1];\nrz(" + String(repeating: "-", count: 100_000) + "1) q[0];"
    #expect(throws: QASMError.self) { try QASMProgram(source: unary) }
    let sum = header + "qreg q[1];\nrz(" + Array(repeating: "1", count: 100_000).joined(separator: "+") + ") q[0];"
    #expect(throws: QASMError.self) { try QASMProgram(source: sum) }
}

@Test func nestingJustInsideTheLimitIsAccepted() throws {
    let depth = QASMLimits.default.maxNestingDepth / 2 - 1
    let source = header + "qreg q[1];\nrz(" + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + ") q[0];"
    #expect(try QASMProgram(source: source).circuit.count == 1)
}

@Test func exponentialGateExpansionStopsAtTheInstructionLimit() throws {
    var source = header + "gate g0 a { x a; }\n"
    for k in 1...40 { source += "gate g\(k) a { g\(k - 1) a; g\(k - 1) a; }\n" }
    source += "qreg q[1];\ng40 q[0];\n"
    let error = try #require(throws: QASMError.self) {
        try QASMProgram(source: source, limits: QASMLimits(maxInstructionCount: 10_000))
    }
    #expect(error.kind == .programTooLarge("more than 10000 instructions after expansion"))
}

@Test func deeplyNestedGateDefinitionsHitTheDepthLimit() throws {
    var source = header + "gate g0 a { x a; }\n"
    for k in 1...100 { source += "gate g\(k) a { g\(k - 1) a; }\n" }
    source += "qreg q[1];\ng100 q[0];\n"
    let error = try #require(throws: QASMError.self) { try QASMProgram(source: source) }
    #expect(error.kind == .nestingTooDeep(limit: 64))
}

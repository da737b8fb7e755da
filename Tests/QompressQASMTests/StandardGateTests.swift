import Numerics
import QompressCore
import QompressQASM
import Testing

/// qelib1.inc's definitions, transcribed as user gates `r_<name>` written with the built-ins
/// `U` and `CX` only (each uses only earlier ones): the reference every mapping is checked
/// against.
let qelib1Reference = """
gate r_u3(theta,phi,lambda) q { U(theta,phi,lambda) q; }
gate r_u2(phi,lambda) q { U(pi/2,phi,lambda) q; }
gate r_u1(lambda) q { U(0,0,lambda) q; }
gate r_u(theta,phi,lambda) q { U(theta,phi,lambda) q; }
gate r_p(lambda) q { U(0,0,lambda) q; }
gate r_u0(gamma) q { U(0,0,0) q; }
gate r_id a { U(0,0,0) a; }
gate r_cx c,t { CX c,t; }
gate r_x a { r_u3(pi,0,pi) a; }
gate r_y a { r_u3(pi,pi/2,pi/2) a; }
gate r_z a { r_u1(pi) a; }
gate r_h a { r_u2(0,pi) a; }
gate r_s a { r_u1(pi/2) a; }
gate r_sdg a { r_u1(-pi/2) a; }
gate r_t a { r_u1(pi/4) a; }
gate r_tdg a { r_u1(-pi/4) a; }
gate r_rx(theta) a { r_u3(theta,-pi/2,pi/2) a; }
gate r_ry(theta) a { r_u3(theta,0,0) a; }
gate r_rz(phi) a { r_u1(phi) a; }
gate r_sx a { r_sdg a; r_h a; r_sdg a; }
gate r_sxdg a { r_s a; r_h a; r_s a; }
gate r_cz a,b { r_h b; CX a,b; r_h b; }
gate r_cy a,b { r_sdg b; CX a,b; r_s b; }
gate r_swap a,b { CX a,b; CX b,a; CX a,b; }
gate r_ch a,b { r_h b; r_sdg b; CX a,b; r_h b; r_t b; CX a,b; r_t b; r_h b; r_s b; r_x b; r_s a; }
gate r_ccx a,b,c {
  r_h c; CX b,c; r_tdg c; CX a,c; r_t c; CX b,c; r_tdg c; CX a,c;
  r_t b; r_t c; r_h c; CX a,b; r_t a; r_tdg b; CX a,b;
}
gate r_cswap a,b,c { CX c,b; r_ccx a,b,c; CX c,b; }
gate r_crx(lambda) a,b { r_u1(pi/2) b; CX a,b; r_u3(-lambda/2,0,0) b; CX a,b; r_u3(lambda/2,-pi/2,0) b; }
gate r_cry(lambda) a,b { r_ry(lambda/2) b; CX a,b; r_ry(-lambda/2) b; CX a,b; }
gate r_crz(lambda) a,b { r_u1(lambda/2) b; CX a,b; r_u1(-lambda/2) b; CX a,b; }
gate r_cu1(lambda) a,b { r_u1(lambda/2) a; CX a,b; r_u1(-lambda/2) b; CX a,b; r_u1(lambda/2) b; }
gate r_cp(lambda) a,b { r_p(lambda/2) a; CX a,b; r_p(-lambda/2) b; CX a,b; r_p(lambda/2) b; }
gate r_cu3(theta,phi,lambda) c,t {
  r_u1((lambda+phi)/2) c; r_u1((lambda-phi)/2) t; CX c,t;
  r_u3(-theta/2,0,-(phi+lambda)/2) t; CX c,t; r_u3(theta/2,phi,0) t;
}
gate r_csx a,b { r_h b; r_cu1(pi/2) a,b; r_h b; }
gate r_cu(theta,phi,lambda,gamma) c,t {
  r_p(gamma) c; r_p((lambda+phi)/2) c; r_p((lambda-phi)/2) t; CX c,t;
  r_u(-theta/2,0,-(phi+lambda)/2) t; CX c,t; r_u(theta/2,phi,0) t;
}
gate r_rxx(theta) a,b { r_u3(pi/2,theta,0) a; r_h b; CX a,b; r_u1(-theta) b; CX a,b; r_h b; r_u2(-pi,pi-theta) a; }
gate r_rzz(theta) a,b { CX a,b; r_u1(theta) b; CX a,b; }
gate r_rccx a,b,c {
  r_u2(0,pi) c; r_u1(pi/4) c; CX b,c; r_u1(-pi/4) c; CX a,c;
  r_u1(pi/4) c; CX b,c; r_u1(-pi/4) c; r_u2(0,pi) c;
}

"""

/// One qelib1 gate: how it is called, the IR gate it must import as (when it maps to one),
/// and whether qelib1 defines it only up to a global phase.
struct StandardGateCase: CustomTestStringConvertible, Sendable {
    var name: String
    var parameters: String
    var qubits: Int
    var irGate: Gate?
    var upToGlobalPhase = false

    var testDescription: String { name + parameters }
}

private func c(_ x: Double) -> Angle { .constant(x) }

let standardGateCases: [StandardGateCase] = [
    .init(name: "u3", parameters: "(0.3,-1.1,2.2)", qubits: 1, irGate: .u3(theta: c(0.3), phi: c(-1.1), lambda: c(2.2))),
    .init(name: "u", parameters: "(0.3,-1.1,2.2)", qubits: 1, irGate: .u3(theta: c(0.3), phi: c(-1.1), lambda: c(2.2))),
    .init(name: "u2", parameters: "(0.4,-0.9)", qubits: 1, irGate: .u2(phi: c(0.4), lambda: c(-0.9))),
    .init(name: "u1", parameters: "(0.7)", qubits: 1, irGate: .phase(c(0.7))),
    .init(name: "p", parameters: "(0.7)", qubits: 1, irGate: .phase(c(0.7))),
    .init(name: "u0", parameters: "(0.7)", qubits: 1, irGate: .identity),
    .init(name: "id", parameters: "", qubits: 1, irGate: .identity),
    .init(name: "cx", parameters: "", qubits: 2, irGate: .cnot),
    .init(name: "x", parameters: "", qubits: 1, irGate: .x),
    .init(name: "y", parameters: "", qubits: 1, irGate: .y),
    .init(name: "z", parameters: "", qubits: 1, irGate: .z),
    .init(name: "h", parameters: "", qubits: 1, irGate: .h),
    .init(name: "s", parameters: "", qubits: 1, irGate: .s),
    .init(name: "sdg", parameters: "", qubits: 1, irGate: .sdg),
    .init(name: "t", parameters: "", qubits: 1, irGate: .t),
    .init(name: "tdg", parameters: "", qubits: 1, irGate: .tdg),
    .init(name: "rx", parameters: "(0.9)", qubits: 1, irGate: .rx(c(0.9))),
    .init(name: "ry", parameters: "(0.9)", qubits: 1, irGate: .ry(c(0.9))),
    .init(name: "rz", parameters: "(0.9)", qubits: 1, irGate: .rz(c(0.9)), upToGlobalPhase: true),
    .init(name: "sx", parameters: "", qubits: 1, irGate: .sx, upToGlobalPhase: true),
    .init(name: "sxdg", parameters: "", qubits: 1, irGate: .sxdg, upToGlobalPhase: true),
    .init(name: "cz", parameters: "", qubits: 2, irGate: .cz),
    .init(name: "cy", parameters: "", qubits: 2, irGate: .cy),
    .init(name: "swap", parameters: "", qubits: 2, irGate: .swap),
    .init(name: "ch", parameters: "", qubits: 2, irGate: .ch, upToGlobalPhase: true),
    .init(name: "ccx", parameters: "", qubits: 3, irGate: .ccx),
    .init(name: "cswap", parameters: "", qubits: 3, irGate: .cswap),
    .init(name: "crx", parameters: "(1.3)", qubits: 2, irGate: .crx(c(1.3))),
    .init(name: "cry", parameters: "(1.3)", qubits: 2, irGate: .cry(c(1.3))),
    .init(name: "crz", parameters: "(1.3)", qubits: 2, irGate: .crz(c(1.3))),
    .init(name: "cu1", parameters: "(1.3)", qubits: 2, irGate: .cphase(c(1.3))),
    .init(name: "cp", parameters: "(1.3)", qubits: 2, irGate: .cphase(c(1.3))),
    .init(name: "cu3", parameters: "(0.3,-1.1,2.2)", qubits: 2, irGate: nil),
    .init(name: "csx", parameters: "", qubits: 2, irGate: nil),
    .init(name: "cu", parameters: "(0.3,-1.1,2.2,0.5)", qubits: 2, irGate: nil),
    .init(name: "rxx", parameters: "(0.8)", qubits: 2, irGate: .rxx(c(0.8)), upToGlobalPhase: true),
    .init(name: "rzz", parameters: "(0.8)", qubits: 2, irGate: .rzz(c(0.8)), upToGlobalPhase: true),
    .init(name: "rccx", parameters: "", qubits: 3, irGate: nil),
]

/// `q[n-1], …, q[0]`: a qubit order that is not the identity, to catch swapped roles.
private func reversedArguments(_ n: Int) -> String {
    (0..<n).reversed().map { "q[\($0)]" }.joined(separator: ",")
}

@Test(arguments: standardGateCases)
func importedQelib1GateEqualsItsQelib1Definition(_ gate: StandardGateCase) throws {
    let arguments = reversedArguments(gate.qubits)
    let imported = try readProgram("qreg q[\(gate.qubits)];\n\(gate.name)\(gate.parameters) \(arguments);\n")
    let reference = try readProgram(qelib1Reference + "qreg q[\(gate.qubits)];\nr_\(gate.name)\(gate.parameters) \(arguments);\n")
    if let irGate = gate.irGate {
        #expect(imported.circuit.instructions == [try Instruction(irGate, Array((0..<gate.qubits).reversed()), qubitCount: gate.qubits)])
    }
    let exact = distance(try unitary(of: imported.circuit), try unitary(of: reference.circuit))
    let upToPhase = distance(try unitary(of: imported.circuit), try unitary(of: reference.circuit), upToGlobalPhase: true)
    #expect(upToPhase < 1e-12)
    if gate.upToGlobalPhase {
        #expect(exact > 1e-6, "documented as equal only up to a global phase, but it is exact")
    } else {
        #expect(exact < 1e-12)
    }
}

@Test func builtinUIsTheU3MatrixAndCXIsCNOT() throws {
    let program = try QASMProgram(source: "OPENQASM 2.0; qreg q[2]; U(0.1,0.2,0.3) q[1]; CX q[1],q[0];")
    #expect(program.circuit.instructions.map(\.gate) == [.u3(theta: c(0.1), phi: c(0.2), lambda: c(0.3)), .cnot])
    #expect(program.circuit.instructions.map(\.qubits) == [[1], [1, 0]])
}

/// The dense matrix (over basis indices, qubit q = bit q) of `u` on `target` controlled by
/// every qubit in `controls`.
private func multiControlledReference(_ u: SquareMatrix, controls: [Int], target: Int, qubits n: Int) -> [[Complex<Double>]] {
    (0..<(1 << n)).map { b in
        var column = [Complex<Double>](repeating: .zero, count: 1 << n)
        guard controls.allSatisfy({ (b >> $0) & 1 == 1 }) else {
            column[b] = .one
            return column
        }
        let bit = (b >> target) & 1
        for out in 0...1 { column[(b & ~(1 << target)) | (out << target)] = u[out, bit] }
        return column
    }
}

@Test(arguments: [("c3x", 4, Gate.x), ("c3sqrtx", 4, Gate.sx), ("c4x", 5, Gate.x),
                  ("cccx", 4, Gate.x), ("cccsqrtx", 4, Gate.sx), ("ccccx", 5, Gate.x)])
func multiControlledQelib1GatesAreExact(_ name: String, _ n: Int, _ base: Gate) throws {
    let program = try readProgram("qreg q[\(n)];\n\(name) \(reversedArguments(n));\n")
    let controls = Array((1..<n).reversed())
    let expected = multiControlledReference(try base.matrix(), controls: controls, target: 0, qubits: n)
    #expect(distance(try unitary(of: program.circuit), expected) < 1e-12)
}

@Test(arguments: [("rccx", 3), ("rc3x", 4), ("rcccx", 4)])
func relativePhaseToffolisMatchTheirToffoliUpToRelativePhases(_ name: String, _ n: Int) throws {
    let program = try readProgram("qreg q[\(n)];\n\(name) \(reversedArguments(n));\n")
    let expected = multiControlledReference(try Gate.x.matrix(), controls: Array((1..<n).reversed()), target: 0, qubits: n)
    let actual = try unitary(of: program.circuit)
    let magnitudes = zip(actual.flatMap { $0 }, expected.flatMap { $0 }).map { abs($0.length - $1.length) }.max() ?? 1
    #expect(magnitudes < 1e-12)
    #expect(distance(actual, expected) > 1e-6, "a relative-phase Toffoli is not the Toffoli itself")
}

@Test func standardGatesNeedTheInclude() throws {
    #expect(throws: QASMError.self) { try QASMProgram(source: "OPENQASM 2.0;\nqreg q[1];\nh q[0];\n") }
    let error = try #require(throws: QASMError.self) { try QASMProgram(source: "OPENQASM 2.0;\nqreg q[1];\nh q[0];\n") }
    #expect(error.kind == .undefined(what: "gate", name: "h"))
    #expect(error.line == 3 && error.column == 1)
}

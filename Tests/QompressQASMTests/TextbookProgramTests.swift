import Foundation
import Numerics
import QompressCore
import QompressQASM
import Testing

/// Reads `Examples/qasm/<name>` from the package's source tree.
func exampleProgram(_ name: String) throws -> QASMProgram {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let source = try String(contentsOf: root.appendingPathComponent("Examples/qasm/\(name)"), encoding: .utf8)
    return try QASMProgram(source: source)
}

/// Expects the imported and the API-built circuit to give the same statevector on both
/// backends (exactly up to rounding: no global phase is allowed), and returns it.
@discardableResult
func expectSameStatevector(_ imported: Circuit, _ built: Circuit) throws -> [Complex<Double>] {
    #expect(imported.qubitCount == built.qubitCount)
    let fromFile = try statevectorsOnBothBackends(imported)
    let fromAPI = try statevectorsOnBothBackends(built)
    for (name, k) in [("statevector", 0), ("MPS", 1)] {
        #expect(distance(fromFile[k], fromAPI[k]) < 1e-12, "\(name)")
    }
    #expect(distance(fromFile[0], fromFile[1]) < 1e-10, "statevector and MPS disagree")
    return fromFile[0]
}

@Test func qftProgramMatchesTheAPICircuitAndSpreadsABasisStateUniformly() throws {
    let program = try exampleProgram("qft4.qasm")
    var circuit = try Circuit(qubitCount: 4)
    try circuit.x(0)
    try circuit.x(2)
    for target in stride(from: 3, through: 0, by: -1) {
        try circuit.h(target)
        for control in stride(from: target - 1, through: 0, by: -1) {
            try circuit.append(.cphase(.constant(.pi / Double(1 << (target - control)))), on: control, target)
        }
    }
    try circuit.swap(0, 3)
    try circuit.swap(1, 2)
    let state = try expectSameStatevector(program.circuit, circuit)
    #expect(state.allSatisfy { abs($0.lengthSquared - 1.0 / 16) < 1e-12 })
    #expect(program.measuredQubits == [0, 1, 2, 3])
}

@Test func groverProgramMatchesTheAPICircuitAndFindsTheMarkedState() throws {
    let program = try exampleProgram("grover3.qasm")
    var circuit = try Circuit(qubitCount: 3)
    func ccz() throws {
        try circuit.h(2)
        try circuit.ccx(0, 1, 2)
        try circuit.h(2)
    }
    for q in 0..<3 { try circuit.h(q) }
    for _ in 0..<2 {
        try circuit.x(1)
        try ccz()
        try circuit.x(1)
        for q in 0..<3 { try circuit.h(q) }
        for q in 0..<3 { try circuit.x(q) }
        try ccz()
        for q in 0..<3 { try circuit.x(q) }
        for q in 0..<3 { try circuit.h(q) }
    }
    let state = try expectSameStatevector(program.circuit, circuit)
    let marked = 0b101
    #expect(abs(state[marked].lengthSquared - 0.9453125) < 1e-12)
}

@Test func adderProgramMatchesTheAPICircuitAndAdds() throws {
    let program = try exampleProgram("adder4.qasm")
    let cin = 0, a = [1, 2, 3, 4], b = [5, 6, 7, 8], cout = 9
    var circuit = try Circuit(qubitCount: 10)
    for q in [a[0], a[2], b[1], b[2]] { try circuit.x(q) }
    func majority(_ x: Int, _ y: Int, _ z: Int) throws {
        try circuit.cnot(z, y)
        try circuit.cnot(z, x)
        try circuit.ccx(x, y, z)
    }
    func unmajority(_ x: Int, _ y: Int, _ z: Int) throws {
        try circuit.ccx(x, y, z)
        try circuit.cnot(z, x)
        try circuit.cnot(x, y)
    }
    try majority(cin, b[0], a[0])
    for k in 1..<4 { try majority(a[k - 1], b[k], a[k]) }
    try circuit.cnot(a[3], cout)
    for k in stride(from: 3, through: 1, by: -1) { try unmajority(a[k - 1], b[k], a[k]) }
    try unmajority(cin, b[0], a[0])
    let state = try expectSameStatevector(program.circuit, circuit)
    #expect(program.measuredQubits == b + [cout])
    // 5 + 6 = 11 = 0b01011: b holds the low four bits, cout the carry; a is restored to 5.
    let expected = (1 << a[0]) | (1 << a[2]) | (1 << b[0]) | (1 << b[1]) | (1 << b[3])
    #expect(abs(state[expected].lengthSquared - 1) < 1e-12)
}

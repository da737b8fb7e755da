import Foundation
import QompressCore
import QompressQASM
import Testing

/// Programs the fuzzer mutates: the textbook examples and one that touches every construct.
private func seedPrograms() throws -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let examples = try ["qft4.qasm", "grover3.qasm", "adder4.qasm"].map {
        try String(contentsOf: root.appendingPathComponent("Examples/qasm/\($0)"), encoding: .utf8)
    }
    let everything = """
        OPENQASM 2.0;
        include "qelib1.inc";
        /* block */ opaque op(a) q;
        gate g(theta, phi) a, b { rx(theta * 2 - phi) a; cu3(theta, phi, -pi/2) a, b; barrier a, b; }
        gate h2 a, b { g(sin(pi/3), ln(2)^2) b, a; h a; }
        qreg q[3];
        qreg r[2];
        creg c[3];
        creg d[2];
        u(0.1, 0.2, 0.3) q[0];
        h2 q[0], q[1];
        cx r, q[2] ;
        rzz(-1.5e-1) r[0], r[1];
        c3x q[0], q[1], q[2], r[0];
        barrier q, r;
        measure q -> c;
        measure r[1] -> d[0];
        """
    return examples + [everything]
}

/// Pieces of syntax spliced into programs.
private let fragments = [
    ";", ",", "(", ")", "[", "]", "{", "}", "->", "==", "+", "-", "*", "/", "^", "\"", "//", "/*", "*/",
    "gate", "opaque", "qreg", "creg", "measure", "reset", "barrier", "if", "include", "OPENQASM 2.0;",
    "pi", "sin(", "ln(", "0", "1", "-1", "1e308", "1e999", ".5", "99999999999999999999", "2147483648",
    "q", "q[0]", "q[7]", "c", "U", "CX", "cx", "h", "ccx", "g", "\n", " ", "é", "\u{0}", "qreg big[1048576];",
]

/// A deterministic mutation of `program`: truncation, deletion, duplication, insertion of
/// a fragment, a random character, or swapping two lines.
private func mutate(_ program: String, using rng: inout SeededGenerator) -> String {
    var scalars = Array(program.unicodeScalars)
    let rounds = 1 + Int(rng.next() % 3)
    for _ in 0..<rounds {
        let count = scalars.count
        let at = count == 0 ? 0 : Int(rng.next() % UInt64(count + 1))
        switch rng.next() % 6 {
        case 0:
            scalars = Array(scalars[..<at])
        case 1:
            let end = min(count, at + 1 + Int(rng.next() % 12))
            if at < end { scalars.removeSubrange(at..<end) }
        case 2:
            let end = min(count, at + 1 + Int(rng.next() % 40))
            if at < end { scalars.insert(contentsOf: Array(scalars[at..<end]), at: at) }
        case 3:
            let fragment = fragments[Int(rng.next() % UInt64(fragments.count))]
            scalars.insert(contentsOf: Array(fragment.unicodeScalars), at: at)
        case 4:
            let scalar = Unicode.Scalar(UInt8(rng.next() % 128))
            if at < count { scalars[at] = scalar } else { scalars.append(scalar) }
        default:
            var lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count > 1 {
                let i = Int(rng.next() % UInt64(lines.count)), j = Int(rng.next() % UInt64(lines.count))
                lines.swapAt(i, j)
            }
            scalars = Array(lines.joined(separator: "\n").unicodeScalars)
        }
    }
    return String(String.UnicodeScalarView(scalars))
}

@Test func mutatedAndTruncatedProgramsParseOrThrowQASMError() throws {
    let seeds = try seedPrograms()
    for seed in seeds { _ = try QASMProgram(source: seed) }   // the unmutated seeds are valid
    var rng = SeededGenerator(seed: 2024)
    var parsed = 0, rejected = 0
    let start = Date()
    for k in 0..<3000 {
        let source = mutate(seeds[k % seeds.count], using: &rng)
        do {
            let program = try QASMProgram(source: source)
            #expect(program.circuit.qubitCount >= 1)
            parsed += 1
        } catch let error as QASMError {
            #expect(error.line >= 1 && error.column >= 1)
            rejected += 1
        } catch {
            Issue.record("program \(k) threw a non-QASMError \(error):\n\(source)")
        }
    }
    #expect(parsed > 100, "the mutations should leave some programs valid")
    #expect(rejected > 1000, "the mutations should break most programs")
    #expect(Date().timeIntervalSince(start) < 30)
}

@Test func everyPrefixOfAValidProgramParsesOrThrowsQASMError() throws {
    let program = try seedPrograms()[3]
    let scalars = Array(program.unicodeScalars)
    for end in 0...scalars.count {
        do {
            _ = try QASMProgram(source: String(String.UnicodeScalarView(scalars[..<end])))
        } catch is QASMError {
        } catch {
            Issue.record("prefix of length \(end) threw a non-QASMError \(error)")
        }
    }
}

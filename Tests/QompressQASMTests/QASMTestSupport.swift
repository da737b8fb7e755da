import Numerics
import QompressCore
import QompressMPS
import QompressQASM
import QompressStatevector

/// Reads a program that starts with the header and `include "qelib1.inc";`.
func readProgram(_ body: String) throws -> QASMProgram {
    try QASMProgram(source: "OPENQASM 2.0;\ninclude \"qelib1.inc\";\n" + body)
}

/// The unitary of `circuit` as a matrix over basis indices (qubit q is bit q of the index):
/// column b is the state the circuit makes from basis state b.
func unitary(of circuit: Circuit) throws -> [[Complex<Double>]] {
    let n = circuit.qubitCount
    let state = try StatevectorBackend(qubitCount: n)
    return try (0..<(1 << n)).map { b in
        try state.prepare(productState: (0..<n).map { (b >> $0) & 1 == 1 ? .one : .zero })
        try state.run(circuit)
        return try state.statevector()
    }
}

/// max |a − b| over all entries; when `upToGlobalPhase`, `b` is first multiplied by the phase
/// that best aligns it with `a`.
func distance(_ a: [[Complex<Double>]], _ b: [[Complex<Double>]], upToGlobalPhase: Bool = false) -> Double {
    let x = a.flatMap { $0 }, y = b.flatMap { $0 }
    guard x.count == y.count else { return .infinity }
    var phase = Complex<Double>.one
    if upToGlobalPhase {
        let overlap = zip(x, y).reduce(Complex<Double>.zero) { $0 + $1.0 * $1.1.conjugate }
        if overlap.length > 0 { phase = overlap / Complex(overlap.length) }
    }
    return zip(x, y).map { ($0 - phase * $1).length }.max() ?? 0
}

/// max |a_i − b_i|.
func distance(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { ($0 - $1).length }.max() ?? 0
}

/// The final statevectors of `circuit` on the statevector backend and the exact MPS.
func statevectorsOnBothBackends(_ circuit: Circuit) throws -> [[Complex<Double>]] {
    let sv = try StatevectorBackend(qubitCount: circuit.qubitCount)
    try sv.run(circuit)
    let mps = try MPSBackend(qubitCount: circuit.qubitCount, configuration: .exact)
    try mps.run(circuit)
    return [try sv.statevector(), try mps.statevector()]
}

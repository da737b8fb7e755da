// Watch the MPS truncation report as χ shrinks.
//
//     swift run ExampleTruncationReport
//
// A random circuit of U3 and RZZ layers on 12 qubits reaches bond dimension 13 when nothing
// is cut. Below that the MPS keeps the χ largest Schmidt values at every two-site update; the report
// lists each truncation and multiplies the kept weights into a fidelity estimate, which is
// compared here with the exact fidelity |⟨exact|mps⟩|² from the statevector.
import Foundation
import Qompress

let n = 12
var generator = SeededGenerator(seed: 5)
var angles = (0..<(8 * 4 * n)).map { _ in Angle.constant((generator.nextUnit() * 2 - 1) * .pi) }.makeIterator()
var circuit = try Circuit(qubitCount: n)
for layer in 0..<8 {
    for q in 0..<n { try circuit.append(.u3(theta: angles.next()!, phi: angles.next()!, lambda: angles.next()!), on: q) }
    for q in stride(from: layer % 2, to: n - 1, by: 2) { try circuit.append(.rzz(angles.next()!), on: q, q + 1) }
}

let exact = try StatevectorBackend(qubitCount: n)
try exact.run(circuit)
let reference = try exact.statevector()

print("  χ   truncations  max bond  Σ discarded  fidelity estimate  exact fidelity")
var smallest: TruncationReport?
for chi in [64, 32, 16, 8, 4, 2] {
    let mps = try MPSBackend(qubitCount: n, configuration: MPSConfiguration(maxBondDimension: chi))
    try mps.run(circuit)
    let report = mps.truncationReport
    let amplitudes = try mps.statevector()
    var overlap = zip(reference, amplitudes).reduce(into: (0.0, 0.0)) { sum, pair in
        let term = pair.0.conjugate * pair.1
        sum.0 += term.real
        sum.1 += term.imaginary
    }
    overlap = (overlap.0 / mps.norm(), overlap.1 / mps.norm())
    let fidelity = overlap.0 * overlap.0 + overlap.1 * overlap.1
    print(String(format: "%3d   %11d  %8d  %11.2e  %17.6f  %14.6f", chi, report.truncations.count,
                 report.maxBondDimension, report.totalDiscardedWeight, report.fidelityEstimate, fidelity))
    smallest = report
}
print("\nThe full report at χ = 2 (per bond):")
print(smallest!.table)

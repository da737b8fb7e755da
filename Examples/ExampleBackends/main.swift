// Build one circuit and run it on both backends: the exact statevector and the MPS.
//
//     swift run ExampleBackends
//
// The same `Circuit` value runs on either register; the answers agree to rounding because
// this circuit is far below the MPS's default bond-dimension limit.
import Foundation
import Qompress

// A circuit is a value; the builder checks every qubit index and angle as it is written.
var circuit = try Circuit(qubitCount: 4)
try circuit.h(0)
for q in 0..<3 { try circuit.cnot(q, q + 1) }          // GHZ on 4 qubits
try circuit.ry(.input(0, scale: 0.5), 2)               // RY(x/2) on qubit 2, x bound below
try circuit.rz(0.3, 3)                                 // a constant angle
let parameters = ParameterValues(inputs: [1.2])
let observable = try PauliSum("Z0 Z1 + 0.5 X2")

// The exact statevector: 2^n amplitudes.
let statevector = try StatevectorBackend(qubitCount: 4)
try statevector.run(circuit, parameters: parameters)

// The MPS: a chain of tensors; `.exact` never truncates (see ExampleTruncationReport).
let mps = try MPSBackend(qubitCount: 4, configuration: .exact)
try mps.run(circuit, parameters: parameters)

func fixed(_ values: [Double]) -> String { values.map { String(format: "%+.6f", $0) }.joined(separator: " ") }

print("⟨Z_i⟩ statevector:", fixed(statevector.expectationsZ()))
print("⟨Z_i⟩ MPS:        ", fixed(mps.expectationsZ()))
print("⟨Z0 Z1 + 0.5 X2⟩ statevector: \(try statevector.expectation(of: observable))")
print("⟨Z0 Z1 + 0.5 X2⟩ MPS:         \(try mps.expectation(of: observable))")

// Sampling is reproducible with a seeded generator; a Bitstring prints qubit 0 first.
var generator = SeededGenerator(seed: 42)
let counts = try statevector.counts(shots: 1000, using: &generator)
print("1000 shots on the statevector:", counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))

let difference = zip(try statevector.statevector(), try mps.statevector()).map { ($0 - $1).length }.max() ?? 0
print(String(format: "largest amplitude difference between the backends: %.1e", difference))
guard difference < 1e-10 else { fatalError("the backends disagree") }

// Choose the backend of an experiment with one argument.
//
//     swift run ExampleChooseBackend statevector
//     swift run ExampleChooseBackend mps
//
// The experiment is written once, generic over `Backend`; choosing a simulator is choosing
// the type (and its configuration) that the generic function is called with.
import Foundation
import Qompress

/// The experiment: prepare a dressed variational circuit and return ⟨Z_i⟩ and an energy.
func experiment<B: Backend>(on state: B) throws -> (z: [Double], energy: Double) {
    let n = state.qubitCount
    let circuit = try Circuit.dressed(qubitCount: n, layers: 3)
    let inputs = (0..<n).map { 0.1 * Double($0 + 1) }
    let weights = (0..<(3 * n)).map { 0.2 * Double($0 % 5) - 0.4 }
    try state.run(circuit, parameters: ParameterValues(inputs: inputs, weights: weights))
    // A nearest-neighbour ZZ chain plus a transverse field.
    let terms = (0..<(n - 1)).map { "Z\($0) Z\($0 + 1)" } + (0..<n).map { "0.5 X\($0)" }
    return (state.expectationsZ(), try state.expectation(of: PauliSum(terms.joined(separator: " + "))))
}

let choice = CommandLine.arguments.dropFirst().first ?? "statevector"
let qubits = 10
let result: (z: [Double], energy: Double)
switch choice {
case "statevector":
    result = try experiment(on: StatevectorBackend(qubitCount: qubits))
case "mps":
    // χ_max = 16 is plenty for 3 layers on 10 qubits; the report says whether anything was cut.
    let state = try MPSBackend(qubitCount: qubits, configuration: MPSConfiguration(maxBondDimension: 16))
    result = try experiment(on: state)
    print("MPS fidelity estimate: \(state.truncationReport.fidelityEstimate)")
default:
    print("usage: ExampleChooseBackend [statevector|mps]")
    exit(2)
}
print("backend \(choice): energy = \(result.energy)")
print("⟨Z_i⟩ =", result.z.map { String(format: "%+.5f", $0) }.joined(separator: " "))

// Train a dressed circuit on a toy problem with plain gradient descent.
//
//     swift run ExampleTrainToyCircuit
//
// Task: label four 2-bit inputs by their parity (XOR), read out as ⟨Z0⟩ ≈ +1 for even and
// −1 for odd parity. Inputs are encoded by RY(π·x_i); the weights are the RY angles of the
// dressed circuit's layers. Gradients come from the adjoint method in QompressGradients
// (one forward and one backward sweep per sample, any number of weights).
import Foundation
import Qompress

let data: [(x: [Double], label: Double)] = [([0, 0], 1), ([0, 1], -1), ([1, 0], -1), ([1, 1], 1)]
let layers = 2
let circuit = try Circuit.dressed(qubitCount: 2, layers: layers, inputScale: .pi)
let readout = try PauliSum("Z0")

/// Mean squared error over the data set and its gradient with respect to the weights.
func lossAndGradient(_ weights: [Double]) throws -> (loss: Double, gradient: [Double]) {
    var loss = 0.0
    var gradient = [Double](repeating: 0, count: weights.count)
    for sample in data {
        let state = try StatevectorBackend(qubitCount: 2)
        let (value, derivative) = try AdjointDifferentiation.gradient(
            of: readout, circuit: circuit,
            parameters: ParameterValues(inputs: sample.x, weights: weights), state: state)
        let error = value - sample.label
        loss += error * error / Double(data.count)
        for k in weights.indices { gradient[k] += 2 * error * derivative.weights[k] / Double(data.count) }
    }
    return (loss, gradient)
}

var generator = SeededGenerator(seed: 3)
var weights = (0..<(2 * layers)).map { _ in (generator.nextUnit() - 0.5) * 0.2 }
let learningRate = 0.4
var (loss, gradient) = try lossAndGradient(weights)
let initialLoss = loss
for step in 1...60 {
    for k in weights.indices { weights[k] -= learningRate * gradient[k] }
    (loss, gradient) = try lossAndGradient(weights)
    if step % 10 == 0 { print(String(format: "step %3d  loss %.6f", step, loss)) }
}

for sample in data {
    let state = try StatevectorBackend(qubitCount: 2)
    try state.run(circuit, parameters: ParameterValues(inputs: sample.x, weights: weights))
    print(String(format: "x = %@  label %+.0f  ⟨Z0⟩ = %+.4f", sample.x.map { String(Int($0)) }.joined(), sample.label,
                 try state.expectation(of: readout)))
}
guard loss < initialLoss / 10 else { fatalError("training did not reduce the loss tenfold") }

import Numerics
import QompressCore

/// The bit masks and phase of a Pauli string: P|i⟩ = phase · (−1)^{|i ∧ z|} |i ⊕ x⟩.
struct PauliMasks {
    var x = 0, z = 0
    var phase = Complex<Double>.one

    init(_ string: PauliString) {
        var yCount = 0
        for f in string.factors {
            switch f.pauli {
            case .x: x |= 1 << f.qubit
            case .z: z |= 1 << f.qubit
            case .y: x |= 1 << f.qubit; z |= 1 << f.qubit; yCount += 1
            }
        }
        let phases: [Complex<Double>] = [.one, Complex(0, 1), -.one, Complex(0, -1)]
        phase = phases[yCount % 4]
    }
}

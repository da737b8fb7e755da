import Foundation
import Numerics
import QompressCore
import QompressTestSupport
import QompressStatevector
import Testing

@Suite("Closed forms and identities")
struct ClosedFormTests {
    @Test("Bell state has amplitudes 1/√2 on |00⟩ and |11⟩")
    func bellState() throws {
        var c = try Circuit(qubitCount: 2)
        try c.h(0)
        try c.cnot(0, 1)
        let sv = try StatevectorBackend(qubitCount: 2)
        try sv.run(c)
        let r = 1 / 2.0.squareRoot()
        #expect(maxDistance(try sv.statevector(), [Complex(r), .zero, .zero, Complex(r)]) < 1e-15)
        #expect(abs(try sv.expectation(of: PauliSum("Z0 Z1")) - 1) < 1e-14)
        #expect(abs(try sv.expectation(of: PauliSum("X0 X1")) - 1) < 1e-14)
        #expect(abs(try sv.expectation(of: PauliSum("Y0 Y1")) + 1) < 1e-14)
    }

    @Test("GHZ on 10 qubits puts probability 1/2 on all-zeros and all-ones")
    func ghzState() throws {
        let sv = try StatevectorBackend(qubitCount: 10)
        try sv.run(Circuit.ghz(qubitCount: 10))
        let p = try sv.probabilities()
        #expect(abs(p[0] - 0.5) < 1e-14 && abs(p[1023] - 0.5) < 1e-14)
        #expect(abs(p.reduce(0, +) - 1) < 1e-14)
        #expect(sv.expectationsZ().allSatisfy { abs($0) < 1e-14 })
    }

    @Test("rotations give ⟨Z⟩ = cos θ and ⟨X⟩, ⟨Y⟩ from the Bloch sphere")
    func rotationExpectations() throws {
        for theta in stride(from: -3.0, through: 3.0, by: 0.75) {
            let sv = try StatevectorBackend(qubitCount: 1)
            try sv.apply(try Instruction(.ry(.constant(theta)), [0], qubitCount: 1))
            #expect(abs(sv.expectationsZ()[0] - cos(theta)) < 1e-14)
            #expect(abs(try sv.expectation(of: PauliSum("X0")) - sin(theta)) < 1e-14)
            sv.prepareZeroState()
            try sv.apply(try Instruction(.rx(.constant(theta)), [0], qubitCount: 1))
            #expect(abs(try sv.expectation(of: PauliSum("Y0")) + sin(theta)) < 1e-14)
        }
    }

    @Test("HXH = Z, CNOT = (I⊗H)·CZ·(I⊗H) and SWAP = three CNOTs, on a random state")
    func gateIdentities() throws {
        var random = RandomCircuits(seed: 2)
        let prep = try random.circuit(qubits: 3, gates: 15)
        func state(_ build: (inout Circuit) throws -> Void) throws -> [Complex<Double>] {
            var c = prep
            try build(&c)
            let sv = try StatevectorBackend(qubitCount: 3)
            try sv.run(c)
            return try sv.statevector()
        }
        #expect(maxDistance(try state { try $0.h(1); try $0.x(1); try $0.h(1) }, try state { try $0.z(1) }) < 1e-14)
        #expect(maxDistance(try state { try $0.h(2); try $0.cz(0, 2); try $0.h(2) }, try state { try $0.cnot(0, 2) }) < 1e-14)
        #expect(maxDistance(try state { try $0.cnot(0, 2); try $0.cnot(2, 0); try $0.cnot(0, 2) },
                            try state { try $0.swap(0, 2) }) < 1e-14)
        // The same identities as matrices.
        #expect((try Gate.h.matrix() * Gate.x.matrix() * Gate.h.matrix()).distance(to: try Gate.z.matrix()) < 1e-15)
        let ih = SquareMatrix.kron(.identity(2), try Gate.h.matrix())
        #expect(try (ih * Gate.cz.matrix() * ih).distance(to: try Gate.cnot.matrix()) < 1e-15)
    }

    @Test("a random circuit followed by its inverse returns |0…0⟩ to 1e-12", arguments: [3, 8, 16])
    func circuitThenInverseIsIdentity(qubits n: Int) throws {
        var random = RandomCircuits(seed: UInt64(n))
        let c = try random.circuit(qubits: n, gates: 120)
        let sv = try StatevectorBackend(qubitCount: n)
        try sv.run(c)
        try sv.run(c.inverse)
        let v = try sv.statevector()
        #expect((v[0] - .one).length < 1e-12)
        #expect(v.dropFirst().allSatisfy { $0.length < 1e-12 })
    }

    @Test("the norm stays 1 to 1e-12 over 1000 random gates")
    func normIsPreserved() throws {
        var random = RandomCircuits(seed: 99)
        let c = try random.circuit(qubits: 6, gates: 1000)
        let sv = try StatevectorBackend(qubitCount: 6)
        for op in c.instructions { try sv.apply(op) }
        #expect(abs(sv.norm() - 1) < 1e-12)
    }

    @Test("parametrised gates read slots through their affine maps; a slot may feed several gates")
    func affineParameterSlots() throws {
        var c = try Circuit(qubitCount: 2)
        try c.ry(.input(0, scale: .pi / 2), 0)
        try c.ry(.input(0, scale: -1, shift: 0.3), 1)
        let sv = try StatevectorBackend(qubitCount: 2)
        try sv.run(c, parameters: ParameterValues(inputs: [0.8]))
        let z = sv.expectationsZ()
        #expect(abs(z[0] - cos(.pi / 2 * 0.8)) < 1e-14)
        #expect(abs(z[1] - cos(-0.8 + 0.3)) < 1e-14)
    }
}

import Numerics
import QompressCore
import Testing

@Suite("Gate matrices and inverses")
struct GateTests {
    static let angles: [Angle] = [0.37, -1.2, 2.9]

    static func everyGate() throws -> [Gate] {
        let a = angles
        let u1 = try UnitaryMatrix(Gate.u3(theta: 0.4, phi: 1.3, lambda: -0.8).matrix())
        let u2 = try UnitaryMatrix(SquareMatrix.kron(u1.matrix, try Gate.h.matrix()) * Gate.cnot.matrix())
        var next = 0
        return Gate.Kind.allCases.map {
            Gate.make($0, angle: { defer { next += 1 }; return a[next % a.count] }, unitary: { $0 == 1 ? u1 : u2 })
        }
    }

    @Test("Gate.Kind lists every gate once, and kind inverts make")
    func kindListsTheGateSet() throws {
        let gates = try Self.everyGate()
        #expect(gates.map(\.kind) == Gate.Kind.allCases)
        #expect(Set(gates.map(\.name)).count == Gate.Kind.allCases.count)
    }

    @Test("every gate matrix is unitary and its inverse gate is its adjoint")
    func unitaryAndInverse() throws {
        for gate in try Self.everyGate() {
            let m = try gate.matrix()
            #expect(m.dimension == 1 << gate.arity)
            #expect(m.unitarityDeviation < 1e-14, "\(gate.name)")
            #expect(try gate.inverse.matrix().distance(to: m.adjoint) < 1e-14, "\(gate.name)")
        }
    }

    @Test("textbook matrices: S² = Z, T² = S, SX² = X, U3(θ,−π/2,π/2) = RX(θ), RZZ = CNOT·RZ·CNOT")
    func textbookRelations() throws {
        #expect((try Gate.s.matrix() * Gate.s.matrix()).distance(to: try Gate.z.matrix()) < 1e-15)
        #expect((try Gate.t.matrix() * Gate.t.matrix()).distance(to: try Gate.s.matrix()) < 1e-15)
        #expect((try Gate.sx.matrix() * Gate.sx.matrix()).distance(to: try Gate.x.matrix()) < 1e-15)
        #expect(try Gate.u3(theta: 0.7, phi: .constant(-.pi / 2), lambda: .constant(.pi / 2)).matrix()
            .distance(to: try Gate.rx(0.7).matrix()) < 1e-15)
        let cnot = try Gate.cnot.matrix()
        let rz = SquareMatrix.kron(.identity(2), try Gate.rz(0.9).matrix())
        #expect((cnot * rz * cnot).distance(to: try Gate.rzz(0.9).matrix()) < 1e-15)
        // CNOT on [control, target]: |10⟩ → |11⟩ with the first qubit most significant.
        #expect(cnot[3, 2] == .one && cnot[2, 2] == .zero)
    }

    @Test("an angle reads its slot through scale and shift; binding resolves every angle")
    func angleBinding() throws {
        let values = ParameterValues(inputs: [0.5, 2], weights: [-1])
        #expect(try Angle.input(1, scale: 3, shift: 0.25).value(in: values) == 6.25)
        #expect(try Angle.weight(0).negated.value(in: values) == 1)
        #expect(try Angle(0.75).value(in: .none) == 0.75)
        let bound = try Gate.u3(theta: .input(0), phi: .weight(0), lambda: 1).bound(to: values)
        #expect(bound == .u3(theta: 0.5, phi: -1, lambda: 1))
        #expect(!bound.isParametrised)
        #expect(throws: CircuitError.unboundParameter(.weight(3))) { try Angle.weight(3).value(in: values) }
    }
}

import Numerics
import QompressCore
import QompressTestSupport
@testable import QompressStatevector
import Testing

/// The real form (2^n doubles for a state with real amplitudes) must be invisible except
/// through speed: every result equals the complex form's, and the first complex gate or
/// observable converts the state in place.
@Suite("Statevector real form")
struct RealFormTests {
    static let complexOnly = StatevectorConfiguration(realArithmetic: false)

    /// A random circuit of real gates only, after a layer of random RY so that every
    /// amplitude is non-zero.
    static func realCircuit(qubits n: Int, gates: Int, seed: UInt64) throws -> Circuit {
        var g = SeededGenerator(seed: seed)
        var c = try Circuit(qubitCount: n)
        for q in 0..<n { try c.append(.ry(.constant(Double.random(in: 0.2...2.9, using: &g))), on: [q]) }
        for _ in 0..<gates {
            let angle = Angle.constant(Double.random(in: -.pi ... .pi, using: &g))
            let choices: [Gate] = [.h, .x, .z, .ry(angle), .cnot, .cz, .swap, .ch, .cry(angle), .ccx, .cswap]
            let gate = choices.filter { $0.arity <= n }.randomElement(using: &g)!
            try c.append(gate, on: Array((0..<n).shuffled(using: &g).prefix(gate.arity)))
        }
        return c
    }

    static func pair(_ n: Int) throws -> (real: StatevectorBackend, complex: StatevectorBackend) {
        (try StatevectorBackend(qubitCount: n), try StatevectorBackend(qubitCount: n, configuration: complexOnly))
    }

    @Test("real circuits run in real form and match the complex form and the dense reference", arguments: [3, 9, 17])
    func realCircuitsMatchComplexForm(n: Int) throws {
        let circuit = try Self.realCircuit(qubits: n, gates: n >= 17 ? 40 : 80, seed: UInt64(n))
        let (real, complex) = try Self.pair(n)
        try real.run(circuit)
        try complex.run(circuit)
        #expect(real.storage.isReal)
        #expect(!complex.storage.isReal)
        #expect(maxDistance(try real.statevector(), try complex.statevector()) < 1e-12)
        if n <= 9 { #expect(maxDistance(try real.statevector(), try DenseReference.run(circuit)) < 1e-12) }
        let zReal = real.expectationsZ(), zComplex = complex.expectationsZ()
        #expect(zip(zReal, zComplex).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(real.norm() - 1) < 1e-12)
        // Instruction-by-instruction application takes the same kernels one at a time.
        let stepwise = try StatevectorBackend(qubitCount: n)
        for op in circuit.instructions { try stepwise.apply(op) }
        #expect(stepwise.storage.isReal)
        #expect(maxDistance(try stepwise.statevector(), try complex.statevector()) < 1e-12)
    }

    @Test("CNOT on every ordered pair of five qubits moves real amplitudes exactly as the complex form does")
    func cnotOnEveryPairMatchesTheComplexForm() throws {
        let n = 5
        for c in 0..<n {
            for t in 0..<n where t != c {
                var circuit = try Self.realCircuit(qubits: n, gates: 0, seed: UInt64(10 * c + t))
                try circuit.append(.cnot, on: [c, t])
                let (real, complex) = try Self.pair(n)
                try real.run(circuit)
                try complex.run(circuit)
                #expect(real.storage.isReal)
                #expect(try real.statevector() == complex.statevector(), "CNOT(\(c), \(t))")
            }
        }
    }

    @Test("real plans in 1 MiB cache blocks (seven high qubits) equal unblocked runs on 19 qubits, bit for bit on 1 and 2 threads")
    func realBlocksOfSevenHighQubits() throws {
        let n = 19
        let circuit = try Self.realCircuit(qubits: n, gates: 60, seed: 19)
        let blocked = try StatevectorBackend(qubitCount: n, configuration: .init(threadCount: 1))
        try blocked.run(circuit)
        let unblocked = try StatevectorBackend(qubitCount: n, configuration: .init(threadCount: 1, cacheBlocking: false))
        try unblocked.run(circuit)
        let two = try StatevectorBackend(qubitCount: n, configuration: .init(threadCount: 2, parallelThreshold: 2))
        try two.run(circuit)
        #expect(blocked.storage.isReal && StatevectorBackend.maxHighQubitsReal == 7)
        #expect(maxDistance(try blocked.statevector(), try unblocked.statevector()) < 1e-12)
        #expect(try two.statevector() == blocked.statevector())
    }

    @Test("a complex gate converts the state in place and evolution continues correctly")
    func complexGateConvertsTheState() throws {
        let n = 6
        var circuit = try Self.realCircuit(qubits: n, gates: 30, seed: 7)
        try circuit.append(.rx(.constant(0.3)), on: [2])
        try circuit.append(.cnot, on: [2, 4])
        try circuit.append(.ry(.constant(-1.1)), on: [4])
        let (real, complex) = try Self.pair(n)
        try real.run(circuit)
        try complex.run(circuit)
        #expect(!real.storage.isReal)
        #expect(maxDistance(try real.statevector(), try complex.statevector()) < 1e-12)
        #expect(maxDistance(try real.statevector(), try DenseReference.run(circuit)) < 1e-12)
    }

    @Test("matrix elements and expectations agree for X, Y, Z strings and between forms")
    func matrixElementsAgreeAcrossForms() throws {
        let n = 12
        let (ketReal, ketComplex) = try Self.pair(n)
        let (braReal, braComplex) = try Self.pair(n)
        try ketReal.run(try Self.realCircuit(qubits: n, gates: 40, seed: 11))
        try ketComplex.run(try Self.realCircuit(qubits: n, gates: 40, seed: 11))
        try braReal.run(try Self.realCircuit(qubits: n, gates: 40, seed: 12))
        try braComplex.run(try Self.realCircuit(qubits: n, gates: 40, seed: 12))
        let observables = try ["Y3", "X0", "Z11", "X1 Y4", "Y0 Y7 Z2", "0.5 Z0 Z11 - 1.5 X2 X3 + 0.25 Y5"]
            .map { try PauliSum($0) }
        for o in observables {
            let a = try ketReal.matrixElement(of: o, bra: braReal)
            let b = try ketComplex.matrixElement(of: o, bra: braComplex)
            #expect((a - b).length < 1e-12, "\(o)")
            #expect(a.length > 1e-3, "a generic pair of states has a non-trivial element of \(o)")
            #expect(abs(try ketReal.expectation(of: o) - ketComplex.expectation(of: o)) < 1e-12, "\(o)")
        }
        #expect(ketReal.storage.isReal && braReal.storage.isReal)
        // A real register against a complex one, either way round: each is read in its own
        // form (a read converts neither), and the value equals the all-complex one.
        for o in observables {
            let reference = try ketComplex.matrixElement(of: o, bra: braComplex)
            #expect((try ketComplex.matrixElement(of: o, bra: braReal) - reference).length < 1e-12, "\(o)")
            #expect((try ketReal.matrixElement(of: o, bra: braComplex) - ketReal.matrixElement(of: o, bra: braReal)).length < 1e-12, "\(o)")
        }
        #expect(try (ketReal.innerProduct(with: braComplex) - ketComplex.innerProduct(with: braComplex)).length < 1e-12)
        #expect(ketReal.storage.isReal && braReal.storage.isReal, "a read changed a register's form")
    }

    @Test("applyPauliSum: diagonal, real-phase and imaginary-phase sums agree across forms",
          arguments: ["0.3 Z0 - 1.2 Z5 + 0.7 Z11 + 2 I", "Z0 Z11 - 0.5 Z3", "Y0 Y1 + 0.5 X3 Z4", "Y2 + X3", "X0 Y1 Z2"])
    func pauliSumsAgreeAcrossForms(observable: String) throws {
        let n = 12
        let o = try PauliSum(observable)
        let (real, complex) = try Self.pair(n)
        let circuit = try Self.realCircuit(qubits: n, gates: 40, seed: 5)
        try real.run(circuit)
        try complex.run(circuit)
        try real.applyPauliSum(o)
        try complex.applyPauliSum(o)
        #expect(maxDistance(try real.statevector(), try complex.statevector()) < 1e-12)
        let imaginaryPhase = o.terms.contains { $0.string.factors.filter { $0.pauli == .y }.count % 2 == 1 }
        #expect(real.storage.isReal == !imaginaryPhase)
        // And against the dense reference: O applied factor by factor.
        var expected = [Complex<Double>](repeating: .zero, count: 1 << n)
        let before = try DenseReference.run(circuit)
        for term in o.terms {
            var v = before
            for f in term.string.factors {
                let g: Gate = f.pauli == .x ? .x : (f.pauli == .y ? .y : .z)
                v = DenseReference.apply(try g.matrix(), on: [f.qubit], to: v)
            }
            for i in v.indices { expected[i] = expected[i] + Complex(term.coefficient) * v[i] }
        }
        #expect(maxDistance(try real.statevector(), expected) < 1e-12)
    }

    @Test("amplitudes, probabilities, samples and copies read the real form correctly")
    func readoutsOfTheRealForm() throws {
        let n = 7
        let circuit = try Self.realCircuit(qubits: n, gates: 40, seed: 21)
        let (real, complex) = try Self.pair(n)
        try real.run(circuit)
        try complex.run(circuit)
        #expect(zip(try real.probabilities(), try complex.probabilities()).allSatisfy { abs($0 - $1) < 1e-15 })
        for index in [0, 5, 77, 127] {
            let b = Bitstring(index: index, qubitCount: n)
            #expect((try real.amplitude(of: b) - complex.amplitude(of: b)).length < 1e-15)
        }
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 3)
        #expect(try real.sample(shots: 200, using: &g1) == complex.sample(shots: 200, using: &g2))
        let copy = real.copy()
        #expect(copy.storage.isReal)
        try copy.apply(Instruction(.rx(.constant(1)), [0], qubitCount: n))
        #expect(!copy.storage.isReal && real.storage.isReal)
        #expect(maxDistance(try real.statevector(), try complex.statevector()) < 1e-15)
    }

    @Test("a complex product state starts in complex form")
    func complexProductStateIsNotReal() throws {
        let sv = try StatevectorBackend(qubitCount: 3)
        let half = 0.5.squareRoot()
        try sv.prepare(productState: [try QubitState(alpha: Complex(half), beta: Complex(0, half)), .one, .zero])
        var circuit = try Circuit(qubitCount: 3)
        try circuit.append(.cnot, on: [0, 1])
        try sv.run(circuit)
        #expect(!sv.storage.isReal)
    }
}

@Suite("Running one circuit on two registers")
struct TwoRegisterRunTests {
    @Test("run(alsoOn:) equals two separate runs, whether or not the registers are written out")
    func twoRegisterRunEqualsSeparateRuns() throws {
        let n = 6
        let prefix = try RealFormTests.realCircuit(qubits: n, gates: 20, seed: 31)
        var circuit = try RealFormTests.realCircuit(qubits: n, gates: 20, seed: 32)
        try circuit.append(.rz(.constant(0.4)), on: [1])
        for materialized in [true, false] {
            let a = try StatevectorBackend(qubitCount: n), b = try StatevectorBackend(qubitCount: n)
            let c = try StatevectorBackend(qubitCount: n), d = try StatevectorBackend(qubitCount: n)
            if materialized {
                for r in [a, b, c, d] { try r.run(prefix) }
                try b.applyPauliSum(try PauliSum("Z0 + 0.5 Z3"))
                try d.applyPauliSum(try PauliSum("Z0 + 0.5 Z3"))
            }
            try a.run(circuit, parameters: .none, alsoOn: b)
            try c.run(circuit)
            try d.run(circuit)
            #expect(try a.statevector() == c.statevector())
            #expect(try b.statevector() == d.statevector())
        }
        let small = try StatevectorBackend(qubitCount: n - 1)
        #expect(throws: CircuitError.self) { try StatevectorBackend(qubitCount: n).run(circuit, parameters: .none, alsoOn: small) }
    }
}

@Suite("Fused adjoint step")
struct FusedAdjointStepTests {
    /// ψ and λ in real form, and a group of RY/H gates on distinct qubits with its observables.
    static func setting(n: Int, seed: UInt64) throws -> (psi: StatevectorBackend, lambda: StatevectorBackend,
                                                         inverse: Circuit, observables: [PauliSum]) {
        let psi = try StatevectorBackend(qubitCount: n)
        try psi.run(try RealFormTests.realCircuit(qubits: n, gates: 3 * n, seed: seed))
        let lambda = psi.copy()
        try lambda.applyPauliSum(PauliSum.allZ(qubitCount: n, coefficients: (0..<n).map { 0.3 + Double($0) }))
        var inverse = try Circuit(qubitCount: n)
        var observables: [PauliSum] = []
        for q in 0..<n {
            if q == 1 { try inverse.append(.h, on: [q]); continue }
            try inverse.append(.ry(.constant(-0.2 - 0.37 * Double(q))), on: [q])
            let pauli: Pauli = [.x, .y, .z][q % 3]
            observables.append(try PauliSum([PauliSum.Term(0.5 + Double(q), try PauliString([(q, pauli)]))]))
        }
        return (psi, lambda, inverse, observables)
    }

    @Test("the fused one-pass step equals matrix elements followed by the two un-applies", arguments: [2, 5, 11])
    func fusedStepEqualsSeparateStep(n: Int) throws {
        let fused = try Self.setting(n: n, seed: UInt64(n))
        let separate = try Self.setting(n: n, seed: UInt64(n))
        let a = try fused.psi.adjointStep(matrixElementsOf: fused.observables, lambda: fused.lambda,
                                          thenRun: fused.inverse, parameters: .none)
        let b = try separate.psi.separateAdjointStep(matrixElementsOf: separate.observables, lambda: separate.lambda,
                                                     thenRun: separate.inverse, parameters: .none)
        #expect(a.count == b.count)
        #expect(zip(a, b).allSatisfy { ($0 - $1).length < 1e-12 })
        #expect(b.contains { $0.length > 1e-3 }, "non-trivial elements")
        #expect(maxDistance(try fused.psi.statevector(), try separate.psi.statevector()) < 1e-13)
        #expect(maxDistance(try fused.lambda.statevector(), try separate.lambda.statevector()) < 1e-13)
        #expect(fused.psi.storage.isReal && fused.lambda.storage.isReal)
    }

    @Test("a group the fused step does not cover (a complex gate, a two-factor observable) gives the same result")
    func uncoveredGroupsFallBack() throws {
        let n = 4
        for variant in 0..<2 {
            let x = try Self.setting(n: n, seed: 9), y = try Self.setting(n: n, seed: 9)
            var inverse = x.inverse
            var observables = x.observables
            if variant == 0 { try inverse.append(.rx(.constant(0.3)), on: [1]) } else { observables.append(try PauliSum("Z0 Z2")) }
            let a = try x.psi.adjointStep(matrixElementsOf: observables, lambda: x.lambda, thenRun: inverse, parameters: .none)
            let b = try y.psi.separateAdjointStep(matrixElementsOf: observables, lambda: y.lambda, thenRun: inverse, parameters: .none)
            #expect(zip(a, b).allSatisfy { ($0 - $1).length < 1e-12 })
            #expect(maxDistance(try x.psi.statevector(), try y.psi.statevector()) < 1e-13)
        }
    }
}

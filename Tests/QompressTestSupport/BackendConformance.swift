import Numerics
import QompressCore

/// A conformance check that a backend did not pass, with what differed.
public struct ConformanceFailure: Error, CustomStringConvertible {
    /// What was checked and what came out.
    public let description: String
}

/// The contract of `Backend`, checked on any exact configuration against `DenseReference`
/// (which shares no code with any backend). Each backend's tests call it in one line:
/// `try BackendConformance.check(StatevectorConfiguration(threadCount: 1))`.
///
/// It covers: the whole gate set on random circuits (amplitudes to 1e-10), Pauli-sum
/// expectations, ⟨Z_i⟩, O|ψ⟩, matrix elements and inner products; reads that leave both
/// registers' states unchanged; `copy()` independence; product-state preparation; seeded
/// sampling (same seed, same draws; frequencies within 6σ); the two-register `run` and the
/// adjoint step against their definitions; and typed errors for out-of-range qubits, unbound
/// parameters, mismatched sizes and negative shots.
public enum BackendConformance {
    /// Runs every check on registers of 1…`maxQubits` qubits (capped by the backend's limit).
    /// - Throws: `ConformanceFailure` naming the first check that failed.
    public static func check<C: BackendConfiguration>(_ configuration: C, maxQubits: Int = 5, seed: UInt64 = 1) throws {
        guard configuration.capabilities.isExact else {
            throw ConformanceFailure(description: "the conformance suite compares amplitudes: give an exact configuration")
        }
        var random = RandomCircuits(seed: seed)
        for n in 1...min(maxQubits, configuration.capabilities.maxQubits) {
            try checkCircuits(configuration, qubits: n, random: &random)
        }
        try checkProductStates(configuration, random: &random)
        try checkSampling(configuration, random: &random)
        try checkAdjointStep(configuration, random: &random)
        try checkErrors(configuration)
    }

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(description: message()) }
    }

    static func distance(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Double {
        zip(a, b).map { ($0 - $1).length }.max() ?? 0
    }

    static func close(_ a: Complex<Double>, _ b: Complex<Double>, _ tolerance: Double = 1e-10) -> Bool {
        (a - b).length <= tolerance
    }

    /// A random Hermitian Pauli sum on `n` qubits with a constant term.
    static func randomSum(qubits n: Int, random: inout RandomCircuits) throws -> PauliSum {
        var terms = [PauliSum.Term(0.3, .identity)]
        for _ in 0..<3 {
            let count = Int.random(in: 1...n, using: &random.generator)
            let factors = random.qubits(count, of: n).sorted().map { ($0, Pauli.allCases.randomElement(using: &random.generator)!) }
            terms.append(PauliSum.Term(Double.random(in: -1...1, using: &random.generator), try PauliString(factors)))
        }
        return try PauliSum(terms)
    }

    static func checkCircuits<C: BackendConfiguration>(_ configuration: C, qubits n: Int, random: inout RandomCircuits) throws {
        let circuit = try random.circuit(qubits: n, gates: 12 * n)
        let reference = try DenseReference.run(circuit)
        let state = try configuration.makeRegister(qubitCount: n)
        try state.run(circuit)
        let name = configuration.capabilities.name
        try expect(distance(try state.statevector(), reference) < 1e-10, "\(name): amplitudes of a random \(n)-qubit circuit")
        try expect(abs(state.norm() - 1) < 1e-10, "\(name): norm after a unitary circuit")
        for index in [0, (1 << n) - 1, (1 << n) / 2] {
            let bits = Bitstring(index: index, qubitCount: n)
            try expect(close(try state.amplitude(of: bits), reference[index]), "\(name): amplitude of \(bits)")
            try expect(abs(try state.probability(of: bits) - reference[index].lengthSquared) < 1e-10, "\(name): probability of \(bits)")
        }
        let probabilities = try state.probabilities()
        try expect(zip(probabilities, reference).allSatisfy { abs($0 - $1.lengthSquared) < 1e-10 }, "\(name): probabilities()")

        let sum = try randomSum(qubits: n, random: &random)
        try expect(abs(try state.expectation(of: sum) - DenseReference.expectation(sum, reference)) < 1e-10,
                   "\(name): ⟨O⟩ of \(sum)")
        let z = state.expectationsZ()
        for q in 0..<n {
            let expected = try DenseReference.expectation(PauliSum(.z(q)), reference)
            try expect(abs(z[q] - expected) < 1e-10, "\(name): ⟨Z_\(q)⟩")
        }

        // A second state, then the two-register reads; neither register may change.
        let other = try random.circuit(qubits: n, gates: 6 * n)
        let braReference = try DenseReference.run(other)
        let bra = try configuration.makeRegister(qubitCount: n)
        try bra.run(other)
        var applied = [Complex<Double>](repeating: .zero, count: reference.count)
        for term in sum.terms {
            var v = reference
            for f in term.string.factors {
                v = DenseReference.apply(try (f.pauli == .x ? Gate.x : f.pauli == .y ? .y : .z).matrix(), on: [f.qubit], to: v)
            }
            for i in v.indices { applied[i] = applied[i] + Complex(term.coefficient) * v[i] }
        }
        let expectedElement = zip(braReference, applied).reduce(Complex<Double>.zero) { $0 + $1.0.conjugate * $1.1 }
        try expect(close(try state.matrixElement(of: sum, bra: bra), expectedElement), "\(name): ⟨φ|O|ψ⟩")
        let overlap = zip(braReference, reference).reduce(Complex<Double>.zero) { $0 + $1.0.conjugate * $1.1 }
        try expect(close(try bra.innerProduct(with: state), overlap), "\(name): ⟨φ|ψ⟩")
        try expect(distance(try state.statevector(), reference) < 1e-10, "\(name): a read changed the ket")
        try expect(distance(try bra.statevector(), braReference) < 1e-10, "\(name): a read changed the bra")

        // O|ψ⟩ on a copy; the original stays.
        let image = state.copy()
        try image.applyPauliSum(sum)
        try expect(distance(try image.statevector(), applied) < 1e-10, "\(name): applyPauliSum")
        try expect(distance(try state.statevector(), reference) < 1e-10, "\(name): copy() is not independent")

        // The two-register run equals two runs; prepareZeroState resets.
        let tail = try random.circuit(qubits: n, gates: 3 * n)
        try state.run(tail, parameters: .none, alsoOn: bra)
        try expect(distance(try state.statevector(), try DenseReference.run(tail, from: reference)) < 1e-10, "\(name): run(alsoOn:) on self")
        try expect(distance(try bra.statevector(), try DenseReference.run(tail, from: braReference)) < 1e-10, "\(name): run(alsoOn:) on other")
        state.prepareZeroState()
        try expect(close(try state.amplitude(of: Bitstring(index: 0, qubitCount: n)), .one), "\(name): prepareZeroState")
    }

    static func checkProductStates<C: BackendConfiguration>(_ configuration: C, random: inout RandomCircuits) throws {
        let n = min(3, configuration.capabilities.maxQubits)
        let states = try (0..<n).map { _ in
            try QubitState(theta: Double.random(in: 0...Double.pi, using: &random.generator),
                           phi: Double.random(in: -Double.pi...Double.pi, using: &random.generator))
        }
        let register = try configuration.makeRegister(qubitCount: n)
        try register.prepare(productState: states)
        let expected = (0..<(1 << n)).map { i in
            states.indices.reduce(Complex<Double>.one) { $0 * ((i >> $1) & 1 == 0 ? states[$1].alpha : states[$1].beta) }
        }
        try expect(distance(try register.statevector(), expected) < 1e-12, "\(configuration.capabilities.name): prepare(productState:)")
    }

    static func checkSampling<C: BackendConfiguration>(_ configuration: C, random: inout RandomCircuits) throws {
        let n = min(3, configuration.capabilities.maxQubits)
        let circuit = try random.circuit(qubits: n, gates: 10)
        let register = try configuration.makeRegister(qubitCount: n)
        try register.run(circuit)
        let p = try DenseReference.run(circuit).map(\.lengthSquared)
        var g1 = SeededGenerator(seed: 99), g2 = SeededGenerator(seed: 99)
        let shots = 4000
        let first = try register.sample(shots: shots, using: &g1), second = try register.sample(shots: shots, using: &g2)
        let name = configuration.capabilities.name
        try expect(first == second, "\(name): the same seed drew different samples")
        var counts = [Int](repeating: 0, count: 1 << n)
        for s in first { counts[try s.index()] += 1 }
        for i in counts.indices {
            let mean = Double(shots) * p[i], sd = (Double(shots) * p[i] * (1 - p[i])).squareRoot()
            try expect(abs(Double(counts[i]) - mean) <= 6 * sd + 1, "\(name): outcome \(i) drawn \(counts[i]) times, expected \(mean)")
        }
    }

    static func checkAdjointStep<C: BackendConfiguration>(_ configuration: C, random: inout RandomCircuits) throws {
        let n = min(3, configuration.capabilities.maxQubits)
        let psi = try configuration.makeRegister(qubitCount: n), lambda = try configuration.makeRegister(qubitCount: n)
        try psi.run(try random.circuit(qubits: n, gates: 8))
        try lambda.run(try random.circuit(qubits: n, gates: 8))
        let psiRef = try psi.statevector(), lambdaRef = try lambda.statevector()
        var inverse = try Circuit(qubitCount: n)
        for q in 0..<n { try inverse.append(.ry(random.angle()), on: q) }
        let observables = try (0..<n).map { PauliSum(try PauliString.z($0)) }
        let elements = try psi.adjointStep(matrixElementsOf: observables, lambda: lambda, thenRun: inverse, parameters: .none)
        let name = configuration.capabilities.name
        for (k, o) in observables.enumerated() {
            let image = DenseReference.apply(try Gate.z.matrix(), on: [o.terms[0].string.factors[0].qubit], to: psiRef)
            let expected = zip(lambdaRef, image).reduce(Complex<Double>.zero) { $0 + $1.0.conjugate * $1.1 }
            try expect(close(elements[k], expected), "\(name): adjoint step matrix element \(k)")
        }
        try expect(distance(try psi.statevector(), try DenseReference.run(inverse, from: psiRef)) < 1e-10, "\(name): adjoint step ψ")
        try expect(distance(try lambda.statevector(), try DenseReference.run(inverse, from: lambdaRef)) < 1e-10, "\(name): adjoint step λ")
    }

    static func checkErrors<C: BackendConfiguration>(_ configuration: C) throws {
        let name = configuration.capabilities.name
        func throwsError(_ body: () throws -> Void) -> Bool {
            do { try body(); return false } catch { return true }
        }
        let n = min(2, configuration.capabilities.maxQubits)
        let register = try configuration.makeRegister(qubitCount: n)
        let big = try Circuit(qubitCount: n + 1)
        var outOfRange = big
        try outOfRange.append(.x, on: n)
        try expect(throwsError { try register.apply(outOfRange.instructions[0], parameters: .none) }, "\(name): a qubit out of range did not throw")
        try expect(throwsError { try register.run(big) }, "\(name): a circuit of another size did not throw")
        try expect(throwsError { try register.apply(Instruction(.ry(.weight(0)), [0], qubitCount: n), parameters: .none) },
                   "\(name): an unbound parameter did not throw")
        try expect(throwsError { try register.prepare(productState: [.zero]) } || n == 1, "\(name): a product state of the wrong size did not throw")
        try expect(throwsError { _ = try register.expectation(of: PauliSum(.z(n))) }, "\(name): an observable beyond the register did not throw")
        try expect(throwsError { _ = try register.amplitude(of: Bitstring(index: 0, qubitCount: n + 1)) }, "\(name): a bitstring of the wrong length did not throw")
        var g = SeededGenerator(seed: 1)
        try expect(throwsError { _ = try register.sample(shots: -1, using: &g) }, "\(name): negative shots did not throw")
        try expect(throwsError { _ = try configuration.makeRegister(qubitCount: 0) }, "\(name): a 0-qubit register did not throw")
        if n + 1 <= configuration.capabilities.maxQubits {
            let larger = try configuration.makeRegister(qubitCount: n + 1)
            try expect(throwsError { _ = try register.innerProduct(with: larger) }, "\(name): registers of different sizes did not throw")
        }
    }
}

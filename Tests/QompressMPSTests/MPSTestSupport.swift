import Numerics
import QompressCore
import QompressMPS
import QompressStatevector

/// Seeded random circuits over the whole gate set, for cross-checks against the statevector.
struct GateSampler {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func angle() -> Angle { .constant((rng.nextUnit() * 2 - 1) * .pi) }

    mutating func randomU3() throws -> SquareMatrix {
        try Gate.u3(theta: angle(), phi: angle(), lambda: angle()).matrix()
    }

    /// A random one- or two-qubit unitary (U3 layers interleaved with CZ for two qubits).
    mutating func randomUnitary(qubits: Int) throws -> UnitaryMatrix {
        guard qubits == 2 else { return try UnitaryMatrix(randomU3()) }
        var m = SquareMatrix.kron(try randomU3(), try randomU3())
        for _ in 0..<2 { m = SquareMatrix.kron(try randomU3(), try randomU3()) * (try Gate.cz.matrix()) * m }
        return try UnitaryMatrix(m)
    }

    /// One random gate of any kind that fits `n` qubits.
    mutating func gate(maxArity: Int) throws -> Gate {
        var sampler = self
        defer { self = sampler }
        let gates = try Gate.Kind.allCases.map {
            try Gate.make($0, angle: { sampler.angle() }, unitary: { try sampler.randomUnitary(qubits: $0) })
        }.filter { $0.arity <= maxArity }
        return gates[Int(rng.next() % UInt64(gates.count))]
    }

    /// `count` distinct qubits of `n` in random order (so gates are non-adjacent and reversed).
    mutating func distinctQubits(_ count: Int, of n: Int) -> [Int] {
        var pool = Array(0..<n)
        var result: [Int] = []
        for _ in 0..<count { result.append(pool.remove(at: Int(rng.next() % UInt64(pool.count)))) }
        return result
    }

    mutating func circuit(qubits n: Int, gates: Int) throws -> Circuit {
        var circuit = try Circuit(qubitCount: n)
        for _ in 0..<gates {
            let g = try gate(maxArity: min(3, n))
            try circuit.append(g, on: distinctQubits(g.arity, of: n))
        }
        return circuit
    }

    /// A random Pauli sum with multi-qubit terms and a constant.
    mutating func pauliSum(qubits n: Int, terms: Int) throws -> PauliSum {
        var result: [PauliSum.Term] = [PauliSum.Term(0.25, .identity)]
        for _ in 0..<terms {
            let support = distinctQubits(1 + Int(rng.next() % UInt64(min(3, n))), of: n)
            let factors = support.map { ($0, [Pauli.x, .y, .z][Int(rng.next() % 3)]) }
            result.append(PauliSum.Term(rng.nextUnit() * 2 - 1, try PauliString(factors)))
        }
        return try PauliSum(result)
    }
}

/// max_i |a_i − b_i|.
func largestDifference(_ a: [Complex<Double>], _ b: [Complex<Double>]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { ($0 - $1).length }.max() ?? 0
}

/// Runs `circuit` on a fresh statevector register.
func statevectorReference(_ circuit: Circuit) throws -> StatevectorBackend {
    let reference = try StatevectorBackend(qubitCount: circuit.qubitCount)
    try reference.run(circuit)
    return reference
}

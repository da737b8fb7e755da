/// A tensor product of Pauli operators on distinct qubits; qubits not listed carry the identity.
///
///     let zz = try PauliString([(0, .z), (3, .z)])   // Z0 Z3
public struct PauliString: Hashable, Sendable, CustomStringConvertible {
    /// The non-identity factors, sorted by qubit.
    public let factors: [(qubit: Int, pauli: Pauli)]

    /// Creates a Pauli string from `(qubit, pauli)` factors in any order.
    /// - Throws: `CircuitError.malformedObservable` for a negative or repeated qubit.
    public init(_ factors: [(Int, Pauli)]) throws {
        let sorted = factors.sorted { $0.0 < $1.0 }
        for (k, f) in sorted.enumerated() {
            guard f.0 >= 0 else { throw CircuitError.malformedObservable("negative qubit index \(f.0)") }
            if k > 0, sorted[k - 1].0 == f.0 { throw CircuitError.malformedObservable("qubit \(f.0) appears twice in one Pauli string") }
        }
        self.factors = sorted.map { (qubit: $0.0, pauli: $0.1) }
    }

    /// The identity string.
    public static let identity = PauliString(uncheckedFactors: [])

    init(uncheckedFactors factors: [(qubit: Int, pauli: Pauli)]) { self.factors = factors }

    /// Z on one qubit.
    public static func z(_ qubit: Int) throws -> PauliString { try PauliString([(qubit, .z)]) }

    /// The largest qubit index used, or −1 for the identity.
    public var maxQubit: Int { factors.last?.qubit ?? -1 }

    /// Whether the string contains only Z factors (diagonal in the computational basis).
    public var isDiagonal: Bool { factors.allSatisfy { $0.pauli == .z } }

    /// Throws unless every qubit is below `qubitCount`.
    public func validate(qubitCount: Int) throws {
        if let bad = factors.first(where: { $0.qubit >= qubitCount }) {
            throw CircuitError.qubitOutOfRange(qubit: bad.qubit, qubitCount: qubitCount)
        }
    }

    public static func == (lhs: PauliString, rhs: PauliString) -> Bool {
        lhs.factors.count == rhs.factors.count
            && zip(lhs.factors, rhs.factors).allSatisfy { $0.qubit == $1.qubit && $0.pauli == $1.pauli }
    }

    public func hash(into hasher: inout Hasher) {
        for f in factors { hasher.combine(f.qubit); hasher.combine(f.pauli) }
    }

    public var description: String {
        factors.isEmpty ? "I" : factors.map { "\($0.pauli.rawValue)\($0.qubit)" }.joined(separator: " ")
    }
}

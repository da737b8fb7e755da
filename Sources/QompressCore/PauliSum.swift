/// A real linear combination of Pauli strings: the package's observable.
///
///     let h = try PauliSum("Z0 Z1 + 0.5 X2 - 2*Y0")
///     let z = PauliSum.allZ(qubitCount: 4)   // Z0 + Z1 + Z2 + Z3
public struct PauliSum: Hashable, Sendable, CustomStringConvertible {
    /// One weighted Pauli string.
    public struct Term: Hashable, Sendable {
        /// The real coefficient.
        public var coefficient: Double
        /// The Pauli string.
        public var string: PauliString

        /// Creates a weighted Pauli string.
        public init(_ coefficient: Double, _ string: PauliString) {
            self.coefficient = coefficient
            self.string = string
        }
    }

    /// The terms in the order given.
    public private(set) var terms: [Term]

    /// Creates a sum of terms.
    /// - Throws: `CircuitError.malformedObservable` for a non-finite coefficient.
    public init(_ terms: [Term]) throws {
        for t in terms where !t.coefficient.isFinite {
            throw CircuitError.malformedObservable("non-finite coefficient \(t.coefficient) on \(t.string)")
        }
        self.terms = terms
    }

    /// A single Pauli string with coefficient 1.
    public init(_ string: PauliString) { self.terms = [Term(1, string)] }

    /// Σ_i coefficients[i] Z_i (all ones by default).
    public static func allZ(qubitCount: Int, coefficients: [Double]? = nil) -> PauliSum {
        let c = coefficients ?? [Double](repeating: 1, count: qubitCount)
        return PauliSum(unchecked: (0..<qubitCount).map { Term(c[$0], PauliString(uncheckedZ: $0)) })
    }

    init(unchecked terms: [Term]) { self.terms = terms }

    /// The largest qubit index used, or −1 when only identities appear.
    public var maxQubit: Int { terms.map(\.string.maxQubit).max() ?? -1 }

    /// Throws unless every qubit is below `qubitCount`.
    public func validate(qubitCount: Int) throws {
        for t in terms { try t.string.validate(qubitCount: qubitCount) }
    }

    /// Whether every term is diagonal (Z and identity only).
    public var isDiagonal: Bool { terms.allSatisfy { $0.string.isDiagonal } }

    /// The sum of two observables.
    public static func + (lhs: PauliSum, rhs: PauliSum) -> PauliSum {
        PauliSum(unchecked: lhs.terms + rhs.terms)
    }

    /// The observable scaled by a finite real number.
    public static func * (lhs: Double, rhs: PauliSum) -> PauliSum {
        PauliSum(unchecked: rhs.terms.map { Term(lhs * $0.coefficient, $0.string) })
    }

    /// The sum in the syntax `init(_:)` reads back (`"1.0*Z0 Z1 - 0.5*X2"`).
    public var description: String {
        var text = ""
        for (i, term) in terms.enumerated() {
            let c = term.coefficient
            let sign = c.sign == .minus ? "-" : "+"
            text += i == 0 ? (sign == "-" ? "-" : "") : " \(sign) "
            text += "\(c.magnitude)*\(term.string)"
        }
        return text
    }
}

extension PauliString {
    init(uncheckedZ qubit: Int) { self.init(uncheckedFactors: [(qubit: qubit, pauli: .z)]) }
}

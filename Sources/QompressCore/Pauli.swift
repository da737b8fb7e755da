/// A single-qubit Pauli operator other than the identity.
public enum Pauli: Character, Hashable, Sendable, CaseIterable {
    /// Pauli X.
    case x = "X"
    /// Pauli Y.
    case y = "Y"
    /// Pauli Z.
    case z = "Z"
}

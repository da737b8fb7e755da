/// What a backend can promise, so that callers can choose or warn.
public struct BackendCapabilities: Hashable, Sendable {
    /// A short name (`"statevector"`, `"mps"`).
    public var name: String
    /// Whether results are exact up to floating-point rounding under the current
    /// configuration (an MPS with truncation is approximate).
    public var isExact: Bool
    /// The largest qubit count the backend accepts on this machine.
    public var maxQubits: Int
    /// The largest qubit count for which `probabilities()` and `statevector()` are offered.
    public var maxDenseQubits: Int

    /// Creates a capability description.
    public init(name: String, isExact: Bool, maxQubits: Int, maxDenseQubits: Int) {
        self.name = name
        self.isExact = isExact
        self.maxQubits = maxQubits
        self.maxDenseQubits = maxDenseQubits
    }
}

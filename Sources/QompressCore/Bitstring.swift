/// A computational basis state of any number of qubits; `bits[q]` is qubit q's value.
///
/// The text form lists qubit 0 first: `"011"` means q0 = 0, q1 = 1, q2 = 1. For up to 63
/// qubits `index` gives the position of the basis state in a statevector, where qubit q
/// is bit q (little-endian, as in Qiskit).
public struct Bitstring: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// One value (0 or 1) per qubit.
    public var bits: [UInt8]

    /// Creates a bitstring from per-qubit values.
    /// - Throws: `SimulationError.invalidArgument` unless every value is 0 or 1.
    public init(bits: [UInt8]) throws {
        guard bits.allSatisfy({ $0 <= 1 }) else { throw SimulationError.invalidArgument("bit values must be 0 or 1") }
        self.bits = bits
    }

    /// The basis state with the given statevector `index` (qubit q is bit q).
    public init(index: Int, qubitCount: Int) {
        self.bits = (0..<qubitCount).map { UInt8(truncatingIfNeeded: (index >> $0) & 1) }
    }

    /// Parses `"0110"` (qubit 0 first).
    /// - Throws: `SimulationError.invalidArgument` for any character other than 0 and 1.
    public init(_ text: String) throws {
        var bits: [UInt8] = []
        for c in text {
            switch c {
            case "0": bits.append(0)
            case "1": bits.append(1)
            default: throw SimulationError.invalidArgument("bitstring \"\(text)\" has a character other than 0 and 1")
            }
        }
        self.bits = bits
    }

    /// The number of qubits.
    public var count: Int { bits.count }

    /// The statevector index (qubit q is bit q).
    /// - Throws: `SimulationError.unsupported` above 63 qubits.
    public func index() throws -> Int {
        guard bits.count <= 63 else { throw SimulationError.unsupported("a basis index for more than 63 qubits") }
        var index = 0
        for (q, b) in bits.enumerated() where b == 1 { index |= 1 << q }
        return index
    }

    public var description: String { String(bits.map { $0 == 1 ? "1" : "0" }) }

    public static func < (lhs: Bitstring, rhs: Bitstring) -> Bool {
        lhs.bits.lexicographicallyPrecedes(rhs.bits)
    }
}

import Foundation
import QompressCore

/// Bounds that keep the reader's time and memory proportional to its input.
public struct QASMLimits: Hashable, Sendable {
    /// The deepest nesting of parentheses, unary operators and user-gate calls.
    public var maxNestingDepth: Int
    /// The most qubits all `qreg`s together may declare.
    public var maxQubitCount: Int
    /// The most IR instructions the expanded program may have.
    public var maxInstructionCount: Int

    /// Creates limits.
    public init(maxNestingDepth: Int = 64, maxQubitCount: Int = 1 << 20, maxInstructionCount: Int = 1 << 21) {
        self.maxNestingDepth = maxNestingDepth
        self.maxQubitCount = maxQubitCount
        self.maxInstructionCount = maxInstructionCount
    }

    /// Depth 64, 2^20 qubits, 2^21 instructions.
    public static let `default` = QASMLimits()
}

/// An OpenQASM 2.0 program read into the circuit IR.
///
///     let program = try QASMProgram(source: """
///         OPENQASM 2.0;
///         include "qelib1.inc";
///         qreg q[2]; creg c[2];
///         h q[0]; cx q[0], q[1];
///         measure q -> c;
///         """)
///     program.circuit          // 2 qubits: h, cx
///     program.measuredQubits   // [0, 1]: the qubit behind c[0], c[1]
///
/// Quantum registers are laid out one after the other in declaration order: the first
/// register's element 0 is qubit 0. Classical registers are numbered the same way.
public struct QASMProgram: Hashable, Sendable {
    /// A declared register and where its elements start in the flat numbering.
    public struct Register: Hashable, Sendable {
        /// The register's name.
        public var name: String
        /// The number of elements.
        public var size: Int
        /// The flat index of element 0.
        public var offset: Int

        /// Creates a register description.
        public init(name: String, size: Int, offset: Int) {
            self.name = name
            self.size = size
            self.offset = offset
        }
    }

    /// A final measurement: `qubit` is read into classical bit `bit` (flat indices).
    public struct Measurement: Hashable, Sendable {
        /// The classical bit (flat index over all `creg`s in declaration order).
        public var bit: Int
        /// The qubit measured into it.
        public var qubit: Int

        /// Creates a measurement record.
        public init(bit: Int, qubit: Int) {
            self.bit = bit
            self.qubit = qubit
        }
    }

    /// The unitary part of the program.
    public let circuit: Circuit
    /// The `qreg`s in declaration order.
    public let quantumRegisters: [Register]
    /// The `creg`s in declaration order.
    public let classicalRegisters: [Register]
    /// The final measurements, one per classical bit written, ordered by classical bit
    /// (a bit measured twice keeps its last qubit).
    public let measurements: [Measurement]

    /// The measured qubits in the order of the classical bits they are read into: what
    /// sampling reports. Empty when the program measures nothing.
    public var measuredQubits: [Int] { measurements.map(\.qubit) }

    /// Reads a program from the bytes of a file, which must be UTF-8.
    /// - Throws: `QASMError` with kind `.invalidEncoding` (the byte offset, at the line and
    ///   column where the bad bytes start) for bytes that are not UTF-8, else as `init(source:)`.
    public init(data: Data, limits: QASMLimits = .default) throws {
        let bytes = [UInt8](data)
        var line = 1, column = 1, offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var text = String.UnicodeScalarView()
        decoding: while true {
            let before = offset
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar):
                text.append(scalar)
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break decoding
            case .error:
                throw QASMError(.invalidEncoding(byteOffset: before), at: SourceLocation(line: line, column: column))
            }
        }
        try self.init(source: String(text), limits: limits)
    }

    /// Reads an OpenQASM 2.0 program.
    ///
    /// - Parameters:
    ///   - source: the program text.
    ///   - limits: bounds on nesting, register sizes and the expanded circuit.
    /// - Throws: `QASMError` (and nothing else) for any malformed or unsupported program;
    ///   every error names its line and column.
    public init(source: String, limits: QASMLimits = .default) throws {
        let (statements, end) = try Parser.parse(source, maxDepth: limits.maxNestingDepth)
        var builder = ProgramBuilder(limits: limits)
        for statement in statements { try builder.add(statement) }
        self = try builder.program(endOfInput: end)
    }

    init(circuit: Circuit, quantumRegisters: [Register], classicalRegisters: [Register], measurements: [Measurement]) {
        self.circuit = circuit
        self.quantumRegisters = quantumRegisters
        self.classicalRegisters = classicalRegisters
        self.measurements = measurements
    }

    /// `name[index]` of the flat qubit index `qubit` .
    public func qubitName(_ qubit: Int) -> String { Self.name(of: qubit, in: quantumRegisters) }

    /// `name[index]` of the flat classical bit index `bit`.
    public func bitName(_ bit: Int) -> String { Self.name(of: bit, in: classicalRegisters) }

    static func name(of flat: Int, in registers: [Register]) -> String {
        guard let r = registers.first(where: { flat >= $0.offset && flat < $0.offset + $0.size }) else { return "#\(flat)" }
        return "\(r.name)[\(flat - r.offset)]"
    }
}

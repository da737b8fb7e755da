/// An error found while reading an OpenQASM 2.0 program. Every case carries the line and
/// column where it was found, and `description` reads `line L, column C: message`.
public struct QASMError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// A character that starts no token.
        case unexpectedCharacter(Character)
        /// A string literal or block comment that runs to the end of the input.
        case unterminated(String)
        /// A number literal that cannot be represented (too large, or malformed).
        case invalidNumber(String)
        /// The parser expected one thing and found another.
        case unexpectedToken(expected: String, found: String)
        /// The program does not start with `OPENQASM 2.0;`, or names another version.
        case unsupportedVersion(String)
        /// An `include` of a file other than `qelib1.inc`.
        case unsupportedInclude(String)
        /// A gate, register or parameter used before (or without) being defined.
        case undefined(what: String, name: String)
        /// A name defined twice.
        case redefinition(what: String, name: String)
        /// A gate called with the wrong number of parameters or qubit arguments.
        case wrongArgumentCount(gate: String, what: String, expected: Int, got: Int)
        /// A register index outside the register.
        case indexOutOfRange(register: String, index: Int, size: Int)
        /// Register arguments of one statement whose sizes differ.
        case registerSizeMismatch(String)
        /// A register size that is zero or too large, or too many qubits in total.
        case invalidRegisterSize(String)
        /// An expression whose value is NaN or infinite (for example `1/0` or `ln(0)`).
        case nonFiniteValue(String)
        /// An operation that is valid but not simulated: mid-circuit measurement, `reset`,
        /// classically controlled `if`, opaque gates.
        case unsupported(String)
        /// A gate application the circuit IR rejects (for example the same qubit twice).
        case invalidOperation(String)
        /// Nesting (parentheses or gate definitions) deeper than the reader's limit.
        case nestingTooDeep(limit: Int)
        /// The expanded circuit would exceed the reader's instruction limit.
        case programTooLarge(String)
        /// Bytes that are not UTF-8, at this 0-based byte offset of the file.
        case invalidEncoding(byteOffset: Int)
    }

    /// What went wrong.
    public var kind: Kind
    /// Where it was found.
    public var location: SourceLocation

    /// Creates an error of `kind` at `location`.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The 1-based line of the error.
    public var line: Int { location.line }
    /// The 1-based column of the error.
    public var column: Int { location.column }

    /// The message without the location.
    public var message: String {
        switch kind {
        case let .unexpectedCharacter(c):
            return "unexpected character \(c.unicodeScalars.first.map { $0.isASCII && $0.value >= 32 ? "'\(c)'" : "U+\(String($0.value, radix: 16, uppercase: true))" } ?? "?")"
        case let .unterminated(what):
            return "unterminated \(what)"
        case let .invalidNumber(text):
            return "invalid number \(text)"
        case let .unexpectedToken(expected, found):
            return "expected \(expected), found \(found)"
        case let .unsupportedVersion(version):
            return "unsupported OpenQASM version \(version): only OpenQASM 2.0 is read"
        case let .unsupportedInclude(file):
            return "cannot include \"\(file)\": only \"qelib1.inc\" is available"
        case let .undefined(what, name):
            if what == "gate" {
                return "gate '\(name)' is not defined (standard gates need include \"qelib1.inc\"; user gates must be defined before use)"
            }
            return "\(what) '\(name)' is not defined"
        case let .redefinition(what, name):
            return "\(what) '\(name)' is already defined"
        case let .wrongArgumentCount(gate, what, expected, got):
            return "gate '\(gate)' takes \(expected) \(what)\(expected == 1 ? "" : "s"), got \(got)"
        case let .indexOutOfRange(register, index, size):
            return "index \(index) is out of range for register \(register)[\(size)]"
        case let .registerSizeMismatch(message):
            return "register sizes differ: \(message)"
        case let .invalidRegisterSize(message):
            return "invalid register size: \(message)"
        case let .nonFiniteValue(message):
            return "expression has a non-finite value: \(message)"
        case let .unsupported(message):
            return "unsupported: \(message)"
        case let .invalidOperation(message):
            return "invalid operation: \(message)"
        case let .nestingTooDeep(limit):
            return "nesting deeper than \(limit) levels"
        case let .programTooLarge(message):
            return "program too large: \(message)"
        case let .invalidEncoding(offset):
            return "the file is not UTF-8 text: invalid byte sequence at byte offset \(offset)"
        }
    }

    public var description: String { "\(location): \(message)" }
}

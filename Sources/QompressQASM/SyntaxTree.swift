/// A real-valued parameter expression: numbers, `pi`, gate parameters, `+ - * / ^`, unary
/// minus and the functions `sin cos tan asin acos atan exp ln sqrt`.
indirect enum Expression: Hashable, Sendable {
    /// A literal.
    case number(Double, SourceLocation)
    /// A name: `pi` or a parameter of the enclosing gate definition.
    case name(String, SourceLocation)
    /// `-operand`.
    case negate(Expression, SourceLocation)
    /// `lhs op rhs` for op in `+ - * / ^`.
    case binary(String, Expression, Expression, SourceLocation)
    /// `function(argument)`.
    case call(String, Expression, SourceLocation)

    /// Where the expression starts (for binary operators: where the operator is).
    var location: SourceLocation {
        switch self {
        case let .number(_, l), let .name(_, l), let .negate(_, l), let .binary(_, _, _, l), let .call(_, _, l):
            return l
        }
    }
}

/// A qubit or bit argument: a whole register `q`, or one element `q[3]`.
struct Argument: Hashable, Sendable {
    /// The register (or, inside a gate body, the formal qubit) name.
    var name: String
    /// The element, or `nil` for the whole register.
    var index: Int?
    /// Where the argument starts.
    var location: SourceLocation
}

/// A gate application `name(parameters) arguments;`.
struct GateCall: Hashable, Sendable {
    /// The gate's name.
    var name: String
    /// The parameter expressions.
    var parameters: [Expression]
    /// The qubit arguments.
    var arguments: [Argument]
    /// Where the gate name is.
    var location: SourceLocation
}

/// A user `gate` (or `opaque`) definition.
struct GateDefinition: Hashable, Sendable {
    /// The gate's name.
    var name: String
    /// The formal parameter names.
    var parameters: [String]
    /// The formal qubit names.
    var qubits: [String]
    /// The body's gate calls (barriers dropped), or `nil` for an `opaque` declaration.
    var body: [GateCall]?
    /// Where the definition starts.
    var location: SourceLocation
}

/// One top-level statement of a program.
enum Statement: Hashable, Sendable {
    /// `include "qelib1.inc";` (the only file that can be included).
    case includeStandardLibrary(SourceLocation)
    /// `qreg name[size];`
    case quantumRegister(name: String, size: Int, SourceLocation)
    /// `creg name[size];`
    case classicalRegister(name: String, size: Int, SourceLocation)
    /// `gate …` or `opaque …`.
    case gateDefinition(GateDefinition)
    /// A gate application.
    case gateCall(GateCall)
    /// `measure qubits -> bits;`
    case measure(qubits: Argument, bits: Argument, SourceLocation)
    /// `reset qubits;`
    case reset(Argument, SourceLocation)
    /// `barrier …;` (no effect on the simulation).
    case barrier(SourceLocation)
    /// `if (creg == value) statement` (parsed to report it as unsupported).
    case conditional(SourceLocation)
}

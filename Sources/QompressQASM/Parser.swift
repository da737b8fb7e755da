/// A recursive-descent parser from tokens to `Statement`s (OpenQASM 2.0 grammar).
///
/// It checks syntax only; names, sizes and gate signatures are checked by `ProgramBuilder`.
/// Parenthesised expressions deeper than `maxDepth` throw instead of exhausting the stack.
struct Parser {
    private let tokens: [Token]
    private var position = 0
    private let maxDepth: Int
    private var depth = 0
    /// Binary operators in the expression being parsed (bounds the tree's height).
    private var operators = 0
    /// The most binary operators one parameter expression may have.
    static let maxOperators = 256

    /// Creates a parser over `tokens` (which end with `.end`).
    init(tokens: [Token], maxDepth: Int) {
        self.tokens = tokens
        self.maxDepth = maxDepth
    }

    /// Parses a whole program: the optional `OPENQASM 2.0;` header, then statements.
    /// - Throws: `QASMError` at the first syntax error.
    /// - Returns: the statements and the location of the end of the input.
    static func parse(_ source: String, maxDepth: Int) throws -> ([Statement], SourceLocation) {
        let tokens = try Lexer.tokens(of: source)
        var parser = Parser(tokens: tokens, maxDepth: maxDepth)
        return (try parser.program(), tokens[tokens.count - 1].location)
    }

    // MARK: - Token helpers

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func isSymbol(_ symbol: String) -> Bool { current.kind == .symbol(symbol) }

    private func isKeyword(_ word: String) -> Bool { current.kind == .identifier(word) }

    private func unexpected(_ expected: String) -> QASMError {
        QASMError(.unexpectedToken(expected: expected, found: current.text), at: current.location)
    }

    @discardableResult
    private mutating func expect(_ symbol: String) throws -> Token {
        guard isSymbol(symbol) else { throw unexpected("'\(symbol)'") }
        return advance()
    }

    private mutating func identifier(_ what: String = "a name") throws -> (String, SourceLocation) {
        guard case let .identifier(name) = current.kind else { throw unexpected(what) }
        return (name, advance().location)
    }

    private mutating func integer(_ what: String) throws -> Int {
        guard case let .integer(value) = current.kind else { throw unexpected(what) }
        _ = advance()
        return value
    }

    // MARK: - Program and statements

    private mutating func program() throws -> [Statement] {
        // The `OPENQASM 2.0;` header is optional, as in Qiskit's reader (some published
        // benchmark programs have none); when present it must name version 2.
        if isKeyword("OPENQASM") {
            _ = advance()
            let versionToken = current
            switch versionToken.kind {
            case let .real(v) where v == 2: _ = advance()
            case let .integer(v) where v == 2: _ = advance()
            case .real, .integer:
                throw QASMError(.unsupportedVersion(versionToken.text), at: versionToken.location)
            default:
                throw unexpected("a version number")
            }
            try expect(";")
        }
        var statements: [Statement] = []
        while current.kind != .end {
            statements.append(try statement())
        }
        return statements
    }

    private mutating func statement() throws -> Statement {
        let start = current.location
        guard case let .identifier(word) = current.kind else { throw unexpected("a statement") }
        switch word {
        case "include":
            _ = advance()
            guard case let .string(file) = current.kind else { throw unexpected("a file name in quotes") }
            let fileLocation = advance().location
            guard file == "qelib1.inc" else { throw QASMError(.unsupportedInclude(file), at: fileLocation) }
            try expect(";")
            return .includeStandardLibrary(start)
        case "qreg", "creg":
            _ = advance()
            let (name, _) = try identifier("a register name")
            try expect("[")
            let size = try integer("a register size")
            try expect("]")
            try expect(";")
            return word == "qreg" ? .quantumRegister(name: name, size: size, start)
                                  : .classicalRegister(name: name, size: size, start)
        case "gate", "opaque":
            _ = advance()
            return .gateDefinition(try gateDefinition(opaque: word == "opaque", at: start))
        case "measure":
            _ = advance()
            let qubits = try argument()
            try expect("->")
            let bits = try argument()
            try expect(";")
            return .measure(qubits: qubits, bits: bits, start)
        case "reset":
            _ = advance()
            let target = try argument()
            try expect(";")
            return .reset(target, start)
        case "barrier":
            _ = advance()
            _ = try argumentList()
            try expect(";")
            return .barrier(start)
        case "if":
            _ = advance()
            try expect("(")
            _ = try identifier("a classical register")
            try expect("==")
            _ = try integer("an integer")
            try expect(")")
            for word in ["if", "gate", "opaque", "qreg", "creg", "include", "OPENQASM"] where isKeyword(word) {
                throw unexpected("a gate, measure or reset after if (...)")
            }
            _ = try statement()
            return .conditional(start)
        case "OPENQASM":
            throw unexpected("a statement (the header may appear only once)")
        default:
            return .gateCall(try gateCall(argument: { try $0.argument() }))
        }
    }

    private mutating func gateDefinition(opaque: Bool, at start: SourceLocation) throws -> GateDefinition {
        let (name, _) = try identifier("a gate name")
        var parameters: [String] = []
        if isSymbol("(") {
            _ = advance()
            if !isSymbol(")") { parameters = try nameList("a parameter name") }
            try expect(")")
        }
        let qubits = try nameList("a qubit name")
        if opaque {
            try expect(";")
            return GateDefinition(name: name, parameters: parameters, qubits: qubits, body: nil, location: start)
        }
        try expect("{")
        var body: [GateCall] = []
        while !isSymbol("}") {
            if isKeyword("barrier") {
                _ = advance()
                _ = try nameList("a qubit name")
                try expect(";")
                continue
            }
            body.append(try gateCall(argument: { parser in
                let (name, location) = try parser.identifier("a qubit name")
                if parser.isSymbol("[") { throw parser.unexpected("a qubit name without an index inside a gate body") }
                return Argument(name: name, index: nil, location: location)
            }))
        }
        try expect("}")
        return GateDefinition(name: name, parameters: parameters, qubits: qubits, body: body, location: start)
    }

    private mutating func gateCall(argument: (inout Parser) throws -> Argument) throws -> GateCall {
        let (name, location) = try identifier("a gate name")
        var parameters: [Expression] = []
        if isSymbol("(") {
            _ = advance()
            if !isSymbol(")") {
                parameters.append(try expression())
                while isSymbol(",") {
                    _ = advance()
                    parameters.append(try expression())
                }
            }
            try expect(")")
        }
        var arguments = [try argument(&self)]
        while isSymbol(",") {
            _ = advance()
            arguments.append(try argument(&self))
        }
        try expect(";")
        return GateCall(name: name, parameters: parameters, arguments: arguments, location: location)
    }

    private mutating func nameList(_ what: String) throws -> [String] {
        var names = [try identifier(what).0]
        while isSymbol(",") {
            _ = advance()
            names.append(try identifier(what).0)
        }
        return names
    }

    private mutating func argument() throws -> Argument {
        let (name, location) = try identifier("a register name")
        guard isSymbol("[") else { return Argument(name: name, index: nil, location: location) }
        _ = advance()
        let index = try integer("an index")
        try expect("]")
        return Argument(name: name, index: index, location: location)
    }

    private mutating func argumentList() throws -> [Argument] {
        var arguments = [try argument()]
        while isSymbol(",") {
            _ = advance()
            arguments.append(try argument())
        }
        return arguments
    }

    // MARK: - Expressions: sum → product → unary → power → primary

    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        guard depth < maxDepth else { throw QASMError(.nestingTooDeep(limit: maxDepth), at: current.location) }
        depth += 1
        defer { depth -= 1 }
        return try body(&self)
    }

    private mutating func countOperator() throws {
        operators += 1
        guard operators <= Parser.maxOperators else {
            throw QASMError(.programTooLarge("an expression with more than \(Parser.maxOperators) operators"),
                            at: current.location)
        }
    }

    mutating func expression() throws -> Expression {
        if depth == 0 { operators = 0 }
        return try nested { parser in
            var lhs = try parser.product()
            while case let .symbol(op) = parser.current.kind, op == "+" || op == "-" {
                try parser.countOperator()
                let location = parser.advance().location
                lhs = .binary(op, lhs, try parser.product(), location)
            }
            return lhs
        }
    }

    private mutating func product() throws -> Expression {
        var lhs = try unary()
        while case let .symbol(op) = current.kind, op == "*" || op == "/" {
            try countOperator()
            let location = advance().location
            lhs = .binary(op, lhs, try unary(), location)
        }
        return lhs
    }

    private mutating func unary() throws -> Expression {
        try nested { parser in
            if parser.isSymbol("-") {
                let location = parser.advance().location
                return .negate(try parser.unary(), location)
            }
            if parser.isSymbol("+") {
                _ = parser.advance()
                return try parser.unary()
            }
            return try parser.power()
        }
    }

    private mutating func power() throws -> Expression {
        let base = try primary()
        guard isSymbol("^") else { return base }
        try countOperator()
        let location = advance().location
        return .binary("^", base, try unary(), location)
    }

    private mutating func primary() throws -> Expression {
        let token = current
        switch token.kind {
        case let .integer(value):
            _ = advance()
            return .number(Double(value), token.location)
        case let .real(value):
            _ = advance()
            return .number(value, token.location)
        case let .identifier(name):
            _ = advance()
            guard isSymbol("(") else { return .name(name, token.location) }
            _ = advance()
            let argument = try expression()
            try expect(")")
            return .call(name, argument, token.location)
        case .symbol("("):
            _ = advance()
            let inner = try expression()
            try expect(")")
            return inner
        default:
            throw unexpected("an expression")
        }
    }
}

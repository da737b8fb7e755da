/// One token of OpenQASM 2.0 source.
struct Token: Hashable, Sendable {
    /// The token's category and payload.
    enum Kind: Hashable, Sendable {
        /// A name or keyword (`qreg`, `h`, `pi`, …).
        case identifier(String)
        /// A non-negative integer literal.
        case integer(Int)
        /// A real literal (with a point or an exponent).
        case real(Double)
        /// A double-quoted string (without the quotes).
        case string(String)
        /// Punctuation or an operator: `; , ( ) [ ] { } + - * / ^ -> ==`.
        case symbol(String)
        /// The end of the input.
        case end
    }

    /// The category and payload.
    var kind: Kind
    /// Where the token starts.
    var location: SourceLocation

    /// A short description for error messages.
    var text: String {
        switch kind {
        case let .identifier(name): return "'\(name)'"
        case let .integer(value): return "\(value)"
        case let .real(value): return "\(value)"
        case let .string(value): return "\"\(value)\""
        case let .symbol(symbol): return "'\(symbol)'"
        case .end: return "end of input"
        }
    }
}

/// Splits OpenQASM 2.0 source into tokens, skipping whitespace and `//` and `/* */` comments.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1

    /// Creates a lexer over `source`.
    init(_ source: String) { scalars = Array(source.unicodeScalars) }

    /// Every token of the source, ending with `.end`.
    /// - Throws: `QASMError` for a character that starts no token, an unterminated string or
    ///   comment, or a number that does not fit.
    static func tokens(of source: String) throws -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var location: SourceLocation { SourceLocation(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c >= "0" && c <= "9"
    }

    /// Skips whitespace and comments.
    private mutating func skipTrivia() throws {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                advance()
            } else if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" { advance() }
            } else if c == "/" && peek(1) == "*" {
                let start = location
                advance(); advance()
                while true {
                    guard let d = peek() else { throw QASMError(.unterminated("block comment"), at: start) }
                    if d == "*" && peek(1) == "/" {
                        advance(); advance()
                        break
                    }
                    advance()
                }
            } else {
                return
            }
        }
    }

    /// The next token.
    private mutating func next() throws -> Token {
        try skipTrivia()
        let start = location
        guard let c = peek() else { return Token(kind: .end, location: start) }
        if Lexer.isLetter(c) {
            var name = ""
            while let d = peek(), Lexer.isLetter(d) || Lexer.isDigit(d) {
                name.unicodeScalars.append(d)
                advance()
            }
            return Token(kind: .identifier(name), location: start)
        }
        if Lexer.isDigit(c) || (c == "." && Lexer.isDigit(peek(1))) {
            return try number(at: start)
        }
        if c == "\"" {
            advance()
            var text = ""
            while true {
                guard let d = peek(), d != "\n" else { throw QASMError(.unterminated("string"), at: start) }
                advance()
                if d == "\"" { break }
                text.unicodeScalars.append(d)
            }
            return Token(kind: .string(text), location: start)
        }
        if c == "-" && peek(1) == ">" {
            advance(); advance()
            return Token(kind: .symbol("->"), location: start)
        }
        if c == "=" && peek(1) == "=" {
            advance(); advance()
            return Token(kind: .symbol("=="), location: start)
        }
        if ";,()[]{}+-*/^".unicodeScalars.contains(c) {
            advance()
            return Token(kind: .symbol(String(Character(c))), location: start)
        }
        throw QASMError(.unexpectedCharacter(Character(c)), at: start)
    }

    /// An integer or real literal: digits, an optional fraction and an optional exponent.
    private mutating func number(at start: SourceLocation) throws -> Token {
        var text = ""
        var isReal = false
        func digits() {
            while let d = peek(), Lexer.isDigit(d) {
                text.unicodeScalars.append(d)
                advance()
            }
        }
        digits()
        if peek() == "." {
            isReal = true
            text += "."
            advance()
            digits()
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if Lexer.isDigit(peek(signed ? 2 : 1)) {
                isReal = true
                text += "e"
                advance()
                if signed {
                    text.unicodeScalars.append(peek()!)
                    advance()
                }
                digits()
            }
        }
        if isReal {
            guard let value = Double(text), value.isFinite else { throw QASMError(.invalidNumber(text), at: start) }
            return Token(kind: .real(value), location: start)
        }
        guard let value = Int(text) else { throw QASMError(.invalidNumber(text), at: start) }
        return Token(kind: .integer(value), location: start)
    }
}

extension PauliSum {
    /// Parses a sum such as `"Z0 Z1 + 0.5 X2 - 2*Y3"` or `"-X0*X1 + 3 I"`.
    ///
    /// A term is an optional real coefficient (optionally followed by `*`) and a product of
    /// factors `X<q>`, `Y<q>`, `Z<q>` or `I`, separated by spaces or `*`. Terms are joined by
    /// `+` or `-`.
    /// - Throws: `CircuitError.malformedObservable` naming the offending position.
    public init(_ text: String) throws {
        var parser = PauliSumParser(text)
        self.init(unchecked: try parser.parse())
    }
}

/// A small hand-written recursive-descent parser for `PauliSum.init(_:)`.
struct PauliSumParser {
    private let chars: [Character]
    private var position = 0

    init(_ text: String) { chars = Array(text) }

    private func fail(_ message: String) -> CircuitError {
        .malformedObservable("\(message) at column \(position + 1) of \"\(String(chars))\"")
    }

    private mutating func skipSpaces() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    private var current: Character? { position < chars.count ? chars[position] : nil }

    mutating func parse() throws -> [PauliSum.Term] {
        var terms: [PauliSum.Term] = []
        skipSpaces()
        var sign = 1.0
        if current == "+" || current == "-" { sign = current == "-" ? -1 : 1; position += 1 }
        while true {
            terms.append(try parseTerm(sign: sign))
            skipSpaces()
            guard let c = current else { break }
            guard c == "+" || c == "-" else { throw fail("expected '+' or '-'") }
            sign = c == "-" ? -1 : 1
            position += 1
        }
        if terms.isEmpty { throw fail("empty observable") }
        return terms
    }

    private mutating func parseTerm(sign: Double) throws -> PauliSum.Term {
        skipSpaces()
        var coefficient = sign
        var sawCoefficient = false
        if let c = current, c.isNumber || c == "." {
            coefficient *= try parseNumber()
            sawCoefficient = true
            skipSpaces()
        }
        var starPending = false
        if sawCoefficient, current == "*" { position += 1; starPending = true }
        var factors: [(Int, Pauli)] = []
        var sawIdentity = false
        while true {
            skipSpaces()
            guard let c = current else { break }
            if c == "*" {
                if starPending || (factors.isEmpty && !sawIdentity) { throw fail("unexpected '*'") }
                position += 1
                starPending = true
                continue
            }
            if c == "I" { position += 1; sawIdentity = true; starPending = false; continue }
            guard c.isASCII, let pauli = Pauli(rawValue: Character(c.uppercased())) else {
                if starPending { throw fail("expected a Pauli factor after '*'") }
                break
            }
            starPending = false
            position += 1
            let start = position
            while let d = current, d.isNumber { position += 1 }
            guard position > start, let qubit = Int(String(chars[start..<position])) else {
                throw fail("expected a qubit index after \(pauli.rawValue)")
            }
            factors.append((qubit, pauli))
        }
        guard sawCoefficient || sawIdentity || !factors.isEmpty else { throw fail("expected a term") }
        guard coefficient.isFinite else { throw fail("non-finite coefficient") }
        let string: PauliString
        do { string = try PauliString(factors) } catch { throw fail("\(error)") }
        return PauliSum.Term(coefficient, string)
    }

    private mutating func parseNumber() throws -> Double {
        let start = position
        while let c = current, c.isNumber || c == "." || c == "e" || c == "E"
            || ((c == "-" || c == "+") && position > start && (chars[position - 1] == "e" || chars[position - 1] == "E")) {
            position += 1
        }
        guard let value = Double(String(chars[start..<position])) else { throw fail("malformed number") }
        return value
    }
}

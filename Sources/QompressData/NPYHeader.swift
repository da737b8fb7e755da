import Foundation

/// The three fields of an `.npy` header dictionary.
///
/// The header is a Python dict literal such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (100, 512), }`, which numpy reads with
/// `ast.literal_eval` and then requires to hold exactly these three keys. This parser accepts
/// the same literals — single or double quotes, any white space, a trailing comma, integers in
/// decimal, `0x`/`0o`/`0b` or with `_` separators (`(0x10, 512)`), a trailing `L` from Python 2
/// writers — and refuses what numpy refuses or what would be ambiguous: text before or after
/// the dict, missing, unknown or repeated keys, and values of the wrong kind.
struct NPYHeader {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    init(_ text: String, path: String) throws {
        var scanner = Scanner(characters: Array(text.unicodeScalars), path: path)
        let fields = try scanner.dictionary()
        scanner.skipWhitespace()
        guard scanner.atEnd else { throw scanner.fail("text after the header dictionary") }
        guard case let .string(descr)? = fields["descr"] else { throw scanner.fail("'descr' must be a string") }
        guard case let .boolean(order)? = fields["fortran_order"] else {
            throw scanner.fail("'fortran_order' must be True or False")
        }
        guard case let .tuple(dims)? = fields["shape"] else { throw scanner.fail("'shape' must be a tuple of integers") }
        guard dims.allSatisfy({ $0 >= 0 && $0 < 1 << 40 }) else {
            throw scanner.fail("shape \(dims) has a negative or impossibly large entry")
        }
        // Every prefix product must stay small, not only the total: a zero entry makes the total 0
        // while products of the entries before it may overflow wherever the shape is multiplied.
        var product = 1
        for d in dims where d > 0 {
            let (p, overflow) = product.multipliedReportingOverflow(by: d)
            guard !overflow, p < 1 << 40 else { throw scanner.fail("shape \(dims) is too large") }
            product = p
        }
        self.descr = descr
        fortranOrder = order
        shape = dims
    }

    /// A value of the header dictionary.
    enum Value {
        case string(String)
        case boolean(Bool)
        case tuple([Int])
    }

    /// A cursor over the header's characters.
    struct Scanner {
        let characters: [Unicode.Scalar]
        let path: String
        var position = 0

        init(characters: [Unicode.Scalar], path: String) {
            self.characters = characters
            self.path = path
        }

        var atEnd: Bool { position >= characters.count }

        func fail(_ message: String) -> NPYError { .malformedHeader(path: path, message: message) }

        mutating func skipWhitespace() {
            while position < characters.count, [" ", "\t", "\n", "\r"].contains(characters[position]) { position += 1 }
        }

        mutating func expect(_ c: Unicode.Scalar) throws {
            skipWhitespace()
            guard position < characters.count, characters[position] == c else {
                throw fail("expected '\(c)' at character \(position)")
            }
            position += 1
        }

        mutating func peek() -> Unicode.Scalar? {
            skipWhitespace()
            return position < characters.count ? characters[position] : nil
        }

        /// `{ 'key': value, … }` with exactly the keys descr, fortran_order and shape.
        mutating func dictionary() throws -> [String: Value] {
            guard characters.first == "{" else { throw fail("the header must start with its dictionary, '{'") }
            try expect("{")
            var fields: [String: Value] = [:]
            while peek() != "}" {
                let key = try string()
                guard ["descr", "fortran_order", "shape"].contains(key) else { throw fail("unknown key '\(key)'") }
                guard fields[key] == nil else { throw fail("key '\(key)' appears twice") }
                try expect(":")
                fields[key] = try value()
                if peek() == "," { position += 1 } else { break }
            }
            try expect("}")
            for key in ["descr", "fortran_order", "shape"] where fields[key] == nil { throw fail("no '\(key)' entry") }
            return fields
        }

        mutating func value() throws -> Value {
            switch peek() {
            case "'", "\"": return .string(try string())
            case "(": return .tuple(try tuple())
            default:
                if consume("True") { return .boolean(true) }
                if consume("False") { return .boolean(false) }
                throw fail("unexpected value at character \(position)")
            }
        }

        mutating func consume(_ word: String) -> Bool {
            let scalars = Array(word.unicodeScalars)
            guard position + scalars.count <= characters.count,
                  Array(characters[position..<(position + scalars.count)]) == scalars else { return false }
            position += scalars.count
            return true
        }

        /// A quoted string without escapes (numpy writes none).
        mutating func string() throws -> String {
            guard let quote = peek(), quote == "'" || quote == "\"" else { throw fail("expected a quoted key at character \(position)") }
            position += 1
            var out = ""
            while position < characters.count, characters[position] != quote {
                guard characters[position] != "\\" else { throw fail("escapes in header strings are not supported") }
                out.unicodeScalars.append(characters[position])
                position += 1
            }
            guard position < characters.count else { throw fail("unterminated string") }
            position += 1
            return out
        }

        /// `(a, b, …)`, `(a,)` or `()`.
        mutating func tuple() throws -> [Int] {
            try expect("(")
            var items: [Int] = []
            while peek() != ")" {
                items.append(try integer())
                if peek() == "," { position += 1 } else { break }
            }
            try expect(")")
            return items
        }

        /// A Python integer literal: decimal, 0x…, 0o…, 0b…, `_` separators, optional `L`.
        mutating func integer() throws -> Int {
            skipWhitespace()
            var token = ""
            while position < characters.count, characters[position].properties.isAlphabetic || ("0"..."9").contains(characters[position])
                    || characters[position] == "_" {
                token.unicodeScalars.append(characters[position])
                position += 1
            }
            if token.hasSuffix("L") || token.hasSuffix("l") { token.removeLast() }
            guard !token.hasPrefix("_"), !token.hasSuffix("_"), !token.contains("__") else { throw fail("bad integer '\(token)'") }
            let digits = token.replacingOccurrences(of: "_", with: "").lowercased()
            let value: Int?
            if digits.hasPrefix("0x") {
                value = Int(digits.dropFirst(2), radix: 16)
            } else if digits.hasPrefix("0o") {
                value = Int(digits.dropFirst(2), radix: 8)
            } else if digits.hasPrefix("0b") {
                value = Int(digits.dropFirst(2), radix: 2)
            } else if digits.count > 1, digits.hasPrefix("0") {
                value = nil   // Python 3 refuses leading zeros
            } else {
                value = Int(digits)
            }
            guard let value else { throw fail("shape entry '\(token)' is not an integer literal") }
            return value
        }
    }
}

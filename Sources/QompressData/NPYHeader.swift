import Foundation

/// The three fields of an `.npy` header dictionary, parsed by a small scanner (the header is
/// a Python literal such as `{'descr': '<f4', 'fortran_order': False, 'shape': (100, 512), }`).
struct NPYHeader {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    init(_ text: String, path: String) throws {
        func fail(_ message: String) -> NPYError { .malformedHeader(path: path, message: message) }
        func value(of key: String) throws -> Substring {
            guard let keyRange = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\"") else {
                throw fail("no '\(key)' entry")
            }
            var rest = text[keyRange.upperBound...].drop { $0 == " " }
            guard rest.first == ":" else { throw fail("no ':' after '\(key)'") }
            rest = rest.dropFirst().drop { $0 == " " }
            return rest
        }
        let descrValue = try value(of: "descr")
        guard let quote = descrValue.first, quote == "'" || quote == "\"",
              let end = descrValue.dropFirst().firstIndex(of: quote) else { throw fail("descr is not a string") }
        descr = String(descrValue[descrValue.index(after: descrValue.startIndex)..<end])
        let orderValue = try value(of: "fortran_order")
        if orderValue.hasPrefix("True") { fortranOrder = true } else if orderValue.hasPrefix("False") { fortranOrder = false } else {
            throw fail("fortran_order is neither True nor False")
        }
        let shapeValue = try value(of: "shape")
        guard shapeValue.first == "(", let close = shapeValue.firstIndex(of: ")") else { throw fail("shape is not a tuple") }
        let inner = shapeValue[shapeValue.index(after: shapeValue.startIndex)..<close]
        var dims: [Int] = []
        for part in inner.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let d = Int(trimmed.hasSuffix("L") ? String(trimmed.dropLast()) : trimmed), d >= 0, d < 1 << 40 else {
                throw fail("shape entry '\(trimmed)' is not a non-negative integer")
            }
            dims.append(d)
        }
        guard dims.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }) < 1 << 40 else {
            throw fail("shape \(dims) is too large")
        }
        shape = dims
    }
}

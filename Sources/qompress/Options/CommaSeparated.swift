import ArgumentParser

/// A comma-separated list as one option value (`--qubits 10,14,18`, `--backend statevector,mps`):
/// every command's list options use this one type, so lists parse and fail the same way.
struct CommaSeparated<Element: ExpressibleByArgument>: ExpressibleByArgument, CustomStringConvertible {
    /// The entries, in order.
    var values: [Element]

    /// A list of the given entries.
    init(_ values: [Element]) { self.values = values }

    /// Parses `a,b,c` (spaces around entries allowed); the empty string is the empty list;
    /// `nil` when any entry does not parse.
    init?(argument: String) {
        var values: [Element] = []
        guard !argument.trimmingCharacters(in: .whitespaces).isEmpty else {
            self.values = []
            return
        }
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Element(argument: part.trimmingCharacters(in: .whitespaces)) else { return nil }
            values.append(value)
        }
        self.values = values
    }

    var description: String { values.map { "\($0)" }.joined(separator: ",") }
    var defaultValueDescription: String { description }
}

extension CommaSeparated where Element: Comparable {
    /// Throws a `ValidationError` naming `option` unless every entry lies in `range`.
    func validate(_ option: String, in range: ClosedRange<Element>) throws {
        if let bad = values.first(where: { !range.contains($0) }) {
            throw ValidationError("\(option) takes values in \(range.lowerBound)…\(range.upperBound), got \(bad)")
        }
    }

    /// Throws a `ValidationError` naming `option` unless every entry is at least `minimum`.
    func validate(_ option: String, atLeast minimum: Element) throws {
        if let bad = values.first(where: { $0 < minimum }) {
            throw ValidationError("\(option) takes values ≥ \(minimum), got \(bad)")
        }
    }
}

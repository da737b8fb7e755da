import ArgumentParser

/// Parses a comma-separated list of integers given to `option` (e.g. `--qubits 10,14,18`).
/// - Throws: `ValidationError` naming the option when an entry is not an integer ≥ `minimum`.
func integerList(_ text: String, option: String, minimum: Int) throws -> [Int] {
    try text.split(separator: ",").map {
        guard let value = Int($0.trimmingCharacters(in: .whitespaces)), value >= minimum else {
            throw ValidationError("\(option) takes integers ≥ \(minimum) separated by commas, got \(text)")
        }
        return value
    }
}

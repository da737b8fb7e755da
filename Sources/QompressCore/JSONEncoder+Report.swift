import Foundation

extension JSONEncoder {
    /// The encoder of every JSON report the package writes (results rows, metrics, truncation
    /// reports, `run --json`): snake_case keys, sorted, and NaN or infinities as the strings
    /// `"nan"`, `"inf"`, `"-inf"` (JSON has no such numbers).
    public static func report(prettyPrinted: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = prettyPrinted ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }
}

extension JSONDecoder {
    /// The decoder of reports written with `JSONEncoder.report()`: snake_case keys, and the
    /// strings `"nan"`, `"inf"`, `"-inf"` as numbers.
    public static func report() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

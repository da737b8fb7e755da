import ArgumentParser

/// The element type of an `.npy` a command writes, named as numpy names it: `f4` (float32) or
/// `f8` (float64), little-endian; `<f4` / `<f8` are accepted too.
enum OutputDType: String, ExpressibleByArgument, CaseIterable {
    case f4, f8

    init?(argument: String) {
        let name = argument.hasPrefix("<") ? String(argument.dropFirst()) : argument
        self.init(rawValue: name.lowercased())
    }

    /// The `.npy` header's `descr` (`<f4`, `<f8`).
    var descr: String { "<" + rawValue }
}

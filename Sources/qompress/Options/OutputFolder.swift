import Foundation

/// Where commands write by default: `qompress-output/` in the current directory, or the folder
/// `QOMPRESS_OUTPUT` names. Every default output path (checkpoints, metrics, result rows) lies
/// below it; an explicit option always wins.
enum OutputFolder {
    /// The environment variable that moves the default output folder.
    static let environmentVariable = "QOMPRESS_OUTPUT"

    /// The folder.
    static var root: String {
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty { return override }
        return "qompress-output"
    }

    /// `relative` below the folder.
    static func path(_ relative: String) -> String { root + "/" + relative }
}

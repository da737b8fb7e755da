import Foundation

/// The datasets that ship with the package (CLIP pairs under `clip/`, retrieval collections
/// under `ir/`; provenance in their READMEs), as SwiftPM resources: the build puts them in
/// `Qompress_QompressBundledData.resources/` beside the `qompress` executable, so a binary
/// copied together with that folder still finds them. `QOMPRESS_DATA` overrides the location.
public enum BundledData {
    /// The environment variable that points at another copy of the bundled `Data` folder.
    public static let environmentVariable = "QOMPRESS_DATA"
    /// The name of the resource folder SwiftPM writes beside the executable.
    public static let resourceFolderName = "Qompress_QompressBundledData.resources"

    /// A missing bundled folder, with where it was looked for.
    public struct NotFound: Error, CustomStringConvertible {
        /// The places searched, in order.
        public let searched: [String]
        public var description: String {
            "the bundled data was not found (searched \(searched.joined(separator: ", "))); "
                + "set \(BundledData.environmentVariable) to the package's Sources/QompressBundledData/Data or pass the data folder explicitly"
        }
    }

    /// The bundled `Data` folder.
    /// - Throws: `NotFound` when no candidate exists.
    public static func root() throws -> URL {
        var candidates: [URL] = []
        var folders = [Bundle.main.bundleURL]
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folders.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        for folder in folders {
            candidates.append(folder.appendingPathComponent(resourceFolderName).appendingPathComponent("Data", isDirectory: true))
        }
        if let override = ProcessInfo.processInfo.environment[environmentVariable], !override.isEmpty {
            // An explicit location is the only one looked at.
            candidates = [URL(fileURLWithPath: override, isDirectory: true)]
        }
        var isDirectory: ObjCBool = false
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) && isDirectory.boolValue {
            return candidate
        }
        throw NotFound(searched: candidates.map(\.path))
    }

    /// The bundled CLIP image–caption pairs (one folder per dataset).
    public static func clip() throws -> URL { try root().appendingPathComponent("clip", isDirectory: true) }
    /// The bundled retrieval collections (one folder per collection).
    public static func informationRetrieval() throws -> URL { try root().appendingPathComponent("ir", isDirectory: true) }
}

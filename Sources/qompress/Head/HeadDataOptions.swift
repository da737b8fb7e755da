import ArgumentParser
import Foundation
import Qompress

/// Where the collections are and which one to use.
struct HeadDataOptions: ParsableArguments {
    @Option(help: "Folder holding the collections (default: the bundled ones, cranfield and medline).")
    var data: String?
    @Option(help: "Collection name (a sub-folder of --data).")
    var collection: String = "medline"
    @Option(help: "Fraction of judged queries held out for testing.")
    var testFraction: Double = 0.5
    @Option(help: "Seed of the train/test split.")
    var splitSeed: UInt64 = 42
    @Option(help: "Worker threads (0 = all cores).")
    var threads: Int = 0
    @Option(help: "Arithmetic of the quantum-inspired heads' fast path: f64 (default) or f32 (opt-in, faster, outputs within about 1e-6).")
    var precision: HeadPrecision = .float64

    /// The data folder: --data, or the bundled collections.
    var dataFolder: URL {
        get throws {
            if let data { return URL(fileURLWithPath: data) }
            return try BundledData.informationRetrieval()
        }
    }

    /// Throws a usage error naming the available collections unless `name` is a folder of --data.
    func requireCollection(_ name: String) throws {
        let dataFolder = try self.dataFolder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataFolder.appendingPathComponent(name).path, isDirectory: &isFolder),
              isFolder.boolValue else {
            let available = ((try? FileManager.default.contentsOfDirectory(atPath: dataFolder.path)) ?? [])
                .filter { entry in
                    var folder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: dataFolder.appendingPathComponent(entry).path, isDirectory: &folder)
                        && folder.boolValue && !entry.hasPrefix(".")
                }.sorted()
            throw ValidationError("no collection '\(name)' in \(dataFolder.path) (available: \(available.joined(separator: ", ")))")
        }
    }

    func load(_ name: String? = nil) throws -> IRCollection {
        try requireCollection(name ?? collection)
        return try IRCollection(folder: try dataFolder.appendingPathComponent(name ?? collection))
    }
}

import Foundation
import QompressFuzzing

// `qompress-fuzz`: the libFuzzer driver of the fuzz targets, or (in an ordinary build) a replay
// tool that runs a target on files: `qompress-fuzz TARGET FILE…`.
//
// A fuzzing build (see `make fuzz`) defines FUZZING and links libFuzzer without its `main`:
// SwiftPM names this module's entry point `QompressFuzz_main`, which hands control to
// `LLVMFuzzerRunDriver` with the target chosen by `QOMPRESS_FUZZ_TARGET`.

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

nonisolated(unsafe) var selectedTarget = FuzzTarget.qasm

@_cdecl("QompressFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    let name = ProcessInfo.processInfo.environment["QOMPRESS_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set QOMPRESS_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))\n".utf8))
        return 2
    }
    selectedTarget = target
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { bytes, size in
        selectedTarget.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
#else
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: qompress-fuzz TARGET FILE…   (TARGET: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(2)
        }
        var count = 0
        for path in arguments.dropFirst() {
            let url = URL(fileURLWithPath: path)
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { url.appendingPathComponent($0) }
                : [url]
            for file in files {
                guard let data = try? Data(contentsOf: file) else { continue }
                target.run(data)
                count += 1
            }
        }
        print("\(target.rawValue): \(count) inputs replayed without a crash")
    }
}
#endif

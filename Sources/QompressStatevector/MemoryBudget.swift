import Foundation

/// How much memory the machine can give a new state.
enum MemoryBudget {
    /// Available memory in bytes: `MemAvailable` from /proc/meminfo on Linux, else the
    /// physical memory size.
    static func availableBytes() -> Double {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let fields = line.split(separator: " ")
                if fields.count >= 2, let kib = Double(fields[1]) { return kib * 1024 }
            }
        }
        return Double(ProcessInfo.processInfo.physicalMemory)
    }

    /// The bytes one register may take: free memory, capped by `ceiling` (default: a fraction
    /// of the physical memory).
    static func allowedBytes(ceiling: Double?) -> Double {
        let cap = ceiling ?? StatevectorConfiguration.defaultMemoryFraction * Double(ProcessInfo.processInfo.physicalMemory)
        return min(availableBytes(), cap)
    }
}

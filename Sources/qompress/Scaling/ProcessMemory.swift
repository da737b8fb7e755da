import ArgumentParser
import Foundation
import Qompress

/// Reads this process's memory counters from /proc/self/status (Linux).
enum ProcessMemory {
    /// The value of `field` (`VmRSS`, `VmHWM`, …) in KiB, or 0 where it is not available.
    static func kibibytes(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.dropFirst(field.count + 1).filter { $0.isNumber }
            return Double(String(digits)) ?? 0
        }
        return 0
    }
}

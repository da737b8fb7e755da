import Foundation

/// Measures the machine's copy bandwidth: bytes read plus bytes written per second when
/// copying a buffer far larger than the caches (the yardstick for "one pass over the state").
enum MemoryBandwidth {
    static func measure(bytes: Int = 512 << 20, repeats: Int = 5) -> Double {
        let count = bytes / 8
        let source = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let target = UnsafeMutablePointer<Double>.allocate(capacity: count)
        defer { source.deallocate(); target.deallocate() }
        source.initialize(repeating: 1, count: count)
        target.initialize(repeating: 0, count: count)
        var times: [Double] = []
        for _ in 0..<repeats {
            times.append(Timing.seconds { memcpy(target, source, bytes) })
        }
        return 2 * Double(bytes) / Timing.median(times)
    }
}

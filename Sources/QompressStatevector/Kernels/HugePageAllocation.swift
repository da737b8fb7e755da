import Foundation

/// Memory for amplitude buffers: blocks of at least 1 MiB are 2 MiB-aligned and advised as
/// transparent huge pages (`MADV_HUGEPAGE`; the kernel may decline), so that a buffer the size
/// of the L2 is physically contiguous and cannot collide with itself in the cache depending on
/// which 4 KiB pages a process happened to get (see `ScratchBuffer`); smaller ones are 64-byte
/// aligned. Release with `release(_:)`.
enum HugePageAllocation {
    /// The size from which a buffer goes into huge pages.
    static let threshold = 1 << 20
    private static let hugePage = 2 << 20

    /// Room for `count` doubles (contents uninitialised).
    static func allocate(doubles count: Int) -> UnsafeMutablePointer<Double> {
        let bytes = max(1, count) * MemoryLayout<Double>.stride
        let huge = bytes >= threshold
        let alignment = huge ? hugePage : 64
        let size = huge ? (bytes + hugePage - 1) & ~(hugePage - 1) : bytes
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, alignment, size) == 0, let raw else {
            // As `UnsafeMutablePointer.allocate` does when memory runs out; registers check their
            // size against the memory budget before they allocate.
            fatalError("out of memory for \(size) bytes of amplitudes")
        }
        #if os(Linux)
        if huge { _ = madvise(raw, size, MADV_HUGEPAGE) }
        #endif
        return raw.bindMemory(to: Double.self, capacity: count)
    }

    /// Returns memory from `allocate(doubles:)`.
    static func release(_ pointer: UnsafeMutablePointer<Double>) {
        free(pointer)
    }
}

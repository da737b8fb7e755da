import Foundation

/// A buffer of doubles a register keeps between calls and grows on demand: the cache blocks of
/// `run` gather their amplitudes into it. Allocated per block, 128 KiB and more went through
/// glibc's mmap threshold — an mmap, page faults and an munmap per block. It is 2 MiB-aligned
/// and advised as a transparent huge page (`MADV_HUGEPAGE`; the kernel may decline): a block of
/// 1 MiB in 4 KiB pages lands on physical pages chosen by the system, whose L2 sets collide or
/// not from one process to the next — W1 at n = 20 ran in a fast (26 ms) or a slow (35 ms) mode
/// per process. In one huge page the block is physically contiguous and fills the L2 without
/// colliding with itself: measured 2026-12-05, six alternating processes each, one thread,
/// n = 20 26.0–29.2 ms against 34.2–36.4 ms, n = 18 5.9–6.3 ms against 7.8–7.9 ms.
final class ScratchBuffer {
    private var pointer: UnsafeMutablePointer<Double>?
    private var capacity = 0

    /// At least `count` doubles, valid until the next `reserve` (contents unspecified).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Double> {
        if let pointer, capacity >= count { return pointer }
        pointer.map { free($0) }
        // 2 MiB-aligned and advised as a huge page where the system allows it, so that a cache
        // block gathered here is physically contiguous and cannot conflict with itself in L2.
        let bytes = (count * MemoryLayout<Double>.stride + (2 << 20) - 1) & ~((2 << 20) - 1)
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 2 << 20, bytes) == 0, let raw else {
            fatalError("out of memory for a \(bytes)-byte scratch buffer")
        }
        #if os(Linux)
        _ = madvise(raw, bytes, MADV_HUGEPAGE)
        #endif
        let fresh = raw.bindMemory(to: Double.self, capacity: count)
        pointer = fresh
        capacity = count
        return fresh
    }

    deinit { pointer.map { free($0) } }
}

/// A buffer of doubles a register keeps between calls and grows on demand: the cache blocks of
/// `run` gather their amplitudes into it. Allocated per block, 128 KiB and more went through
/// glibc's mmap threshold — an mmap, page faults and an munmap per block. It comes from
/// `HugePageAllocation` (a transparent huge page from 1 MiB): a block of
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
        pointer.map(HugePageAllocation.release)
        let fresh = HugePageAllocation.allocate(doubles: count)
        pointer = fresh
        capacity = count
        return fresh
    }

    deinit { pointer.map(HugePageAllocation.release) }
}

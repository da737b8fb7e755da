/// A buffer of doubles a register keeps between calls and grows on demand: the cache blocks of
/// `run` gather their amplitudes into it. Allocated per block, 128 KiB and more went through
/// glibc's mmap threshold — an mmap, page faults and an munmap per block, or not, depending on
/// what the process had freed before (the suspected cause of W1 at n = 20 measuring 11 % apart
/// between two builds of the same kernels; with the buffer kept, interleaved medians agree).
final class ScratchBuffer {
    private var pointer: UnsafeMutablePointer<Double>?
    private var capacity = 0

    /// At least `count` doubles, valid until the next `reserve` (contents unspecified).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Double> {
        if let pointer, capacity >= count { return pointer }
        pointer?.deallocate()
        let fresh = UnsafeMutablePointer<Double>.allocate(capacity: count)
        pointer = fresh
        capacity = count
        return fresh
    }

    deinit { pointer?.deallocate() }
}

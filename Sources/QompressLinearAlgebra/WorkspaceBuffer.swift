/// A reusable, growable, uninitialised scratch buffer of trivial elements.
///
/// Hot loops ask for `reserve(_:)` elements and get a pointer that stays valid until the
/// next `reserve` call that needs more room; the storage only ever grows, so steady-state
/// use allocates nothing. Not thread-safe: each simulation state owns its own buffers.
///
/// Every allocation carries `padding` spare elements past its capacity: some OpenBLAS
/// kernels (the Haswell `zgemv_n` used inside LAPACK's Householder updates) read a few
/// bytes past the end of their operands, which crashes when a buffer ends at a page
/// boundary. Use `allocatePadded(_:)` for any other buffer handed to BLAS or LAPACK.
public final class WorkspaceBuffer<Element> {
    /// The current storage (valid for `capacity` elements).
    public private(set) var pointer: UnsafeMutablePointer<Element>
    /// How many elements `pointer` can hold.
    public private(set) var capacity: Int

    /// Creates a buffer with room for `capacity` elements (at least one).
    public init(capacity: Int = 16) {
        self.capacity = max(1, capacity)
        self.pointer = allocatePadded(self.capacity)
    }

    deinit { pointer.deallocate() }

    /// Returns storage for at least `count` elements, growing (and discarding the old
    /// contents) when needed.
    @inline(__always)
    public func reserve(_ count: Int) -> UnsafeMutablePointer<Element> {
        if count > capacity { grow(to: count) }
        return pointer
    }

    @inline(never)
    private func grow(to count: Int) {
        pointer.deallocate()
        capacity = max(count, capacity * 3 / 2)
        pointer = allocatePadded(capacity)
    }
}

/// Spare elements allocated past the end of every buffer handed to BLAS or LAPACK.
public let linearAlgebraPadding = 64

/// Allocates room for `count` elements plus `linearAlgebraPadding` spare ones (see
/// `WorkspaceBuffer`); release with `deallocate()` as usual.
public func allocatePadded<Element>(_ count: Int) -> UnsafeMutablePointer<Element> {
    UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1) + linearAlgebraPadding)
}

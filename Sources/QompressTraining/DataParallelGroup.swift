/// The processes that train one model together, data parallel: each holds the whole model,
/// computes the gradients of its share of every mini-batch, and all of them receive every
/// share's result. Implemented by the MPI communicator of `QompressDistributed`; `SingleProcess`
/// is the process alone.
public protocol DataParallelGroup: AnyObject {
    /// This process's index, `0..<size`.
    var rank: Int { get }
    /// The number of processes.
    var size: Int { get }
    /// Every process's `values` on every process, indexed by rank (the counts may differ).
    /// Collective: every process calls it, in the same order.
    func allGather(_ values: [Double]) throws -> [[Double]]
}

/// The process alone as a data-parallel group of one.
public final class SingleProcess: DataParallelGroup {
    /// Creates the group.
    public init() {}
    /// Always 0.
    public var rank: Int { 0 }
    /// Always 1.
    public var size: Int { 1 }
    /// `[values]`.
    public func allGather(_ values: [Double]) throws -> [[Double]] { [values] }
}

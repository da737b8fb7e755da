/// The fixed order in which data-parallel training adds the gradients of a batch's partitions:
/// a pairwise (binary) tree over partitions `0..<count` — each node the sum left + right of its
/// two halves, a half without any non-empty partition left out (not added as zero). The order
/// depends only on the partition count, so any process that holds the sums of some whole
/// subtrees can finish the sum with exactly the additions one process would make.
public struct PartitionTree: Sendable {
    /// A subtree: the partitions `start ..< start + size`, `size` a power of two and `start` a
    /// multiple of it (it may reach past `count`).
    public struct Node: Hashable, Sendable {
        /// The first partition.
        public var start: Int
        /// Partitions covered, a power of two.
        public var size: Int

        /// The subtree of `size` partitions from `start`.
        public init(start: Int, size: Int) {
            self.start = start
            self.size = size
        }
    }

    /// Leaves (partitions).
    public let count: Int
    /// The whole tree: `0 ..< count` rounded up to a power of two.
    public let root: Node

    /// The tree over `count` partitions.
    public init(count: Int) {
        self.count = count
        var size = 1
        while size < count { size *= 2 }
        root = Node(start: 0, size: size)
    }

    /// The fewest whole subtrees that exactly cover `partitions`, in order.
    public func cover(_ partitions: Range<Int>) -> [Node] {
        var nodes: [Node] = []
        var i = partitions.lowerBound
        while i < partitions.upperBound {
            var size = 1
            while i % (size * 2) == 0, i + size * 2 <= partitions.upperBound { size *= 2 }
            nodes.append(Node(start: i, size: size))
            i += size
        }
        return nodes
    }

    /// The sum over `node` in tree order of `leaf(p)` for every partition p with `present[p]`,
    /// or `nil` when the node holds none.
    public func sum(_ node: Node, present: [Bool], leaf: (Int) -> [Double]) -> [Double]? {
        if node.size == 1 { return node.start < count && present[node.start] ? leaf(node.start) : nil }
        let half = node.size / 2
        let left = sum(Node(start: node.start, size: half), present: present, leaf: leaf)
        let right = sum(Node(start: node.start + half, size: half), present: present, leaf: leaf)
        return Self.add(left, right)
    }

    /// The sum over `node` in tree order, taking the sums of the subtrees in `known` as given.
    /// Every partition of `node` must lie in a known subtree (or past `count`).
    public func sum(_ node: Node, known: [Node: [Double]]) -> [Double]? {
        if let value = known[node] { return value }
        if node.size == 1 || node.start >= count { return nil }
        let half = node.size / 2
        let left = sum(Node(start: node.start, size: half), known: known)
        let right = sum(Node(start: node.start + half, size: half), known: known)
        return Self.add(left, right)
    }

    private static func add(_ left: [Double]?, _ right: [Double]?) -> [Double]? {
        guard var left else { return right }
        guard let right else { return left }
        left.withUnsafeMutableBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                for i in 0..<l.count { l[i] += r[i] }
            }
        }
        return left
    }
}

import QompressCore

/// A circuit compiled for one statevector: one-qubit gates fused, the gates at the start that
/// only rotate a product state folded into it, and the rest grouped into cache blocks.
struct ExecutionPlan {
    /// One pass over the state.
    struct Block {
        /// Global qubits at or above `lowQubits` that are local in this block, ascending;
        /// the block's local qubit `lowQubits + k` is `highQubits[k]`.
        var highQubits: [Int]
        /// The kernels of the block on local qubit indices.
        var kernels: [KernelOperation]
    }

    /// The product-state factors (α_q, β_q) to write first, or `nil` to keep the state.
    var productState: [Matrix2.Column]?
    /// The passes, in order.
    var blocks: [Block]

    /// Whether every kernel keeps real amplitudes real (`RealKernels` can run the plan).
    var isReal: Bool { blocks.allSatisfy { $0.kernels.allSatisfy(\.isReal) } }

    /// Compiles `circuit` for a register of `qubitCount` qubits.
    ///
    /// - Parameters:
    ///   - initialProduct: the register's current state when it is a known product state
    ///     (then leading one-qubit gates are folded into it instead of being applied).
    ///   - lowQubits: qubits below this index are always local to a block.
    ///   - maxHighQubits: at most this many other qubits join a block.
    static func compile(_ circuit: Circuit, values: ParameterValues, initialProduct: [Matrix2.Column]?,
                        lowQubits: Int, maxHighQubits: Int) throws -> ExecutionPlan {
        let n = circuit.qubitCount
        var product = initialProduct
        var lowered: [KernelOperation] = []
        lowered.reserveCapacity(circuit.instructions.count)
        // Per qubit: the fused one-qubit matrix not yet emitted, and whether the qubit has met a
        // multi-qubit gate (then its pending matrix becomes a kernel, not a product-state factor).
        // Stack scratch: this runs once per `run`, thousands of times per training epoch.
        try withUnsafeTemporaryAllocation(of: Matrix2.self, capacity: n) { pending in
            try withUnsafeTemporaryAllocation(of: (pending: Bool, entangled: Bool).self, capacity: n) { flags in
                flags.initialize(repeating: (false, false))
                func flush(_ q: Int) {
                    guard flags[q].pending else { return }
                    flags[q].pending = false
                    if !flags[q].entangled, product != nil {
                        product![q] = pending[q].applied(to: product![q])
                    } else if let op = KernelOperation.single(q, pending[q]) {
                        lowered.append(op)
                    }
                }
                try circuit.instructions.withUnsafeBufferPointer { instructions in
                    for k in instructions.indices {
                        let gate = instructions[k].gate
                        if gate.arity == 1 {
                            if case .identity = gate { continue }
                            let m = try Matrix2.of(gate, values)
                            let q = instructions[k].qubits[0]
                            pending[q] = flags[q].pending ? m * pending[q] : m
                            flags[q].pending = true
                            continue
                        }
                        let qubits = instructions[k].qubits
                        for q in qubits { flush(q) }
                        lowered.append(try KernelOperation.lower(multiQubit: instructions[k], values: values))
                        for q in qubits { flags[q].entangled = true }
                    }
                }
                for q in 0..<n { flush(q) }
            }
        }

        var plan = ExecutionPlan(productState: product, blocks: [])
        if n <= lowQubits + maxHighQubits {
            if !lowered.isEmpty { plan.blocks = [Block(highQubits: [], kernels: lowered)] }
            return plan
        }
        plan.blocks = group(lowered, qubitCount: n, lowQubits: lowQubits, maxHighQubits: maxHighQubits)
        return plan
    }

    /// Greedy grouping: each block takes, in circuit order, every kernel not blocked by an
    /// earlier ungrouped one on a shared qubit, while its high qubits fit in `maxHighQubits`.
    static func group(_ kernels: [KernelOperation], qubitCount: Int, lowQubits: Int,
                      maxHighQubits: Int) -> [Block] {
        var remaining = kernels
        var blocks: [Block] = []
        while !remaining.isEmpty {
            var high: [Int] = []
            var taken: [KernelOperation] = []
            var rest: [KernelOperation] = []
            var blocked = Set<Int>()
            for op in remaining {
                let qubits = op.qubits
                if !blocked.isEmpty, qubits.contains(where: blocked.contains) {
                    blocked.formUnion(qubits)
                    rest.append(op)
                    continue
                }
                let newHigh = qubits.filter { $0 >= lowQubits && !high.contains($0) }
                if high.count + newHigh.count <= maxHighQubits {
                    high.append(contentsOf: newHigh)
                    taken.append(op)
                } else {
                    blocked.formUnion(qubits)
                    rest.append(op)
                }
            }
            high.sort()
            var map = Array(0..<qubitCount)
            for (k, q) in high.enumerated() { map[q] = lowQubits + k }
            blocks.append(Block(highQubits: high, kernels: taken.map { $0.remapped(map) }))
            remaining = rest
        }
        return blocks
    }
}

extension Matrix2 {
    /// A single-qubit state vector (α, β) as interleaved doubles.
    struct Column: Sendable {
        var ar, ai, br, bi: Double
    }

    /// `self · v`.
    func applied(to v: Column) -> Column {
        Column(ar: r00 * v.ar - i00 * v.ai + r01 * v.br - i01 * v.bi,
               ai: r00 * v.ai + i00 * v.ar + r01 * v.bi + i01 * v.br,
               br: r10 * v.ar - i10 * v.ai + r11 * v.br - i11 * v.bi,
               bi: r10 * v.ai + i10 * v.ar + r11 * v.bi + i11 * v.br)
    }
}

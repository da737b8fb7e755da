import QompressCore

extension MPSBackend {
    /// Runs a circuit, reordering commuting gates to keep the orthogonality centre moving.
    ///
    /// Every operation is validated and every angle evaluated before the state changes, so
    /// a bad circuit throws without touching the register. Operations are then executed in
    /// a dependency-respecting order (an operation runs once every earlier operation on its
    /// qubits has run, so the result is the same state): one-qubit gates as soon as they are
    /// ready (they are folded, not applied), and among the ready multi-qubit gates the one
    /// closest to the orthogonality centre. On a brickwork circuit this sweeps left to
    /// right through one layer and back through the next, one centre move per gate.
    /// With truncation the order can change which weight is discarded, never the exact state.
    public func run(_ circuit: Circuit, parameters: ParameterValues) throws {
        try checkQubitCount(circuit.qubitCount)
        let ops = circuit.instructions
        var matrices: [SquareMatrix?] = []
        matrices.reserveCapacity(ops.count)
        for op in ops {
            try validate(op)
            matrices.append(op.gate.arity <= 2 ? try op.gate.matrix(parameters) : nil)
        }
        var queues = [[Int]](repeating: [], count: qubitCount)
        for (i, op) in ops.enumerated() { for q in op.qubits { queues[q].append(i) } }
        var head = [Int](repeating: 0, count: qubitCount)
        var enqueued = [Bool](repeating: false, count: ops.count)
        var ready: [Int] = []
        var worklist: [Int] = []

        func isReady(_ i: Int) -> Bool {
            ops[i].qubits.allSatisfy { head[$0] < queues[$0].count && queues[$0][head[$0]] == i }
        }
        func offer(_ i: Int) {
            guard !enqueued[i], isReady(i) else { return }
            enqueued[i] = true
            if ops[i].qubits.count == 1 { worklist.append(i) } else { ready.append(i) }
        }
        func execute(_ i: Int) throws {
            let op = ops[i]
            switch op.qubits.count {
            case 1: applyOneQubit(matrices[i]!, op.qubits[0])
            case 2: try applyTwoQubit(matrices[i]!, op.qubits[0], op.qubits[1])
            default: try applyValidated(op.gate, op.qubits, parameters: parameters)
            }
            for q in op.qubits {
                head[q] += 1
                if head[q] < queues[q].count { offer(queues[q][head[q]]) }
            }
        }
        func drainOneQubitGates() throws {
            while let i = worklist.popLast() { try execute(i) }
        }

        for q in 0..<qubitCount where !queues[q].isEmpty { offer(queues[q][0]) }
        try drainOneQubitGates()
        while !ready.isEmpty {
            var best = 0, bestDistance = Int.max, bestIndex = Int.max
            for (k, i) in ready.enumerated() {
                let qubits = ops[i].qubits
                let lo = qubits.min()!, hi = qubits.max()!
                let d = lo > centre ? lo - centre : (hi < centre ? centre - hi : 0)
                if d < bestDistance || (d == bestDistance && i < bestIndex) {
                    best = k; bestDistance = d; bestIndex = i
                }
            }
            let i = ready[best]
            ready.swapAt(best, ready.count - 1)
            ready.removeLast()
            try execute(i)
            try drainOneQubitGates()
        }
    }
}

import Numerics
import QompressCore
import QompressLinearAlgebra

extension MPSBackend {
    /// Applies one instruction: one-qubit gates are folded into a pending matrix, two-qubit
    /// gates are applied (and routed) with a two-site update, CCX and CSWAP decomposed.
    /// - Throws: `CircuitError` for qubits outside the register, a wrong arity, unbound or
    ///   non-finite parameters; `SimulationError.lapackFailure` if an SVD fails.
    public func apply(_ instruction: Instruction, parameters: ParameterValues) throws {
        try validate(instruction)
        try applyValidated(instruction.gate, instruction.qubits, parameters: parameters)
    }

    /// Throws unless the operation's qubits fit this register and the gate's arity.
    func validate(_ instruction: Instruction) throws {
        let gate = instruction.gate, qubits = instruction.qubits
        guard qubits.count == gate.arity else {
            throw CircuitError.wrongArity(gate: gate.name, expected: gate.arity, got: qubits.count)
        }
        for (k, q) in qubits.enumerated() {
            guard q >= 0, q < qubitCount else { throw CircuitError.qubitOutOfRange(qubit: q, qubitCount: qubitCount) }
            if qubits[..<k].contains(q) { throw CircuitError.repeatedQubit(qubit: q, gate: gate.name) }
        }
    }

    /// Applies a gate on already validated qubits.
    func applyValidated(_ gate: Gate, _ qubits: [Int], parameters: ParameterValues) throws {
        switch gate.arity {
        case 1:
            applyOneQubit(try gate.matrix(parameters), qubits[0])
        case 2:
            try applyTwoQubit(try gate.matrix(parameters), qubits[0], qubits[1])
        default:
            guard let parts = gate.decomposition(on: qubits) else {
                throw SimulationError.unsupported("gate \(gate.name) on \(qubits.count) qubits")
            }
            for (part, partQubits) in parts { try applyValidated(part, partQubits, parameters: parameters) }
        }
    }

    /// Multiplies a one-qubit gate into the qubit's pending matrix (no tensor work).
    func applyOneQubit(_ matrix: SquareMatrix, _ q: Int) {
        let u = matrix.elements
        if hasPending[q] {
            let p = Array(pending[(4 * q)..<(4 * q + 4)])
            pending[4 * q] = u[0] * p[0] + u[1] * p[2]
            pending[4 * q + 1] = u[0] * p[1] + u[1] * p[3]
            pending[4 * q + 2] = u[2] * p[0] + u[3] * p[2]
            pending[4 * q + 3] = u[2] * p[1] + u[3] * p[3]
        } else {
            for i in 0..<4 { pending[4 * q + i] = u[i] }
            hasPending[q] = true
        }
    }

    /// Takes the pending one-qubit gate of qubit `q`, if any.
    func takePending(_ q: Int) -> [Complex<Double>]? {
        guard hasPending[q] else { return nil }
        hasPending[q] = false
        return Array(pending[(4 * q)..<(4 * q + 4)])
    }

    /// Applies every pending one-qubit gate to its site tensor (a local contraction on the
    /// physical leg, no SVD; unitary, so the canonical form is kept).
    /// Applies the pending one-qubit gates to the site tensors, so that reads until the next
    /// change only read.
    public func settle() { flushPendingGates() }

    func flushPendingGates() {
        for q in 0..<qubitCount where hasPending[q] {
            hasPending[q] = false
            applyLocal(Array(pending[(4 * q)..<(4 * q + 4)]), site: q)
        }
    }

    /// Applies a 2 × 2 matrix (row-major) to the physical leg of site `q`.
    func applyLocal(_ u: [Complex<Double>], site q: Int) {
        if u.contains(where: { $0.imaginary != 0 }) { isReal = false }
        let chiL = bonds[q], chiR = bonds[q + 1]
        let p = sites[q]
        let u0 = u[0], u1 = u[1], u2 = u[2], u3 = u[3]
        for r in 0..<chiR {
            let zero = p + 2 * chiL * r, one = zero + chiL
            for l in 0..<chiL {
                let a = zero[l], b = one[l]
                zero[l] = u0 * a + u1 * b
                one[l] = u2 * a + u3 * b
            }
        }
    }

    /// Applies a two-qubit gate (`matrix` on `[a, b]`, a the most significant bit), routing
    /// it with SWAPs when the qubits are not neighbours.
    func applyTwoQubit(_ matrix: SquareMatrix, _ a: Int, _ b: Int) throws {
        if abs(a - b) == 1 {
            try applyAdjacent(matrix, a, b)
            return
        }
        // Swap the lower qubit rightwards until it neighbours the upper one, apply, and swap
        // it back, so that site q is qubit q again afterwards.
        let lo = min(a, b), hi = max(a, b)
        let swap = try Gate.swap.matrix()
        for p in lo..<(hi - 1) { try applyAdjacent(swap, p, p + 1, isSwap: true) }
        try applyAdjacent(matrix, a == lo ? hi - 1 : hi, b == lo ? hi - 1 : hi)
        for p in stride(from: hi - 2, through: lo, by: -1) { try applyAdjacent(swap, p, p + 1, isSwap: true) }
    }

    /// Applies a two-qubit gate on neighbouring sites, folding in pending one-qubit gates.
    func applyAdjacent(_ matrix: SquareMatrix, _ a: Int, _ b: Int, isSwap: Bool = false) throws {
        let q = min(a, b)
        var gate = TwoSiteGate(matrix, reversed: a > b)
        gate.precede(left: takePending(q), right: takePending(q + 1))
        if lastBond >= 0 {
            if q > lastBond { sweepDirection = 1 } else if q < lastBond { sweepDirection = -1 }
        }
        if isSwap { swapCount += 1 }
        try updateTwoSites(q, gate: gate, centreRight: sweepDirection > 0)
        lastBond = q
    }
}

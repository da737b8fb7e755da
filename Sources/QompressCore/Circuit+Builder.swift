extension Circuit {
    /// Appends a Hadamard on `qubit`.
    public mutating func h(_ qubit: Int) throws { try append(.h, on: qubit) }
    /// Appends a Pauli X on `qubit`.
    public mutating func x(_ qubit: Int) throws { try append(.x, on: qubit) }
    /// Appends a Pauli Y on `qubit`.
    public mutating func y(_ qubit: Int) throws { try append(.y, on: qubit) }
    /// Appends a Pauli Z on `qubit`.
    public mutating func z(_ qubit: Int) throws { try append(.z, on: qubit) }
    /// Appends S on `qubit`.
    public mutating func s(_ qubit: Int) throws { try append(.s, on: qubit) }
    /// Appends T on `qubit`.
    public mutating func t(_ qubit: Int) throws { try append(.t, on: qubit) }
    /// Appends RX(`angle`) on `qubit`.
    public mutating func rx(_ angle: Angle, _ qubit: Int) throws { try append(.rx(angle), on: qubit) }
    /// Appends RY(`angle`) on `qubit`.
    public mutating func ry(_ angle: Angle, _ qubit: Int) throws { try append(.ry(angle), on: qubit) }
    /// Appends RZ(`angle`) on `qubit`.
    public mutating func rz(_ angle: Angle, _ qubit: Int) throws { try append(.rz(angle), on: qubit) }
    /// Appends a CNOT with `control` and `target`.
    public mutating func cnot(_ control: Int, _ target: Int) throws { try append(.cnot, on: control, target) }
    /// Appends a CZ on `a` and `b`.
    public mutating func cz(_ a: Int, _ b: Int) throws { try append(.cz, on: a, b) }
    /// Appends a SWAP of `a` and `b`.
    public mutating func swap(_ a: Int, _ b: Int) throws { try append(.swap, on: a, b) }
    /// Appends a Toffoli with controls `c0`, `c1` and `target`.
    public mutating func ccx(_ c0: Int, _ c1: Int, _ target: Int) throws { try append(.ccx, on: c0, c1, target) }
}

extension Circuit {
    /// The n-qubit GHZ preparation: H on qubit 0, then a CNOT chain 0→1→…→n−1.
    public static func ghz(qubitCount: Int) throws -> Circuit {
        var circuit = try Circuit(qubitCount: qubitCount)
        try circuit.h(0)
        for q in 0..<(qubitCount - 1) { try circuit.cnot(q, q + 1) }
        return circuit
    }

    /// The dressed variational circuit of Mari et al. (the CLIP-ACQUA and benchmark workload).
    ///
    /// H on every qubit, RY(`inputScale` · x_i) on qubit i, then `layers` times: CNOTs
    /// (0,1), (2,3), …; CNOTs (1,2), (3,4), …; RY(w[l·n + i]) on each qubit i.
    /// Inputs are slots `x[0..<n]`, weights `w[0..<n·layers]` (layer-major).
    public static func dressed(qubitCount: Int, layers: Int, inputScale: Double = 1) throws -> Circuit {
        guard layers >= 0 else { throw CircuitError.invalidArgument("a dressed circuit needs layers ≥ 0, got \(layers)") }
        var circuit = try Circuit(qubitCount: qubitCount)
        for q in 0..<qubitCount { try circuit.h(q) }
        for q in 0..<qubitCount { try circuit.ry(.input(q, scale: inputScale), q) }
        for layer in 0..<layers {
            for q in stride(from: 0, to: qubitCount - 1, by: 2) { try circuit.cnot(q, q + 1) }
            for q in stride(from: 1, to: qubitCount - 1, by: 2) { try circuit.cnot(q, q + 1) }
            for q in 0..<qubitCount { try circuit.ry(.weight(layer * qubitCount + q), q) }
        }
        return circuit
    }
}

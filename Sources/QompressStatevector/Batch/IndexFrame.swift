/// An invertible linear map over GF(2) between the index a batch stores an amplitude at and
/// the basis state it belongs to: amplitude s of the storage is ⟨L s|ψ⟩.
///
/// CNOT and SWAP permute basis states linearly, so applying one only changes the frame
/// (L ← C L), never the data: a CNOT ladder costs nothing. A gate on logical qubit q then acts
/// on the storage pairs {s, s ⊕ `flipMask(q)`}, and bit q of the logical index of s is the
/// parity of s ∧ `row(q)`.
struct IndexFrame: Equatable {
    /// `rows[q]`: bit q of L s is parity(s ∧ rows[q]).
    private(set) var rows: [Int]
    /// `inverseColumns[q]`: L⁻¹ e_q, the storage offset of flipping logical qubit q.
    private(set) var inverseColumns: [Int]

    /// The identity frame on `qubitCount` qubits.
    init(qubitCount: Int) {
        rows = (0..<qubitCount).map { 1 << $0 }
        inverseColumns = rows
    }

    /// The parity mask of logical qubit q.
    @inline(__always) func row(_ q: Int) -> Int { rows[q] }

    /// The storage offset that flips logical qubit q.
    @inline(__always) func flipMask(_ q: Int) -> Int { inverseColumns[q] }

    /// The parity mask of the logical bits in `logicalMask` (the XOR of their rows).
    func parityMask(ofLogical logicalMask: Int) -> Int { Self.xor(of: rows, selectedBy: logicalMask) }

    /// The storage offset of flipping the logical bits in `logicalMask` (L⁻¹ applied to it).
    func flipMask(ofLogical logicalMask: Int) -> Int { Self.xor(of: inverseColumns, selectedBy: logicalMask) }

    /// The XOR of `masks[q]` over the bits q set in `selection`.
    private static func xor(of masks: [Int], selectedBy selection: Int) -> Int {
        var result = 0, m = selection, q = 0
        while m != 0 {
            if m & 1 != 0 { result ^= masks[q] }
            m >>= 1
            q += 1
        }
        return result
    }

    /// The frame after CNOT(control, target): L ← C L. Row t gains row c; column c of L⁻¹
    /// (L⁻¹ C e_c = L⁻¹(e_c ⊕ e_t)) gains column t.
    mutating func applyCNOT(control c: Int, target t: Int) {
        rows[t] ^= rows[c]
        inverseColumns[c] ^= inverseColumns[t]
    }

    /// The frame after SWAP(a, b).
    mutating func applySwap(_ a: Int, _ b: Int) {
        rows.swapAt(a, b)
        inverseColumns.swapAt(a, b)
    }
}

/// The parity (popcount mod 2) of `x` as 0 or 1.
@inline(__always) func parity(_ x: Int) -> Int { x.nonzeroBitCount & 1 }

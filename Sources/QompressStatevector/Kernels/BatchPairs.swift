/// The stored amplitude pairs one gate of a `StatevectorBatch` acts on: rows s and s ⊕ `flip`
/// (of `count` rows of `width` lanes), the member with even parity of s ∧ `orientation` holding
/// the gate qubit's |0⟩, and only pairs with odd parity of s ∧ `condition` (a control) when
/// `condition` is nonzero.
struct BatchPairs {
    /// Lanes per row (a multiple of 4).
    var width: Int
    /// Rows (2^n).
    var count: Int
    /// The storage offset between the members of a pair (nonzero).
    var flip: Int
    /// The parity mask that tells |0⟩ from |1⟩.
    var orientation: Int
    /// The parity mask of a control, or 0.
    var condition: Int
}

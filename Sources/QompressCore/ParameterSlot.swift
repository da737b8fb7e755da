/// A named place in a circuit's parameter vector that one or more gate angles read from.
///
/// Slots come in two kinds that the gradient code tells apart: *inputs* carry data
/// (for example an embedding feature fed through an encoding gate) and *weights* are
/// trainable. A slot may feed several gates; gradients sum over all of them.
public struct ParameterSlot: Hashable, Sendable, CustomStringConvertible {
    /// Whether a slot holds data or a trainable value.
    public enum Kind: Hashable, Sendable {
        /// A data input, bound per sample.
        case input
        /// A trainable weight, shared across samples.
        case weight
    }

    /// The kind of slot.
    public var kind: Kind
    /// The index of the slot in its kind's value vector.
    public var index: Int

    /// Creates a slot of `kind` at `index`.
    public init(_ kind: Kind, _ index: Int) {
        self.kind = kind
        self.index = index
    }

    /// The input slot at `index`.
    public static func input(_ index: Int) -> ParameterSlot { ParameterSlot(.input, index) }
    /// The weight slot at `index`.
    public static func weight(_ index: Int) -> ParameterSlot { ParameterSlot(.weight, index) }

    public var description: String { kind == .input ? "x[\(index)]" : "w[\(index)]" }
}

/// A gate angle: a constant, or an affine function `scale · p + shift` of one parameter slot.
///
/// The affine map lets encodings such as `RY(π/2 · x)` be written directly, and it is what
/// the gradient code differentiates through (∂angle/∂p = `scale`).
///
///     let a: Angle = 0.25                         // constant
///     let b = Angle.input(3, scale: .pi / 2)      // π/2 · x[3]
///     let c = Angle.weight(7)                     // w[7]
public struct Angle: Hashable, Sendable, CustomStringConvertible {
    /// The slot this angle reads, or `nil` for a constant.
    public var slot: ParameterSlot?
    /// Multiplies the slot's value (ignored for constants).
    public var scale: Double
    /// Added to the scaled value; the whole value of a constant angle.
    public var shift: Double

    /// Creates `scale · slot + shift`, or the constant `shift` when `slot` is `nil`.
    public init(slot: ParameterSlot?, scale: Double = 1, shift: Double = 0) {
        self.slot = slot
        self.scale = slot == nil ? 0 : scale
        self.shift = shift
    }

    /// A constant angle.
    public static func constant(_ value: Double) -> Angle { Angle(slot: nil, shift: value) }
    /// `scale · x[index] + shift`.
    public static func input(_ index: Int, scale: Double = 1, shift: Double = 0) -> Angle {
        Angle(slot: .input(index), scale: scale, shift: shift)
    }
    /// `scale · w[index] + shift`.
    public static func weight(_ index: Int, scale: Double = 1, shift: Double = 0) -> Angle {
        Angle(slot: .weight(index), scale: scale, shift: shift)
    }

    /// Whether the angle reads no parameter.
    @inlinable public var isConstant: Bool { slot == nil }

    /// Whether scale and shift are finite numbers.
    @inlinable public var isFinite: Bool { scale.isFinite && shift.isFinite }

    /// The angle with its sign flipped: `−(scale · p + shift)`.
    public var negated: Angle { Angle(slot: slot, scale: -scale, shift: -shift) }

    /// The concrete value under `values`.
    /// - Throws: `CircuitError.unboundParameter` or `.nonFiniteParameter`.
    @inlinable
    public func value(in values: ParameterValues) throws -> Double {
        guard let slot else { return shift }
        return scale * (try values.value(of: slot)) + shift
    }

    public var description: String {
        guard let slot else { return "\(shift)" }
        var text = scale == 1 ? "\(slot)" : "\(scale)·\(slot)"
        if shift != 0 { text += shift > 0 ? " + \(shift)" : " − \(-shift)" }
        return text
    }
}

extension Angle: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A constant angle from a literal.
    public init(floatLiteral value: Double) { self.init(slot: nil, shift: value) }
    /// A constant angle from a literal.
    public init(integerLiteral value: Int) { self.init(slot: nil, shift: Double(value)) }
}

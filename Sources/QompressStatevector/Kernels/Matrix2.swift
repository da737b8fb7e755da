import Numerics
import QompressCore

/// A 2×2 complex matrix unpacked into eight doubles, for the hot loops.
struct Matrix2: Sendable {
    var r00, i00, r01, i01, r10, i10, r11, i11: Double

    init(r00: Double, i00: Double, r01: Double, i01: Double,
         r10: Double, i10: Double, r11: Double, i11: Double) {
        self.r00 = r00; self.i00 = i00; self.r01 = r01; self.i01 = i01
        self.r10 = r10; self.i10 = i10; self.r11 = r11; self.i11 = i11
    }

    init(_ m: SquareMatrix) {
        precondition(m.dimension == 2)
        self.init(r00: m[0, 0].real, i00: m[0, 0].imaginary, r01: m[0, 1].real, i01: m[0, 1].imaginary,
                  r10: m[1, 0].real, i10: m[1, 0].imaginary, r11: m[1, 1].real, i11: m[1, 1].imaginary)
    }

    static let identity = Matrix2(r00: 1, i00: 0, r01: 0, i01: 0, r10: 0, i10: 0, r11: 1, i11: 0)

    /// `self · rhs`.
    static func * (a: Matrix2, b: Matrix2) -> Matrix2 {
        Matrix2(
            r00: a.r00 * b.r00 - a.i00 * b.i00 + a.r01 * b.r10 - a.i01 * b.i10,
            i00: a.r00 * b.i00 + a.i00 * b.r00 + a.r01 * b.i10 + a.i01 * b.r10,
            r01: a.r00 * b.r01 - a.i00 * b.i01 + a.r01 * b.r11 - a.i01 * b.i11,
            i01: a.r00 * b.i01 + a.i00 * b.r01 + a.r01 * b.i11 + a.i01 * b.r11,
            r10: a.r10 * b.r00 - a.i10 * b.i00 + a.r11 * b.r10 - a.i11 * b.i10,
            i10: a.r10 * b.i00 + a.i10 * b.r00 + a.r11 * b.i10 + a.i11 * b.r10,
            r11: a.r10 * b.r01 - a.i10 * b.i01 + a.r11 * b.r11 - a.i11 * b.i11,
            i11: a.r10 * b.i01 + a.i10 * b.r01 + a.r11 * b.i11 + a.i11 * b.r11)
    }

    var isReal: Bool { i00 == 0 && i01 == 0 && i10 == 0 && i11 == 0 }
    var isDiagonal: Bool { r01 == 0 && i01 == 0 && r10 == 0 && i10 == 0 }
    var isIdentity: Bool { isDiagonal && r00 == 1 && i00 == 0 && r11 == 1 && i11 == 0 }
}

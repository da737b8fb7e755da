/// The amplitudes of one register: a buffer of 2·2^n doubles and the form they are in.
///
/// The form changes only through the transitions below: a register starts as a product state
/// (nothing written), `writeOut(allowingReal:threads:)` writes it (in real form when every
/// factor is real and allowed), a complex gate or observable calls `makeComplex()` (in place),
/// and `setProduct(_:)` returns to a product state when a circuit's start folds into one.
/// Everything that reads or writes amplitudes asks the form first; the buffer is meaningless
/// in `.product` form.
final class AmplitudeStorage {
    /// What the buffer holds.
    enum Form {
        /// Nothing written: the state is ⊗_q factors[q] (factor q for qubit q).
        case product([Matrix2.Column])
        /// 2^n real amplitudes, `buffer[i]` amplitude i.
        case real
        /// 2^n complex amplitudes, interleaved real and imaginary parts.
        case complex
    }

    /// 2^n.
    let count: Int
    /// Room for 2^n interleaved complex amplitudes (the real form uses the first half).
    let buffer: UnsafeMutablePointer<Double>
    /// The current form.
    private(set) var form: Form

    /// Storage for `count` amplitudes in the product state `factors`.
    init(count: Int, product factors: [Matrix2.Column]) {
        self.count = count
        self.buffer = HugePageAllocation.allocate(doubles: 2 * count)
        self.form = .product(factors)
    }

    deinit { HugePageAllocation.release(buffer) }

    /// Whether the buffer holds the state in real form.
    var isReal: Bool {
        if case .real = form { return true }
        return false
    }

    /// The product state when nothing is written, else `nil`.
    var pendingProduct: [Matrix2.Column]? {
        if case let .product(factors) = form { return factors }
        return nil
    }

    /// Whether the buffer holds the state (real or complex form).
    var isWrittenOut: Bool {
        if case .product = form { return false }
        return true
    }

    /// Doubles per amplitude in the buffer's current form (2 for a product state, the form it
    /// is written in when complex).
    var doublesPerAmplitude: Int { isReal ? 1 : 2 }

    /// Forgets the buffer: the state is now ⊗_q factors[q].
    func setProduct(_ factors: [Matrix2.Column]) { form = .product(factors) }

    /// Writes a pending product state into the buffer (no-op when written out): in real form
    /// when every factor is real and `allowingReal`, large states on `threads` threads.
    func writeOut(allowingReal: Bool, threads: Int) {
        guard case let .product(factors) = form else { return }
        if allowingReal, factors.allSatisfy({ $0.ai == 0 && $0.bi == 0 }) {
            form = .real
            writeRealProduct(factors, threads: threads)
        } else {
            form = .complex
            writeComplexProduct(factors, threads: threads)
        }
    }

    /// Converts a state in real form to interleaved complex form in place (no-op otherwise).
    func makeComplex() {
        guard isReal else { return }
        form = .complex
        let p = buffer
        // Amplitude k moves to 2k; walking down never overwrites an amplitude not yet moved.
        var k = count - 1
        while k >= 0 {
            let value = p[k]
            p[2 * k + 1] = 0
            p[2 * k] = value
            k -= 1
        }
    }

    /// Replaces a written-out state by `amplitudes` (`doublesPerAmplitude · count` doubles in
    /// the current form).
    func update(from amplitudes: UnsafePointer<Double>) {
        precondition(isWrittenOut)
        buffer.update(from: amplitudes, count: doublesPerAmplitude * count)
    }

    /// An independent storage holding the same state in the same form.
    func copy() -> AmplitudeStorage {
        let other = AmplitudeStorage(count: count, product: [])
        other.form = form
        if isWrittenOut { other.buffer.update(from: buffer, count: doublesPerAmplitude * count) }
        return other
    }
}

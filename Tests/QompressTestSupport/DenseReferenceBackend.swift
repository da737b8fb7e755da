import Numerics
import QompressCore

/// The settings of a `DenseReferenceBackend` (none but the name).
public struct DenseReferenceConfiguration: BackendConfiguration, DefaultConfigurable, Hashable {
    /// The reference register.
    public typealias Register = DenseReferenceBackend

    /// The largest register it makes: a 2^n × 2^n sweep per gate is only for small tests.
    public static let maxQubits = 12

    /// Creates the (only) configuration.
    public init() {}

    /// The configuration.
    public static let `default` = DenseReferenceConfiguration()

    /// `dense-reference`.
    public var spec: BackendSpec { BackendSpec(name: DenseReferenceBackend.name) }

    /// Exact, up to `maxQubits`.
    public var capabilities: BackendCapabilities {
        BackendCapabilities(name: DenseReferenceBackend.name, isExact: true,
                            maxQubits: Self.maxQubits, maxDenseQubits: Self.maxQubits)
    }

    /// 16 · 2^n bytes.
    public func estimatedRegisterBytes(qubitCount: Int) -> Double { 16 * Double(1 << min(qubitCount, 62)) }
}

/// A third backend that shares no code with the package's simulators: every gate is its dense
/// matrix applied by index arithmetic (`DenseReference.apply`), every observable a sum of
/// Pauli matrices. It implements `Backend` and nothing more, to prove that gradients, layers
/// and models need nothing else — register it with one line,
/// `BackendRegistry.standard.adding(.denseReference)` (or `BackendRegistry([.denseReference])`
/// where the umbrella is not linked).
public final class DenseReferenceBackend: Backend {
    /// The registry name.
    public static let name = "dense-reference"

    public let configuration: DenseReferenceConfiguration
    public let qubitCount: Int
    /// The 2^n amplitudes, basis index = Σ_q bit_q 2^q.
    public private(set) var amplitudes: [Complex<Double>]

    public var capabilities: BackendCapabilities { configuration.capabilities }

    public init(qubitCount: Int, configuration: DenseReferenceConfiguration) throws {
        guard (1...DenseReferenceConfiguration.maxQubits).contains(qubitCount) else {
            throw CircuitError.invalidQubitCount(qubitCount)
        }
        self.configuration = configuration
        self.qubitCount = qubitCount
        amplitudes = [.one] + [Complex<Double>](repeating: .zero, count: (1 << qubitCount) - 1)
    }

    private init(copying other: DenseReferenceBackend) {
        configuration = other.configuration
        qubitCount = other.qubitCount
        amplitudes = other.amplitudes
    }

    /// Nothing is ever deferred.
    public func settle() {}

    public func prepareZeroState() {
        amplitudes = [.one] + [Complex<Double>](repeating: .zero, count: (1 << qubitCount) - 1)
    }

    public func prepare(productState states: [QubitState]) throws {
        guard states.count == qubitCount else { throw SimulationError.qubitCountMismatch(expected: qubitCount, got: states.count) }
        amplitudes = (0..<(1 << qubitCount)).map { i in
            states.indices.reduce(Complex<Double>.one) { a, q in a * ((i >> q) & 1 == 0 ? states[q].alpha : states[q].beta) }
        }
    }

    public func apply(_ instruction: Instruction, parameters: ParameterValues) throws {
        for q in instruction.qubits where q >= qubitCount {
            throw CircuitError.qubitOutOfRange(qubit: q, qubitCount: qubitCount)
        }
        amplitudes = DenseReference.apply(try instruction.gate.matrix(parameters), on: instruction.qubits, to: amplitudes)
    }

    public func applyPauliSum(_ observable: PauliSum) throws {
        try observable.validate(qubitCount: qubitCount)
        var result = [Complex<Double>](repeating: .zero, count: amplitudes.count)
        for term in observable.terms {
            let image = try applying(term.string, to: amplitudes)
            for i in result.indices { result[i] = result[i] + Complex(term.coefficient) * image[i] }
        }
        amplitudes = result
    }

    public func expectation(of observable: PauliSum) throws -> Double {
        try observable.validate(qubitCount: qubitCount)
        return try DenseReference.expectation(observable, amplitudes)
    }

    public func expectationsZ() -> [Double] {
        (0..<qubitCount).map { q in
            amplitudes.indices.reduce(0.0) { $0 + ((($1 >> q) & 1) == 0 ? 1 : -1) * amplitudes[$1].lengthSquared }
        }
    }

    public func matrixElement(of observable: PauliSum, bra: DenseReferenceBackend) throws -> Complex<Double> {
        try bra.checkQubitCount(qubitCount)
        let ket = copy()
        try ket.applyPauliSum(observable)
        return try bra.innerProduct(with: ket)
    }

    public func innerProduct(with other: DenseReferenceBackend) throws -> Complex<Double> {
        guard other.qubitCount == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: other.qubitCount)
        }
        return amplitudes.indices.reduce(Complex<Double>.zero) { $0 + amplitudes[$1].conjugate * other.amplitudes[$1] }
    }

    public func norm() -> Double { amplitudes.reduce(0.0) { $0 + $1.lengthSquared }.squareRoot() }

    public func amplitude(of basisState: Bitstring) throws -> Complex<Double> {
        guard basisState.count == qubitCount else {
            throw SimulationError.qubitCountMismatch(expected: qubitCount, got: basisState.count)
        }
        return amplitudes[try basisState.index()]
    }

    public func probabilities() throws -> [Double] { amplitudes.map(\.lengthSquared) }

    public func statevector() throws -> [Complex<Double>] { amplitudes }

    public func sample<G: RandomNumberGenerator>(shots: Int, using generator: inout G) throws -> [Bitstring] {
        guard shots >= 0 else { throw SimulationError.invalidArgument("shots must be non-negative, got \(shots)") }
        let p = try probabilities()
        let total = p.reduce(0, +)
        guard total > 0, total.isFinite else { throw SimulationError.zeroNorm }
        return (0..<shots).map { _ in
            let u = Double.random(in: 0..<1, using: &generator) * total
            var accumulated = 0.0
            for (i, pi) in p.enumerated() {
                accumulated += pi
                if u < accumulated { return Bitstring(index: i, qubitCount: qubitCount) }
            }
            return Bitstring(index: p.lastIndex(where: { $0 > 0 }) ?? 0, qubitCount: qubitCount)
        }
    }

    public func copy() -> DenseReferenceBackend { DenseReferenceBackend(copying: self) }

    /// P|v⟩ for one Pauli string, factor by factor as 2 × 2 matrices.
    private func applying(_ string: PauliString, to vector: [Complex<Double>]) throws -> [Complex<Double>] {
        var v = vector
        for factor in string.factors {
            let gate: Gate
            switch factor.pauli {
            case .x: gate = .x
            case .y: gate = .y
            case .z: gate = .z
            }
            v = DenseReference.apply(try gate.matrix(), on: [factor.qubit], to: v)
        }
        return v
    }
}

extension BackendRegistry.Entry {
    /// The dense reference backend, for tests: `BackendRegistry.standard.adding(.denseReference)`.
    public static let denseReference = BackendRegistry.Entry(
        name: DenseReferenceBackend.name, summary: "naive dense matrices (tests only, ≤ 12 qubits)"
    ) { _, _ in DenseReferenceConfiguration() }
}

import Numerics

/// A simulation state of a fixed number of qubits: the one protocol that the statevector and
/// the MPS implement, and the only thing gradients, layers and models see.
///
/// A backend instance *is* a quantum register. It starts in |0…0⟩, is mutated in place by
/// `apply(_:parameters:)` and `run(_:parameters:)`, and is measured without being
/// disturbed. `copy()` gives an independent register. Everything an adjoint-gradient
/// sweep needs is here: applying instructions and their inverses, applying an observable
/// as a (non-unitary) linear map, and inner products and matrix elements between states.
///
/// Conventions: qubit q is bit q of a basis index (little-endian); instructions list
/// control qubits first. Every method that can be handed bad input throws.
///
/// Threading contract: a register that changes is used by one thread at a time (batch code
/// gives each worker its own registers, see `BatchEvaluator`). Reads (`expectation`,
/// `expectationsZ`, `matrixElement`, `innerProduct`, `norm`, `amplitude`, `probabilities`,
/// `statevector`, `sample`) never change the state a register represents, nor the form of a
/// register passed as an argument; they may write out work a backend deferred (pending gates,
/// a lazy product state). After `settle()` there is none left, so until the next change several
/// threads may read one register at once (as `EntangledProjection` does with its documents).
/// A backend may use worker threads *inside* one call (the statevector does on large states),
/// but results must not depend on how many: fixed partitions, reductions in a fixed order.
///
/// A new backend is a type conforming to `Backend` whose `Configuration` conforms to
/// `BackendConfiguration`, plus one `BackendRegistry.Entry`; nothing else in the package changes.
public protocol Backend: AnyObject {
    /// Backend-specific settings (threads for the statevector, χ and cutoff for the MPS); the
    /// configuration names the backend type and records itself as a `BackendSpec`.
    associatedtype Configuration: BackendConfiguration where Configuration.Register == Self

    /// Creates a register of `qubitCount` qubits in |0…0⟩.
    /// - Throws: `CircuitError.invalidQubitCount`, `SimulationError.stateTooLarge`, or
    ///   `SimulationError.invalidArgument` for a bad configuration.
    init(qubitCount: Int, configuration: Configuration) throws

    /// The settings the register was created with.
    var configuration: Configuration { get }
    /// What the backend can promise under its configuration.
    var capabilities: BackendCapabilities { get }
    /// The number of qubits.
    var qubitCount: Int { get }

    /// Writes out any work the backend deferred, without changing the state: afterwards, until
    /// the next change, reads only read and may run on several threads at once.
    func settle()

    /// Resets the register to |0…0⟩.
    func prepareZeroState()
    /// Resets the register to the product state ⊗_q `states[q]`.
    /// - Throws: `SimulationError.qubitCountMismatch` when `states.count != qubitCount`.
    func prepare(productState states: [QubitState]) throws

    /// Applies one instruction, evaluating its angles under `parameters`.
    /// - Throws: `CircuitError` for invalid qubits or unbound parameters.
    func apply(_ instruction: Instruction, parameters: ParameterValues) throws
    /// Applies every instruction of `circuit` in order. Backends may fuse or reorder gates
    /// as long as the result is the same state.
    func run(_ circuit: Circuit, parameters: ParameterValues) throws
    /// Runs `circuit` on this register and on `other` (an adjoint sweep un-applies each gate
    /// group from two registers); a backend may prepare the circuit once for both.
    /// - Throws: as `run(_:parameters:)`, and `CircuitError.qubitCountMismatch` when the
    ///   registers differ in size.
    func run(_ circuit: Circuit, parameters: ParameterValues, alsoOn other: Self) throws
    /// One step of an adjoint-differentiation sweep, with this register holding ψ and
    /// `lambda` holding λ: returns ⟨λ|O_k|ψ⟩ for every observable, then runs `inverse` (when
    /// given) on both registers. Every gate of `inverse` must commute with every O_k — as in
    /// a sweep over groups of gates on disjoint qubits, whose generators act on their own
    /// qubits — so that a backend may fuse the matrix elements into the un-apply pass.
    /// - Throws: as `matrixElement(of:bra:)` and `run(_:parameters:alsoOn:)`.
    func adjointStep(matrixElementsOf observables: [PauliSum], lambda: Self,
                     thenRun inverse: Circuit?, parameters: ParameterValues) throws -> [Complex<Double>]
    /// Replaces |ψ⟩ by O|ψ⟩ for the Pauli sum O (not unitary: the norm changes).
    func applyPauliSum(_ observable: PauliSum) throws

    /// ⟨ψ|O|ψ⟩ for a Pauli sum (divided by ⟨ψ|ψ⟩ is *not* applied).
    func expectation(of observable: PauliSum) throws -> Double
    /// ⟨Z_q⟩ for every qubit q, in one pass where the backend allows.
    func expectationsZ() -> [Double]
    /// ⟨bra|O|self⟩ for a Pauli sum O.
    /// - Throws: `SimulationError.qubitCountMismatch` for registers of different sizes.
    func matrixElement(of observable: PauliSum, bra: Self) throws -> Complex<Double>
    /// ⟨self|other⟩.
    func innerProduct(with other: Self) throws -> Complex<Double>
    /// ‖ψ‖.
    func norm() -> Double

    /// ⟨b|ψ⟩ for a basis state b.
    func amplitude(of basisState: Bitstring) throws -> Complex<Double>
    /// |⟨b|ψ⟩|².
    func probability(of basisState: Bitstring) throws -> Double
    /// All 2^n probabilities, indexed by basis index.
    /// - Throws: `SimulationError.unsupported` above `capabilities.maxDenseQubits`.
    func probabilities() throws -> [Double]
    /// All 2^n amplitudes, indexed by basis index.
    /// - Throws: `SimulationError.unsupported` above `capabilities.maxDenseQubits`.
    func statevector() throws -> [Complex<Double>]
    /// Draws `shots` basis states from |⟨b|ψ⟩|², reproducibly for a seeded generator.
    func sample<G: RandomNumberGenerator>(shots: Int, using generator: inout G) throws -> [Bitstring]

    /// An independent register in the same state.
    func copy() -> Self
}

extension Backend {
    /// Creates a register of `qubitCount` qubits with the default configuration.
    public init(qubitCount: Int) throws where Configuration: DefaultConfigurable {
        try self.init(qubitCount: qubitCount, configuration: .default)
    }

    /// Applies an instruction whose angles are all constants.
    public func apply(_ instruction: Instruction) throws { try apply(instruction, parameters: .none) }

    /// The backend and options of this register, as a checkpoint or report records them.
    public var spec: BackendSpec { configuration.spec }

    /// Runs a circuit whose angles are all constants.
    public func run(_ circuit: Circuit) throws { try run(circuit, parameters: .none) }

    /// Default `run`: checks the size, then applies each instruction in order.
    public func run(_ circuit: Circuit, parameters: ParameterValues) throws {
        try checkQubitCount(circuit.qubitCount)
        for op in circuit.instructions { try apply(op, parameters: parameters) }
    }

    /// Default two-register `run`: runs the circuit on each register in turn.
    public func run(_ circuit: Circuit, parameters: ParameterValues, alsoOn other: Self) throws {
        try other.checkQubitCount(qubitCount)
        try run(circuit, parameters: parameters)
        try other.run(circuit, parameters: parameters)
    }

    /// Default adjoint step: each matrix element in turn, then the two-register `run`.
    public func adjointStep(matrixElementsOf observables: [PauliSum], lambda: Self,
                            thenRun inverse: Circuit?, parameters: ParameterValues) throws -> [Complex<Double>] {
        try separateAdjointStep(matrixElementsOf: observables, lambda: lambda, thenRun: inverse, parameters: parameters)
    }

    /// The adjoint step without fusion, for backends whose fused step does not apply to a
    /// particular group.
    public func separateAdjointStep(matrixElementsOf observables: [PauliSum], lambda: Self,
                                    thenRun inverse: Circuit?, parameters: ParameterValues) throws -> [Complex<Double>] {
        let elements = try observables.map { try matrixElement(of: $0, bra: lambda) }
        if let inverse { try run(inverse, parameters: parameters, alsoOn: lambda) }
        return elements
    }

    /// Default `matrixElement`: copies the state, applies O and takes the inner product.
    public func matrixElement(of observable: PauliSum, bra: Self) throws -> Complex<Double> {
        let ket = copy()
        try ket.applyPauliSum(observable)
        return try bra.innerProduct(with: ket)
    }

    /// Default `probability(of:)`: |amplitude|².
    public func probability(of basisState: Bitstring) throws -> Double {
        try amplitude(of: basisState).lengthSquared
    }

    /// Draws `shots` samples and counts each outcome.
    public func counts<G: RandomNumberGenerator>(shots: Int, using generator: inout G) throws -> [Bitstring: Int] {
        try sample(shots: shots, using: &generator).reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    /// Throws `CircuitError.qubitCountMismatch` unless `count` equals `qubitCount`.
    public func checkQubitCount(_ count: Int) throws {
        guard count == qubitCount else { throw CircuitError.qubitCountMismatch(expected: qubitCount, got: count) }
    }
}

/// A configuration with a sensible default, so `B(qubitCount:)` works.
public protocol DefaultConfigurable {
    /// The default settings.
    static var `default`: Self { get }
}

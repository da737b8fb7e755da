import QompressCore
import QompressTraining

/// The shape of one CLIP-ACQUA autoencoder (both modalities use the same shape).
///
/// Encoder: Dense(d→q) → bottleneck on q features → Dense(q→k) = latent z. Decoder:
/// Dense(k→d), or Dense(k→h) → tanh → Dense(h→d) with a hidden layer. The layer entering the
/// bottleneck has as many neurons as the circuit has qubits.
public struct ACQUAArchitecture: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What sits between the two encoder dense layers.
    ///
    /// JSON: `{"kind": "quantum", "backend": {…}}` or `{"kind": "classical"}`; the form written
    /// before 0.4 (`{"quantum": {"_0": …}}`, `{"classical": {}}`) still decodes.
    public enum Bottleneck: Hashable, Sendable, Codable {
        /// The dressed quantum circuit (θ = π/2·tanh(x), H, RY(θ), depth × [CNOT ladder, RY(w)],
        /// ⟨Z_i⟩) on the given backend.
        case quantum(BackendSpec)
        /// The classical baseline: Dense(q→q) followed by tanh.
        case classical

        private enum CodingKeys: String, CodingKey { case kind, backend }
        private enum LegacyKeys: String, CodingKey { case quantum, classical, backend = "_0" }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let kind = try container.decodeIfPresent(String.self, forKey: .kind) {
                switch kind {
                case "quantum": self = .quantum(try container.decode(BackendSpec.self, forKey: .backend))
                case "classical": self = .classical
                default:
                    throw DecodingError.dataCorruptedError(forKey: .kind, in: container,
                                                           debugDescription: "unknown bottleneck kind \"\(kind)\"")
                }
                return
            }
            let legacy = try decoder.container(keyedBy: LegacyKeys.self)
            if legacy.contains(.quantum) {
                let nested = try legacy.nestedContainer(keyedBy: LegacyKeys.self, forKey: .quantum)
                self = .quantum(try nested.decode(BackendSpec.self, forKey: .backend))
            } else if legacy.contains(.classical) {
                self = .classical
            } else {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "a bottleneck needs a \"kind\""))
            }
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case let .quantum(backend):
                try container.encode("quantum", forKey: .kind)
                try container.encode(backend, forKey: .backend)
            case .classical:
                try container.encode("classical", forKey: .kind)
            }
        }
    }

    /// d, the embedding width (512 for CLIP).
    public var embeddingDimension: Int
    /// q, the qubits (and the width of the layer feeding the circuit).
    public var qubits: Int
    /// L, the entangling layers of the circuit.
    public var depth: Int
    /// k, the latent size.
    public var latentDimension: Int
    /// h, the width of an optional hidden decoder layer.
    public var hiddenDecoderSize: Int?
    /// The quantum circuit (with its backend) or the classical replacement.
    public var bottleneck: Bottleneck

    /// Creates an architecture; `validate()` checks it.
    public init(embeddingDimension: Int = 512, qubits: Int = 8, depth: Int = 4, latentDimension: Int = 8,
                hiddenDecoderSize: Int? = nil, bottleneck: Bottleneck = .quantum(.statevector)) {
        self.embeddingDimension = embeddingDimension
        self.qubits = qubits
        self.depth = depth
        self.latentDimension = latentDimension
        self.hiddenDecoderSize = hiddenDecoderSize
        self.bottleneck = bottleneck
    }

    /// Throws `ACQUAError.invalidConfiguration` for sizes out of range.
    public func validate() throws {
        guard embeddingDimension >= 1 else { throw ACQUAError.invalidConfiguration("the embedding width must be positive") }
        // The backend states its own qubit limit when the layer is built; this bound only keeps
        // the dense layers around the circuit countable.
        guard (1...(1 << 20)).contains(qubits) else {
            throw ACQUAError.invalidConfiguration("qubits must lie in 1…\(1 << 20), got \(qubits)")
        }
        guard depth >= 0 else { throw ACQUAError.invalidConfiguration("depth must be ≥ 0, got \(depth)") }
        guard latentDimension >= 1 else { throw ACQUAError.invalidConfiguration("the latent size must be positive, got \(latentDimension)") }
        if let h = hiddenDecoderSize, h < 1 {
            throw ACQUAError.invalidConfiguration("the hidden decoder size must be positive, got \(h)")
        }
    }

    /// The trainable values of one autoencoder, computed without allocating anything.
    /// - Throws: `ACQUAError.invalidConfiguration` for an invalid architecture or sizes whose
    ///   count overflows.
    public func parameterCount() throws -> Int {
        try validate()
        func checked(_ terms: [(Int, Int)]) throws -> Int {
            var total = 0
            for (a, b) in terms {
                let (product, o1) = a.multipliedReportingOverflow(by: b)
                let (sum, o2) = total.addingReportingOverflow(product)
                guard !o1, !o2 else { throw ACQUAError.invalidConfiguration("the architecture's sizes overflow: \(self)") }
                total = sum
            }
            return total
        }
        let d = embeddingDimension, q = qubits, k = latentDimension
        var terms = [(d, q), (1, q), (q, k), (1, k)]
        switch bottleneck {
        case .quantum: terms.append((q, depth))
        case .classical: terms += [(q, q), (1, q)]
        }
        if let h = hiddenDecoderSize {
            terms += [(k, h), (1, h), (h, d), (1, d)]
        } else {
            terms += [(k, d), (1, d)]
        }
        return try checked(terms)
    }

    /// The encoder's layers, input to latent.
    public var encoderSpecifications: [LayerSpec] {
        let middle: [LayerSpec]
        switch bottleneck {
        case let .quantum(backend):
            middle = [.dressedQuantum(qubits: qubits, depth: depth, scaling: .tanhHalfPi, backend: backend)]
        case .classical:
            middle = [.dense(input: qubits, output: qubits), .activation(.tanh, size: qubits)]
        }
        return [.dense(input: embeddingDimension, output: qubits)] + middle
            + [.dense(input: qubits, output: latentDimension)]
    }

    /// The decoder's layers, latent to reconstruction.
    public var decoderSpecifications: [LayerSpec] {
        guard let h = hiddenDecoderSize else { return [.dense(input: latentDimension, output: embeddingDimension)] }
        return [.dense(input: latentDimension, output: h), .activation(.tanh, size: h),
                .dense(input: h, output: embeddingDimension)]
    }

    /// The backend of the quantum bottleneck, or `nil` for the classical one.
    public var backend: BackendSpec? {
        if case let .quantum(spec) = bottleneck { return spec }
        return nil
    }

    public var description: String {
        let middle: String
        switch bottleneck {
        case let .quantum(backend): middle = "circuit(q=\(qubits), L=\(depth), \(backend))"
        case .classical: middle = "Dense(\(qubits)→\(qubits))+tanh"
        }
        let decoder = hiddenDecoderSize.map { "Dense(\(latentDimension)→\($0))+tanh → Dense(\($0)→\(embeddingDimension))" }
            ?? "Dense(\(latentDimension)→\(embeddingDimension))"
        return "Dense(\(embeddingDimension)→\(qubits)) → \(middle) → Dense(\(qubits)→\(latentDimension)) | \(decoder)"
    }
}

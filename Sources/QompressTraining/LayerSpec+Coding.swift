import QompressCore

extension LayerSpec {
    /// The kind keys, snake_case as every JSON the package writes; checkpoints written before
    /// 0.4 used the Swift case names (`dressedQuantum`, `customQuantum`) and `_0` for the
    /// activation's function, and still decode.
    private enum Kind: String, CodingKey, CaseIterable {
        case dense, activation, dressedQuantum = "dressed_quantum", customQuantum = "custom_quantum", custom

        /// The pre-0.4 key.
        var legacyKey: String {
            switch self {
            case .dense, .activation, .custom: return rawValue
            case .dressedQuantum: return "dressedQuantum"
            case .customQuantum: return "customQuantum"
            }
        }
    }

    /// Argument labels (and the pre-0.4 `_0`).
    private enum Argument: String, CodingKey {
        case input, output, function, size, qubits, depth, scaling, backend, inputs, weights, kind, outputs
        case unlabelled = "_0"
    }

    /// Any string key, to find either spelling of a kind.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let outer = try decoder.container(keyedBy: AnyKey.self)
        guard let (kind, key) = Kind.allCases.lazy.compactMap({ kind -> (Kind, AnyKey)? in
            for name in [kind.rawValue, kind.legacyKey] where outer.contains(AnyKey(stringValue: name)) {
                return (kind, AnyKey(stringValue: name))
            }
            return nil
        }).first else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "a layer needs one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let c = try outer.nestedContainer(keyedBy: Argument.self, forKey: key)
        switch kind {
        case .dense:
            self = .dense(input: try c.decode(Int.self, forKey: .input), output: try c.decode(Int.self, forKey: .output))
        case .activation:
            let function = try c.decodeIfPresent(ActivationFunction.self, forKey: .function)
                ?? c.decode(ActivationFunction.self, forKey: .unlabelled)
            self = .activation(function: function, size: try c.decode(Int.self, forKey: .size))
        case .dressedQuantum:
            self = .dressedQuantum(qubits: try c.decode(Int.self, forKey: .qubits), depth: try c.decode(Int.self, forKey: .depth),
                                   scaling: try c.decode(InputScaling.self, forKey: .scaling),
                                   backend: try c.decode(BackendSpec.self, forKey: .backend))
        case .customQuantum:
            self = .customQuantum(qubits: try c.decode(Int.self, forKey: .qubits), inputs: try c.decode(Int.self, forKey: .inputs),
                                  weights: try c.decode(Int.self, forKey: .weights),
                                  backend: try c.decode(BackendSpec.self, forKey: .backend))
        case .custom:
            self = .custom(kind: try c.decode(String.self, forKey: .kind), inputs: try c.decode(Int.self, forKey: .inputs),
                           outputs: try c.decode(Int.self, forKey: .outputs), weights: try c.decode(Int.self, forKey: .weights))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var outer = encoder.container(keyedBy: Kind.self)
        switch self {
        case let .dense(input, output):
            var c = outer.nestedContainer(keyedBy: Argument.self, forKey: .dense)
            try c.encode(input, forKey: .input)
            try c.encode(output, forKey: .output)
        case let .activation(function, size):
            var c = outer.nestedContainer(keyedBy: Argument.self, forKey: .activation)
            try c.encode(function, forKey: .function)
            try c.encode(size, forKey: .size)
        case let .dressedQuantum(qubits, depth, scaling, backend):
            var c = outer.nestedContainer(keyedBy: Argument.self, forKey: .dressedQuantum)
            try c.encode(qubits, forKey: .qubits)
            try c.encode(depth, forKey: .depth)
            try c.encode(scaling, forKey: .scaling)
            try c.encode(backend, forKey: .backend)
        case let .customQuantum(qubits, inputs, weights, backend):
            var c = outer.nestedContainer(keyedBy: Argument.self, forKey: .customQuantum)
            try c.encode(qubits, forKey: .qubits)
            try c.encode(inputs, forKey: .inputs)
            try c.encode(weights, forKey: .weights)
            try c.encode(backend, forKey: .backend)
        case let .custom(kind, inputs, outputs, weights):
            var c = outer.nestedContainer(keyedBy: Argument.self, forKey: .custom)
            try c.encode(kind, forKey: .kind)
            try c.encode(inputs, forKey: .inputs)
            try c.encode(outputs, forKey: .outputs)
            try c.encode(weights, forKey: .weights)
        }
    }
}

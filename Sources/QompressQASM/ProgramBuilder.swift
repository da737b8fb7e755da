import QompressCore

/// Turns parsed statements into a `QASMProgram`: resolves registers, checks gate signatures,
/// broadcasts register arguments, expands user gates and records the final measurements.
struct ProgramBuilder {
    private let limits: QASMLimits
    private var includesStandardLibrary = false
    private var quantumRegisters: [QASMProgram.Register] = []
    private var classicalRegisters: [QASMProgram.Register] = []
    private var qubitCount = 0
    private var bitCount = 0
    private var userGates: [String: GateDefinition] = [:]
    private var instructions: [Instruction] = []
    /// Measured qubits and where they were measured (no gate may follow on them).
    private var measuredAt: [Int: SourceLocation] = [:]
    /// Classical bit → the qubit measured into it.
    private var bitSource: [Int: Int] = [:]

    init(limits: QASMLimits) { self.limits = limits }

    // MARK: - Statements

    /// Adds one top-level statement.
    mutating func add(_ statement: Statement) throws {
        switch statement {
        case .includeStandardLibrary:
            includesStandardLibrary = true
        case let .quantumRegister(name, size, location):
            try declare(name, size: size, total: qubitCount, at: location)
            quantumRegisters.append(.init(name: name, size: size, offset: qubitCount))
            qubitCount += size
        case let .classicalRegister(name, size, location):
            try declare(name, size: size, total: bitCount, at: location)
            classicalRegisters.append(.init(name: name, size: size, offset: bitCount))
            bitCount += size
        case let .gateDefinition(definition):
            try define(definition)
        case let .gateCall(call):
            try apply(call)
        case let .measure(qubits, bits, location):
            try measure(qubits, into: bits, at: location)
        case let .reset(_, location):
            throw QASMError(.unsupported("reset (the simulators hold pure states and do not model measurement collapse)"), at: location)
        case let .conditional(location):
            throw QASMError(.unsupported("classically controlled 'if' (mid-circuit measurement results are not simulated)"), at: location)
        case .barrier:
            break
        }
    }

    /// The finished program.
    func program(endOfInput: SourceLocation) throws -> QASMProgram {
        guard qubitCount > 0 else {
            throw QASMError(.invalidRegisterSize("the program declares no qubits (add a qreg)"), at: endOfInput)
        }
        let circuit: Circuit
        do {
            circuit = try Circuit(qubitCount: qubitCount, instructions: instructions)
        } catch {
            throw QASMError(.invalidOperation("\(error)"), at: endOfInput)
        }
        let measurements = bitSource.keys.sorted().map { QASMProgram.Measurement(bit: $0, qubit: bitSource[$0]!) }
        return QASMProgram(circuit: circuit, quantumRegisters: quantumRegisters,
                           classicalRegisters: classicalRegisters, measurements: measurements)
    }

    private func isDefinedRegister(_ name: String) -> Bool {
        quantumRegisters.contains { $0.name == name } || classicalRegisters.contains { $0.name == name }
    }

    private mutating func declare(_ name: String, size: Int, total: Int, at location: SourceLocation) throws {
        guard !isDefinedRegister(name) else { throw QASMError(.redefinition(what: "register", name: name), at: location) }
        guard size >= 1 else { throw QASMError(.invalidRegisterSize("register \(name) needs at least one element"), at: location) }
        guard size <= limits.maxQubitCount - total else {
            throw QASMError(.invalidRegisterSize("more than \(limits.maxQubitCount) elements of this kind in total"), at: location)
        }
    }

    // MARK: - Gate definitions

    /// The signature (parameters, qubits) of a gate visible now, or `nil`.
    private func signature(of name: String) -> (parameters: Int, qubits: Int)? {
        if let g = StandardGateLibrary.builtins[name] { return (g.parameterCount, g.qubitCount) }
        if includesStandardLibrary, let g = StandardGateLibrary.qelib1[name] { return (g.parameterCount, g.qubitCount) }
        if let g = userGates[name] { return (g.parameters.count, g.qubits.count) }
        return nil
    }

    private mutating func define(_ definition: GateDefinition) throws {
        let location = definition.location
        guard signature(of: definition.name) == nil else {
            throw QASMError(.redefinition(what: "gate", name: definition.name), at: location)
        }
        if let name = firstDuplicate(definition.parameters) {
            throw QASMError(.redefinition(what: "parameter", name: name), at: location)
        }
        if let name = firstDuplicate(definition.qubits) {
            throw QASMError(.redefinition(what: "qubit", name: name), at: location)
        }
        let parameters = Set(definition.parameters)
        for call in definition.body ?? [] {
            try checkSignature(of: call)
            for expression in call.parameters { try checkNames(in: expression, allowed: parameters) }
            for argument in call.arguments where !definition.qubits.contains(argument.name) {
                throw QASMError(.undefined(what: "qubit", name: argument.name), at: argument.location)
            }
            if let name = firstDuplicate(call.arguments.map(\.name)) {
                throw QASMError(.invalidOperation("gate \(call.name) uses qubit \(name) more than once"), at: call.location)
            }
        }
        userGates[definition.name] = definition
    }

    private func firstDuplicate<T: Hashable>(_ items: [T]) -> T? {
        var seen = Set<T>()
        return items.first { !seen.insert($0).inserted }
    }

    private func checkSignature(of call: GateCall) throws {
        guard let (parameterCount, qubits) = signature(of: call.name) else {
            throw QASMError(.undefined(what: "gate", name: call.name), at: call.location)
        }
        guard call.parameters.count == parameterCount else {
            throw QASMError(.wrongArgumentCount(gate: call.name, what: "parameter", expected: parameterCount,
                                                got: call.parameters.count), at: call.location)
        }
        guard call.arguments.count == qubits else {
            throw QASMError(.wrongArgumentCount(gate: call.name, what: "qubit argument", expected: qubits,
                                                got: call.arguments.count), at: call.location)
        }
    }

    private func checkNames(in expression: Expression, allowed: Set<String>) throws {
        switch expression {
        case .number: break
        case let .name(name, location):
            guard name == "pi" || allowed.contains(name) else {
                throw QASMError(.undefined(what: "parameter", name: name), at: location)
            }
        case let .negate(operand, _):
            try checkNames(in: operand, allowed: allowed)
        case let .binary(_, lhs, rhs, _):
            try checkNames(in: lhs, allowed: allowed)
            try checkNames(in: rhs, allowed: allowed)
        case let .call(name, argument, location):
            guard ExpressionEvaluator.functions[name] != nil else {
                throw QASMError(.undefined(what: "function", name: name), at: location)
            }
            try checkNames(in: argument, allowed: allowed)
        }
    }

    // MARK: - Gate applications

    private mutating func apply(_ call: GateCall) throws {
        try checkSignature(of: call)
        let evaluator = ExpressionEvaluator(parameters: [:])
        let values = try call.parameters.map { try evaluator.evaluate($0) }
        let resolved = try call.arguments.map { try qubits(of: $0) }
        for qubits in try broadcast(resolved, statement: call.name, at: call.location) {
            if let repeated = firstDuplicate(qubits) {
                throw QASMError(.invalidOperation("gate \(call.name) uses qubit \(qubitName(repeated)) more than once"),
                                at: call.location)
            }
            for q in qubits {
                if let measured = measuredAt[q] {
                    throw QASMError(.unsupported(
                        "mid-circuit measurement: \(qubitName(q)) was measured on line \(measured.line) and is used again by \(call.name)"),
                        at: call.location)
                }
            }
            try expand(call.name, values: values, on: qubits, at: call.location, depth: 0)
        }
    }

    /// Appends the IR gates of gate `name` with parameter `values` on flat `qubits`.
    private mutating func expand(_ name: String, values: [Double], on qubits: [Int],
                                 at location: SourceLocation, depth: Int) throws {
        guard depth < limits.maxNestingDepth else {
            throw QASMError(.nestingTooDeep(limit: limits.maxNestingDepth), at: location)
        }
        let standard = StandardGateLibrary.builtins[name] ?? (includesStandardLibrary ? StandardGateLibrary.qelib1[name] : nil)
        if let standard {
            let gates: [(Gate, [Int])]
            do { gates = try standard.expansion(values) } catch {
                throw QASMError(.invalidOperation("\(error)"), at: location)
            }
            for (gate, positions) in gates { try append(gate, on: positions.map { qubits[$0] }, at: location) }
            return
        }
        guard let definition = userGates[name] else {
            throw QASMError(.undefined(what: "gate", name: name), at: location)
        }
        guard let body = definition.body else {
            throw QASMError(.unsupported("opaque gate '\(name)' has no definition to simulate"), at: location)
        }
        let evaluator = ExpressionEvaluator(parameters: Dictionary(uniqueKeysWithValues: zip(definition.parameters, values)))
        let binding = Dictionary(uniqueKeysWithValues: zip(definition.qubits, qubits))
        for call in body {
            let callValues = try call.parameters.map { try evaluator.evaluate($0) }
            try expand(call.name, values: callValues, on: call.arguments.map { binding[$0.name]! },
                       at: call.location, depth: depth + 1)
        }
    }

    private mutating func append(_ gate: Gate, on qubits: [Int], at location: SourceLocation) throws {
        guard instructions.count < limits.maxInstructionCount else {
            throw QASMError(.programTooLarge("more than \(limits.maxInstructionCount) instructions after expansion"), at: location)
        }
        do {
            instructions.append(try Instruction(gate, qubits, qubitCount: qubitCount))
        } catch {
            throw QASMError(.invalidOperation("\(error)"), at: location)
        }
    }

    // MARK: - Arguments and measurement

    /// The flat indices an argument denotes: one qubit, or a whole register.
    private func qubits(of argument: Argument) throws -> [Int] {
        try elements(of: argument, in: quantumRegisters, what: "quantum register")
    }

    private func elements(of argument: Argument, in registers: [QASMProgram.Register], what: String) throws -> [Int] {
        guard let register = registers.first(where: { $0.name == argument.name }) else {
            throw QASMError(.undefined(what: what, name: argument.name), at: argument.location)
        }
        guard let index = argument.index else { return Array(register.offset..<(register.offset + register.size)) }
        guard index >= 0, index < register.size else {
            throw QASMError(.indexOutOfRange(register: register.name, index: index, size: register.size), at: argument.location)
        }
        return [register.offset + index]
    }

    /// One qubit list per application: whole registers (all of one size) are applied
    /// element by element, single elements are repeated.
    private func broadcast(_ arguments: [[Int]], statement: String, at location: SourceLocation) throws -> [[Int]] {
        let sizes = Set(arguments.map(\.count).filter { $0 != 1 })
        guard sizes.count <= 1 else {
            throw QASMError(.registerSizeMismatch("the register arguments of \(statement) have sizes \(sizes.sorted())"), at: location)
        }
        let count = sizes.first ?? 1
        return (0..<count).map { k in arguments.map { $0.count == 1 ? $0[0] : $0[k] } }
    }

    private mutating func measure(_ qubitArgument: Argument, into bitArgument: Argument, at location: SourceLocation) throws {
        let qubits = try qubits(of: qubitArgument)
        let bits = try elements(of: bitArgument, in: classicalRegisters, what: "classical register")
        guard qubits.count == bits.count else {
            throw QASMError(.registerSizeMismatch("measure reads \(qubits.count) qubit\(qubits.count == 1 ? "" : "s") into \(bits.count) bit\(bits.count == 1 ? "" : "s")"),
                            at: location)
        }
        for (q, b) in zip(qubits, bits) {
            measuredAt[q] = measuredAt[q] ?? location
            bitSource[b] = q
        }
    }

    private func qubitName(_ qubit: Int) -> String { QASMProgram.name(of: qubit, in: quantumRegisters) }
}

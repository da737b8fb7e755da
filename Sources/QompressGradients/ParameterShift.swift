import QompressCore

/// Gradients by the two-term parameter-shift rule: ∂f/∂θ = [f(θ + π/2) − f(θ − π/2)] / 2 for
/// every gate whose generator has two eigenvalues one apart (RX, RY, RZ, RXX, RYY, RZZ, the
/// phase gates and each angle of U2/U3). An independent check on the adjoint method, and the
/// rule that carries over to hardware. Controlled rotations need a four-term rule and are
/// refused with `GradientError.parameterShiftUnsupported`.
public enum ParameterShift {
    /// The value and gradient of ⟨O⟩ after running `circuit` from the state `initial` holds.
    ///
    /// Costs two circuit runs per parametrised angle occurrence. `initial` is not modified.
    public static func gradient<B: Backend>(
        of observable: PauliSum, circuit: Circuit, parameters: ParameterValues, initial: B
    ) throws -> (value: Double, gradient: ParameterGradient) {
        try observable.validate(qubitCount: initial.qubitCount)
        try AdjointDifferentiation.checkParameters(circuit.parameterCounts, parameters)
        for instruction in circuit.instructions where instruction.gate.isParametrised {
            switch instruction.gate {
            case .crx, .cry, .crz: throw GradientError.parameterShiftUnsupported(gate: instruction.gate.name)
            // Generators with eigenvalues ±1/2: the two-term shift rule is exact.
            case .rx, .ry, .rz, .phase, .u2, .u3, .cphase, .rxx, .ryy, .rzz: break
            case .identity, .x, .y, .z, .h, .s, .sdg, .t, .tdg, .sx, .sxdg,
             .cnot, .cy, .cz, .ch, .swap, .iswap, .ccx, .cswap, .unitary1, .unitary2, .controlledUnitary: break
            }
        }
        let bound = try circuit.bound(to: parameters)
        func evaluate(_ c: Circuit) throws -> Double {
            let state = initial.copy()
            try state.run(c)
            return try state.expectation(of: observable)
        }
        let value = try evaluate(bound)
        var gradient = ParameterGradient.zero(inputs: parameters.inputs.count, weights: parameters.weights.count)
        for (k, instruction) in circuit.instructions.enumerated() {
            for (a, angle) in instruction.gate.angles.enumerated() {
                guard let slot = angle.slot else { continue }
                let plus = try evaluate(try bound.shiftingAngle(a, ofInstruction: k, by: .pi / 2))
                let minus = try evaluate(try bound.shiftingAngle(a, ofInstruction: k, by: -.pi / 2))
                let derivative = angle.scale * (plus - minus) / 2
                switch slot.kind {
                case .input: gradient.inputs[slot.index] += derivative
                case .weight: gradient.weights[slot.index] += derivative
                }
            }
        }
        return (value, gradient)
    }
}

extension Circuit {
    /// The circuit with angle `angleIndex` of instruction `k` shifted by `delta`.
    func shiftingAngle(_ angleIndex: Int, ofInstruction k: Int, by delta: Double) throws -> Circuit {
        var list = instructions
        var seen = 0
        let gate = list[k].gate.mapAngles { angle -> Angle in
            defer { seen += 1 }
            guard seen == angleIndex else { return angle }
            var shifted = angle
            shifted.shift += delta
            return shifted
        }
        list[k] = try Instruction(gate, list[k].qubits, qubitCount: qubitCount)
        return try Circuit(qubitCount: qubitCount, instructions: list)
    }
}

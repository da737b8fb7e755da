import Foundation
import Numerics
import QompressCore

/// Writes a `Circuit` as an OpenQASM 2.0 program that `QASMProgram` (and Qiskit) read back.
///
/// Every gate of the IR has an exact spelling: the `qelib1.inc` gates by name, `iswap` and `ryy`
/// by gate definitions in the header (Qiskit's, exact with the IR's `rz`), a controlled
/// arbitrary unitary as `cu(θ, φ, λ, γ)`. Two gates lose only a global phase, which no
/// measurement sees: an arbitrary one-qubit unitary becomes `u3(θ, φ, λ)` (its e^{iγ} dropped),
/// and an arbitrary two-qubit unitary becomes controlled gates between Gray-code neighbours
/// (Givens elimination to a diagonal) and phases, up to the diagonal's first entry. Angles are
/// bound to `parameters` and printed as the shortest decimal that reads back to the same double,
/// so a round trip reproduces every amplitude to rounding (up to that global phase for the two
/// arbitrary unitaries).
public enum QASMExporter {
    /// The program text of `circuit` on one register `q` (and `c` with `measure q -> c;` for
    /// the qubits in `measuring`, in that order, when given).
    /// - Throws: `CircuitError` when an angle names a parameter slot `parameters` lacks or a
    ///   bound angle is not finite.
    public static func source(of circuit: Circuit, parameters: ParameterValues = ParameterValues(),
                              measuring measured: [Int] = []) throws -> String {
        var body: [String] = []
        var definitions: Set<String> = []
        for instruction in circuit.instructions {
            body += try statements(for: instruction, parameters: parameters, definitions: &definitions)
        }
        var lines = ["OPENQASM 2.0;", "include \"qelib1.inc\";"]
        if definitions.contains("iswap") {
            lines.append("gate iswap a,b { s a; s b; h a; cx a,b; cx b,a; h b; }")
        }
        if definitions.contains("ryy") {
            lines.append("gate ryy(theta) a,b { rx(pi/2) a; rx(pi/2) b; cx a,b; rz(theta) b; cx a,b; rx(-pi/2) a; rx(-pi/2) b; }")
        }
        lines.append("qreg q[\(circuit.qubitCount)];")
        if !measured.isEmpty { lines.append("creg c[\(measured.count)];") }
        lines += body
        for (bit, qubit) in measured.enumerated() { lines.append("measure q[\(qubit)] -> c[\(bit)];") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The statements of one instruction.
    static func statements(for instruction: Instruction, parameters: ParameterValues,
                           definitions: inout Set<String>) throws -> [String] {
        let q = instruction.qubits.map { "q[\($0)]" }
        func value(_ angle: Angle) throws -> Double {
            let v = try angle.value(in: parameters)
            guard v.isFinite else { throw CircuitError.nonFiniteAngle(gate: "\(instruction.gate)", value: v) }
            return v
        }
        func call(_ name: String, _ angles: [Double], _ qubits: [String]) -> String {
            let arguments = angles.isEmpty ? "" : "(" + angles.map(number).joined(separator: ",") + ")"
            return name + arguments + " " + qubits.joined(separator: ",") + ";"
        }
        switch instruction.gate {
        case .identity: return [call("id", [], q)]
        case .x: return [call("x", [], q)]
        case .y: return [call("y", [], q)]
        case .z: return [call("z", [], q)]
        case .h: return [call("h", [], q)]
        case .s: return [call("s", [], q)]
        case .sdg: return [call("sdg", [], q)]
        case .t: return [call("t", [], q)]
        case .tdg: return [call("tdg", [], q)]
        case .sx: return [call("sx", [], q)]
        case .sxdg: return [call("sxdg", [], q)]
        case let .rx(a): return [call("rx", [try value(a)], q)]
        case let .ry(a): return [call("ry", [try value(a)], q)]
        case let .rz(a): return [call("rz", [try value(a)], q)]
        case let .phase(a): return [call("u1", [try value(a)], q)]
        case let .u2(phi, lambda): return [call("u2", [try value(phi), try value(lambda)], q)]
        case let .u3(theta, phi, lambda): return [call("u3", [try value(theta), try value(phi), try value(lambda)], q)]
        case .cnot: return [call("cx", [], q)]
        case .cy: return [call("cy", [], q)]
        case .cz: return [call("cz", [], q)]
        case .ch: return [call("ch", [], q)]
        case .swap: return [call("swap", [], q)]
        case .iswap:
            definitions.insert("iswap")
            return [call("iswap", [], q)]
        case let .crx(a): return [call("crx", [try value(a)], q)]
        case let .cry(a): return [call("cry", [try value(a)], q)]
        case let .crz(a): return [call("crz", [try value(a)], q)]
        case let .cphase(a): return [call("cu1", [try value(a)], q)]
        case let .rxx(a): return [call("rxx", [try value(a)], q)]
        case let .ryy(a):
            definitions.insert("ryy")
            return [call("ryy", [try value(a)], q)]
        case let .rzz(a): return [call("rzz", [try value(a)], q)]
        case .ccx: return [call("ccx", [], q)]
        case .cswap: return [call("cswap", [], q)]
        case let .unitary1(u):
            let e = EulerAngles(u.matrix)
            return [call("u3", [e.theta, e.phi, e.lambda], q)]
        case let .controlledUnitary(u):
            let e = EulerAngles(u.matrix)
            return [call("cu", [e.theta, e.phi, e.lambda, e.gamma], q)]
        case let .unitary2(u):
            return TwoQubitSynthesis.statements(u.matrix, qubits: (q[0], q[1]), call: call)
        }
    }

    /// The shortest decimal that reads back to the same double, in OpenQASM 2.0's real-literal
    /// form (a decimal point is always present: `1e-05` is written `1.0e-05`).
    static func number(_ x: Double) -> String {
        var text = "\(x)"
        if !text.contains(".") {
            if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
                text.insert(contentsOf: ".0", at: e)
            } else {
                text += ".0"
            }
        }
        return text
    }
}

/// A 2 × 2 unitary as e^{iγ} U3(θ, φ, λ), where U3 = [[cos θ/2, −e^{iλ} sin θ/2],
/// [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]].
struct EulerAngles {
    var theta: Double, phi: Double, lambda: Double, gamma: Double

    init(_ m: SquareMatrix) { self.init(m[0, 0], m[0, 1], m[1, 0], m[1, 1]) }

    init(_ u00: Complex<Double>, _ u01: Complex<Double>, _ u10: Complex<Double>, _ u11: Complex<Double>) {
        theta = 2 * Foundation.atan2(u10.length, u00.length)
        if u00.length < 1e-12 {
            // θ = π: only the off-diagonal entries are set; choose λ = 0.
            lambda = 0
            gamma = (-u01).phase
            phi = u10.phase - gamma
        } else if u10.length < 1e-12 {
            // θ = 0: diagonal; choose φ = 0.
            gamma = u00.phase
            phi = 0
            lambda = u11.phase - gamma
        } else {
            gamma = u00.phase
            phi = u10.phase - gamma
            lambda = (-u01).phase - gamma
        }
    }
}

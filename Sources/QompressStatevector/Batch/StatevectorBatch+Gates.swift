import Foundation
import QompressCore

extension StatevectorBatch {
    /// Applies a one-qubit gate to one qubit's factor of the product state: `zero` and `one`
    /// hold every lane's amplitudes of |0⟩ and |1⟩.
    /// - Throws: `SimulationError.unsupported` for a gate a batch does not run or one on more
    ///   than one qubit; `CircuitError` for unbound or non-finite parameters.
    func applyOneQubit(_ gate: Gate, _ zero: UnsafeMutablePointer<Double>, _ one: UnsafeMutablePointer<Double>,
                       _ parameters: [ParameterValues], sharedWeights: Bool) throws {
        switch gate {
        case .identity: return
        case .x: BatchRows.swap(zero, one, width: width)
        case .z: BatchRows.negate(one, width: width)
        case .h:
            let r = 0.5.squareRoot()
            BatchRows.apply(zero, one, width: width, r, r, r, -r)
        case .ry(let angle):
            try laneHalfAngles(angle, parameters, sharedWeights: sharedWeights)
            BatchRows.rotate(zero, one, width: width, cosines: cosines, sines: sines)
        case .cnot, .cz, .swap, .cry, .ccx,
             .y, .s, .sdg, .t, .tdg, .sx, .sxdg, .rx, .rz, .phase, .u2, .u3, .cy, .ch, .iswap, .crx, .crz,
             .cphase, .rxx, .ryy, .rzz, .cswap, .unitary1, .unitary2, .controlledUnitary:
            throw SimulationError.unsupported("\(gate) is not a one-qubit gate of a statevector batch")
        }
    }

    /// Applies `instruction` to every register of `registers` (this batch and, in an adjoint
    /// sweep, its λ; their frames are equal), with each lane's parameters.
    /// - Throws: `SimulationError.unsupported` for a gate a batch does not run; `CircuitError`
    ///   for unbound or non-finite parameters.
    func apply(_ instruction: Instruction, _ parameters: [ParameterValues], sharedWeights: Bool,
               registers: [StatevectorBatch]) throws {
        let q = instruction.qubits
        switch instruction.gate {
        case .identity:
            return
        case .cnot:
            for r in registers { r.frame.applyCNOT(control: q[0], target: q[1]) }
        case .swap:
            for r in registers { r.frame.applySwap(q[0], q[1]) }
        case .x:
            for r in registers {
                BatchRows.forEachPair(count: rowCount, flip: r.frame.flipMask(q[0]), orientation: 0, conditions: (0, 0)) {
                    BatchRows.swap(r.row($0), r.row($1), width: width)
                }
            }
        case .ccx:
            for r in registers {
                BatchRows.forEachPair(count: rowCount, flip: r.frame.flipMask(q[2]), orientation: 0,
                                      conditions: (r.frame.row(q[0]), r.frame.row(q[1]))) {
                    BatchRows.swap(r.row($0), r.row($1), width: width)
                }
            }
        case .z:
            for r in registers { r.negateRows(where: (r.frame.row(q[0]), 0)) }
        case .cz:
            for r in registers { r.negateRows(where: (r.frame.row(q[0]), r.frame.row(q[1]))) }
        case .h:
            let h = 0.5.squareRoot()
            for r in registers {
                BatchRows.forEachPair(count: rowCount, flip: r.frame.flipMask(q[0]), orientation: r.frame.row(q[0]),
                                      conditions: (0, 0)) {
                    BatchRows.apply(r.row($0), r.row($1), width: width, h, h, h, -h)
                }
            }
        case .ry(let angle):
            try laneHalfAngles(angle, parameters, sharedWeights: sharedWeights)
            for r in registers { r.rotatePairs(of: q[0], control: nil, cosines: cosines, sines: sines) }
        case .cry(let angle):
            try laneHalfAngles(angle, parameters, sharedWeights: sharedWeights)
            for r in registers { r.rotatePairs(of: q[1], control: q[0], cosines: cosines, sines: sines) }
        case .y, .s, .sdg, .t, .tdg, .sx, .sxdg, .rx, .rz, .phase, .u2, .u3, .cy, .ch, .iswap, .crx, .crz,
             .cphase, .rxx, .ryy, .rzz, .cswap, .unitary1, .unitary2, .controlledUnitary:
            throw SimulationError.unsupported("a statevector batch runs real gates only, not \(instruction.gate)")
        }
    }

    /// RY on logical qubit `q` (controlled by `control` when given) with each lane's half-angle
    /// cosines and sines.
    func rotatePairs(of q: Int, control: Int?, cosines: UnsafeMutablePointer<Double>,
                     sines: UnsafeMutablePointer<Double>) {
        kernels.batchRotate(pairs(of: q, control: control), rows, cosines: cosines, sines: sines)
    }

    /// The stored pairs of logical qubit `q` (where `control` is 1, when given).
    func pairs(of q: Int, control: Int? = nil) -> BatchPairs {
        BatchPairs(width: width, count: rowCount, flip: frame.flipMask(q), orientation: frame.row(q),
                   condition: control.map { frame.row($0) } ?? 0)
    }

    /// Negates the rows whose index has odd parity with every nonzero mask of `conditions`.
    func negateRows(where conditions: (Int, Int)) {
        for s in 0..<rowCount where parity(s & conditions.0) == 1 && (conditions.1 == 0 || parity(s & conditions.1) == 1) {
            BatchRows.negate(row(s), width: width)
        }
    }
}

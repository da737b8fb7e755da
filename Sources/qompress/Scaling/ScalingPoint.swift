import ArgumentParser
import Foundation
import Qompress

/// One measurement of the study, run in its own process.
struct ScalingPoint {
    var backend: BackendSpec
    var workload: ScalingWorkload
    var qubits: Int
    var depth: Int
    var exactFidelity = false

    /// The point as one command-line value: the spec as JSON, then `workload:qubits:depth:exact`.
    var specification: String {
        let spec = (try? JSONEncoder().encode(backend)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return "\(workload.rawValue):\(qubits):\(depth):\(exactFidelity ? 1 : 0):\(spec)"
    }

    init(backend: BackendSpec, workload: ScalingWorkload, qubits: Int, depth: Int, exactFidelity: Bool = false) {
        self.backend = backend
        self.workload = workload
        self.qubits = qubits
        self.depth = depth
        self.exactFidelity = exactFidelity
    }

    init(specification: String) throws {
        let parts = specification.split(separator: ":", maxSplits: 4).map(String.init)
        guard parts.count == 5, let workload = ScalingWorkload(rawValue: parts[0]), let n = Int(parts[1]),
              let d = Int(parts[2]), let spec = try? JSONDecoder().decode(BackendSpec.self, from: Data(parts[4].utf8)) else {
            throw ValidationError("malformed --point \(specification)")
        }
        try BackendRegistry.standard.validate(spec)
        self.init(backend: spec, workload: workload, qubits: n, depth: d, exactFidelity: parts[3] == "1")
    }

    /// Builds the circuit, then times (register creation + run + all ⟨Z_i⟩) on the point's
    /// backend and reads the process's peak resident set.
    func measure(repeats: Int, seed: UInt64) throws -> ScalingResult {
        try measure(BackendRegistry.standard.configuration(for: backend, threads: 0), repeats: repeats, seed: seed)
    }

    private func measure<C: BackendConfiguration>(_ configuration: C, repeats: Int, seed: UInt64) throws -> ScalingResult {
        let (circuit, values) = try workload.circuit(qubits: qubits, depth: depth, seed: seed)
        var result = ScalingResult(point: self, baselineRSS: ProcessMemory.kibibytes("VmRSS") * 1024)
        try configuration.checkSupports(qubitCount: qubits)
        var last: C.Register?
        let (median, runs) = try Timing.median(repeats: repeats, budget: 10) {
            let state = try configuration.makeRegister(qubitCount: qubits)
            try state.run(circuit, parameters: values)
            _ = state.expectationsZ()
            last = state
        }
        result.peakRSS = ProcessMemory.kibibytes("VmHWM") * 1024
        result.seconds = median
        result.runs = runs
        guard let state = last else { return result }
        guard let mps = state as? MPSBackend else {
            result.stateBytes = configuration.estimatedRegisterBytes(qubitCount: qubits)
            return result
        }
        let report = mps.truncationReport
        result.maxBond = report.maxBondDimension
        result.fidelityEstimate = report.fidelityEstimate
        result.discardedWeight = report.totalDiscardedWeight
        if exactFidelity {
            let exact = try BackendRegistry.standard.register(for: .statevector, qubitCount: qubits)
            try exact.run(circuit, parameters: values)
            let a = try exact.statevector(), b = try state.statevector()
            var re = 0.0, im = 0.0, nb = 0.0
            for i in a.indices {
                let term = a[i].conjugate * b[i]
                re += term.real
                im += term.imaginary
                nb += b[i].lengthSquared
            }
            result.exactFidelity = (re * re + im * im) / nb
        }
        return result
    }
}

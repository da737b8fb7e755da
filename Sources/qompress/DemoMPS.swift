import Foundation
import Qompress

/// The MPS half of `qompress demo`: the same circuits on the MPS, exact and truncated,
/// checked against the statevector's results.
enum DemoMPS {
    static func run(ghz: Circuit, dressed: Circuit, angles: WorkloadAngles, reference: [Double],
                    observable: PauliSum, seed: UInt64) throws {
        let n = ghz.qubitCount
        let mps = try MPSBackend(qubitCount: n, configuration: .exact)
        try mps.run(ghz)
        print("\nmps (exact)  GHZ: ⟨Z0 Z\(n - 1)⟩ = \(try mps.expectation(of: observable)), bond dimensions \(mps.truncationReport.maxBondDimension)")
        for chi in [64, 8, 2] {
            let state = try MPSBackend(qubitCount: n, configuration: try MPSConfiguration(maxBondDimension: chi))
            let start = Date()
            try state.run(dressed, parameters: angles.values)
            let z = state.expectationsZ()
            let deviation = zip(z, reference).map { abs($0 - $1) }.max() ?? 0
            print(String(format: "mps χ≤%-3d    dressed circuit in %.2f ms, fidelity estimate %.6f, max |Δ⟨Z_i⟩| vs statevector %.1e",
                         chi, Date().timeIntervalSince(start) * 1e3, state.truncationReport.fidelityEstimate, deviation))
        }
        let big = try MPSBackend(qubitCount: 200)
        try big.run(try Circuit.ghz(qubitCount: 200))
        print("mps          GHZ on 200 qubits: ⟨Z0 Z199⟩ = \(try big.expectation(of: PauliSum("Z0 Z199"))), χ = \(big.truncationReport.maxBondDimension)")
    }
}

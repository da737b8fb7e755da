import Qompress

/// The MPS half of `qompress demo` (filled in when the MPS backend lands).
enum DemoMPS {
    static func run(ghz: Circuit, dressed: Circuit, angles: WorkloadAngles, reference: [Double],
                    observable: PauliSum, seed: UInt64) throws {}
}

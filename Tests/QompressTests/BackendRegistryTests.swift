import Foundation
import Qompress
import QompressTestSupport
import Testing

@Suite("The backend registry")
struct BackendRegistryTests {
    let registry = BackendRegistry.standard

    @Test("the standard registry holds the statevector and the MPS, and names the others when asked for one it lacks")
    func unknownBackendListsTheKnownOnes() throws {
        #expect(registry.names == ["statevector", "mps"])
        do {
            _ = try registry.configuration(for: BackendSpec(name: "tensor-network"))
            Issue.record("an unknown backend was accepted")
        } catch let error as SimulationError {
            #expect("\(error)".contains("available: statevector, mps"))
        }
    }

    @Test("truncation options are refused for a backend that does not truncate, and checked for one that does")
    func optionsAreCheckedInOnePlace() throws {
        #expect(throws: SimulationError.self) { try registry.validate(BackendSpec(name: "statevector", maxBondDimension: 4)) }
        #expect(throws: SimulationError.self) { try registry.validate(BackendSpec(name: "statevector", cutoff: 0)) }
        #expect(throws: SimulationError.self) { try registry.validate(.mps(maxBondDimension: 0, cutoff: 0)) }
        #expect(throws: SimulationError.self) { try registry.validate(.mps(maxBondDimension: 8, cutoff: .nan)) }
        #expect(throws: SimulationError.self) { try registry.validate(.mps(maxBondDimension: 8, cutoff: 1)) }
        try registry.validate(.mps(maxBondDimension: nil, cutoff: 0))
    }

    @Test("a configuration's spec turns back into the same configuration")
    func specsRoundTrip() throws {
        for spec in [BackendSpec.statevector, .mps(maxBondDimension: nil, cutoff: 0), .mps(maxBondDimension: 16, cutoff: 1e-10),
                     .mps(maxBondDimension: nil, cutoff: 1e-8)] {
            #expect(try registry.configuration(for: spec).spec == spec)
        }
        // Without a cutoff: 0 when χ is unlimited (exact), the MPS default with a χ limit.
        #expect(try registry.configuration(for: BackendSpec(name: "mps")).capabilities.isExact)
        #expect(try registry.configuration(for: BackendSpec(name: "mps", maxBondDimension: 8)).spec.cutoff == MPSConfiguration.defaultCutoff)
    }

    @Test("a register from the registry is the backend the spec names, and the qubit limit comes from its capabilities")
    func registersFollowTheSpec() throws {
        #expect(try registry.register(for: .statevector, qubitCount: 3) is StatevectorBackend)
        let mps = try registry.register(for: .mps(maxBondDimension: 4, cutoff: 0), qubitCount: 100)
        #expect(mps is MPSBackend)
        #expect(mps.spec == .mps(maxBondDimension: 4, cutoff: 0))
        #expect(throws: SimulationError.self) { try registry.register(for: .statevector, qubitCount: 41) }
        // An MPS quantum layer is not capped at 24 qubits: 30 qubits, χ = 2.
        var g = SeededGenerator(seed: 1)
        let layer = try ModelFactory.dressedQuantumLayer(qubits: 30, depth: 1, backend: .mps(maxBondDimension: 2, cutoff: 0),
                                                         generator: &g, threads: 1)
        #expect(try layer.forward(Matrix(rows: 1, columns: 30, elements: [Double](repeating: 0.1, count: 30))).columns == 30)
    }

    @Test("specs written before 0.4 (a Swift enum with _0 keys) still decode; new ones are flat snake_case JSON")
    func legacySpecsDecode() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(BackendSpec.self, from: Data(#"{"statevector":{}}"#.utf8)) == .statevector)
        #expect(try decoder.decode(BackendSpec.self, from: Data(#"{"mps":{"maxBondDimension":4,"cutoff":0}}"#.utf8))
                == .mps(maxBondDimension: 4, cutoff: 0))
        #expect(try decoder.decode(BackendSpec.self, from: Data(#"{"mps":{"cutoff":0}}"#.utf8)) == .mps(maxBondDimension: nil, cutoff: 0))
        let legacy = #"{"quantum":{"_0":{"mps":{"maxBondDimension":4,"cutoff":0}}}}"#
        #expect(try decoder.decode(ACQUAArchitecture.Bottleneck.self, from: Data(legacy.utf8)) == .quantum(.mps(maxBondDimension: 4, cutoff: 0)))
        #expect(try decoder.decode(ACQUAArchitecture.Bottleneck.self, from: Data(#"{"classical":{}}"#.utf8)) == .classical)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(ACQUAArchitecture.Bottleneck.quantum(.mps(maxBondDimension: 4, cutoff: 0))), as: UTF8.self)
        #expect(json == #"{"backend":{"cutoff":0,"max_bond_dimension":4,"name":"mps"},"kind":"quantum"}"#)
        #expect(!json.contains("_0"))
        #expect(throws: DecodingError.self) { try decoder.decode(BackendSpec.self, from: Data(#"{"chi":4}"#.utf8)) }
    }
}

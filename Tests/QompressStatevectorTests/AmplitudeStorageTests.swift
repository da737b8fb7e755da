import Numerics
import QompressCore
@testable import QompressStatevector
import Testing

/// The storage's form changes only through its transitions, and the kernel set is the table's
/// entry for what the CPU has and the configuration allows.
@Suite("Amplitude storage and kernel sets")
struct AmplitudeStorageTests {
    static let plus = Matrix2.Column(ar: 0.5.squareRoot(), ai: 0, br: 0.5.squareRoot(), bi: 0)
    static let plusI = Matrix2.Column(ar: 0.5.squareRoot(), ai: 0, br: 0, bi: 0.5.squareRoot())

    @Test("product → real → complex, each transition explicit; copies keep the form")
    func transitions() {
        let storage = AmplitudeStorage(count: 4, product: [Self.plus, .zeroState])
        #expect(!storage.isWrittenOut && storage.pendingProduct?.count == 2)
        let pending = storage.copy()
        #expect(pending.pendingProduct?.count == 2)
        storage.writeOut(allowingReal: true, threads: 1)
        #expect(storage.isReal && storage.doublesPerAmplitude == 1)
        let half = 0.5.squareRoot()
        #expect((0..<4).map { storage.buffer[$0] } == [half, half, 0, 0])
        let real = storage.copy()
        storage.makeComplex()
        #expect(!storage.isReal && storage.isWrittenOut && storage.doublesPerAmplitude == 2)
        #expect((0..<8).map { storage.buffer[$0] } == [half, 0, half, 0, 0, 0, 0, 0])
        #expect(real.isReal && real.buffer[1] == half)
        storage.writeOut(allowingReal: true, threads: 1)
        #expect(!storage.isReal, "writing out a written-out state changes nothing")
        storage.setProduct([.zeroState, .zeroState])
        #expect(!storage.isWrittenOut)
    }

    @Test("a complex factor, or real form not allowed, writes complex form")
    func complexWriteOut() {
        let complexFactor = AmplitudeStorage(count: 4, product: [Self.plusI, .zeroState])
        complexFactor.writeOut(allowingReal: true, threads: 1)
        #expect(!complexFactor.isReal)
        let half = 0.5.squareRoot()
        #expect((0..<4).map { complexFactor.buffer[$0] } == [half, 0, 0, half])
        let notAllowed = AmplitudeStorage(count: 4, product: [Self.plus, .zeroState])
        notAllowed.writeOut(allowingReal: false, threads: 1)
        #expect(!notAllowed.isReal)
    }

    @Test("the kernel set is the table's portable entry unless AVX2 + FMA is present and allowed")
    func kernelSetChoice() throws {
        let portable = try StatevectorBackend(qubitCount: 3, configuration: StatevectorConfiguration(vectorExtensions: false))
        #expect(portable.kernels.instructionSet == .portable)
        let vector = try StatevectorBackend(qubitCount: 3)
        #expect(vector.kernels.instructionSet == (AVX2Loops.isAvailable ? .avx2 : .portable))
        #expect(vector.copy().kernels.instructionSet == vector.kernels.instructionSet)
        for set in KernelSet.InstructionSet.allCases { #expect(KernelSet.entry(set).instructionSet == set) }
    }
}

import QompressCore
import QompressLinearAlgebra
import QompressTraining

/// The quantum-inspired head storing only the parameters its outputs depend on.
///
/// Of a block's three gates U = e^{iα} RZ(β) RY(γ) RZ(δ) (12 raw values), the outputs see
/// 7: the control gate U_b enters only through |row 0 of U_b · v|², which depends on (γ_b, δ_b);
/// the controlled gate U_c only through row 0 of W = U_c U_a up to a phase, i.e. (γ_c, δ_c);
/// and the target gate U_a up to its global phase, (β_a, γ_a, δ_a). The other five (α_a, α_b,
/// β_b, α_c, β_c) change nothing — `CompactHead` fixes them at 0 and stores 7 · (r − 1) · k
/// numbers (1,792 at 384 → 128 instead of 3,072), for the same family of functions.
public final class CompactHead: Layer {
    /// The full head that runs the fast path.
    public let head: QuantumInspiredHead
    /// The stored parameters, shape [stages, k, 7]: (β_a, γ_a, δ_a, γ_b, δ_b, γ_c, δ_c) raw.
    public let compact: ParameterTensor
    private let offsets: [Int]

    /// Creates a compact head with raw parameters drawn from N(0, 1).
    /// - Throws: `HeadError.dimensionMismatch` (never for a valid plan).
    public init(plan: CompressionPlan, generator: inout SeededGenerator, name: String = "qi") throws {
        let k = plan.outputDimension
        var offsets: [Int] = []
        for s in 0..<plan.stageCount {
            let m = plan.modules(ofStage: s)
            for j in 0..<k {
                let target = 4 * (m.target * k + j), control = 4 * (m.control * k + j), controlled = 4 * (m.controlled * k + j)
                offsets += [target + 1, target + 2, target + 3, control + 2, control + 3, controlled + 2, controlled + 3]
            }
        }
        self.offsets = offsets
        compact = ParameterTensor(name: name + ".compact", shape: [plan.stageCount, k, 7],
                                  values: offsets.map { _ in generator.nextGaussian() })
        // Built from all-zero raw values; `sync()` writes the stored ones before every use.
        head = try QuantumInspiredHead(plan: plan, rawParameters: [Double](repeating: 0, count: plan.parameterCount), name: name)
    }

    /// The number of stored values, 7 · (r − 1) · k.
    public static func parameterCount(plan: CompressionPlan) -> Int { 7 * plan.stageCount * plan.outputDimension }

    public var inputSize: Int { head.inputSize }
    public var outputSize: Int { head.outputSize }
    public var parameters: [ParameterTensor] { [compact] }
    public var specifications: [LayerSpec] { head.specifications }
    /// Worker threads of the fast path (0 = all cores).
    public var threads: Int {
        get { head.threads }
        set { head.threads = newValue }
    }
    /// The arithmetic of the fast path (`.float64` by default; see `HeadPrecision`).
    public var precision: HeadPrecision {
        get { head.precision }
        set { head.precision = newValue }
    }

    /// The outputs without keeping anything for `backward`.
    public func encode(_ input: Matrix) throws -> Matrix {
        sync()
        return try head.encode(input)
    }

    public func forward(_ input: Matrix) throws -> Matrix {
        sync()
        return try head.forward(input)
    }

    public func backward(_ outputGradient: Matrix) throws -> Matrix {
        head.weights.zeroGradient()
        let g = try head.backward(outputGradient)
        gather()
        return g
    }

    public func accumulateParameterGradients(_ outputGradient: Matrix) throws {
        head.weights.zeroGradient()
        try head.accumulateParameterGradients(outputGradient)
        gather()
    }

    private func sync() {
        for (p, o) in offsets.enumerated() { head.weights.values[o] = compact.values[p] }
    }

    private func gather() {
        for (p, o) in offsets.enumerated() { compact.gradient[p] += head.weights.gradient[o] }
    }
}

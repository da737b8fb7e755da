/// Which qubits fold into which: d input qubits become k = d / r output qubits through r − 1
/// stages of blocks.
///
/// The input is cut into r blocks of k qubits. Stage s folds block r − 1 − s (the control,
/// already the result of earlier stages for s > 0) into block r − 2 − s (the target), qubit j
/// of one block pairing with qubit j of the other. With r = 3 this is the paper's compression
/// by thirds (C folds into B, then B′ into A); larger ratios continue the same staircase.
/// Every stage owns three modules of k trainable unitaries: target gates, control gates and
/// controlled gates, so a plan has 3 · (r − 1) · k gates and 12 · (r − 1) · k parameters.
public struct CompressionPlan: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The two shapes of plan.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The paper's d → d/3 (ratio 3 only).
        case thirds
        /// Any integer ratio r ≥ 2.
        case staircase
    }

    /// How the plan was asked for.
    public let kind: Kind
    /// Input qubits d.
    public let inputDimension: Int
    /// Output qubits k.
    public let outputDimension: Int

    /// The paper's plan, d → d/3.
    /// - Throws: `HeadError.dimensionMismatch` unless d is a positive multiple of 3.
    public static func thirds(inputDimension d: Int) throws -> CompressionPlan {
        guard d >= 3, d % 3 == 0 else {
            throw HeadError.dimensionMismatch("compression by thirds needs a dimension divisible by 3, got \(d)")
        }
        return CompressionPlan(kind: .thirds, inputDimension: d, outputDimension: d / 3)
    }

    /// The staircase d → k for k dividing d with d / k ≥ 2.
    /// - Throws: `HeadError.dimensionMismatch` otherwise.
    public static func staircase(inputDimension d: Int, outputDimension k: Int) throws -> CompressionPlan {
        guard k >= 1, d > k, d % k == 0 else {
            throw HeadError.dimensionMismatch("a staircase needs an output size k ≥ 1 dividing the input size d > k, got \(d) → \(k)")
        }
        return CompressionPlan(kind: .staircase, inputDimension: d, outputDimension: k)
    }

    /// The thirds plan when d = 3k, the staircase otherwise.
    /// - Throws: `HeadError.dimensionMismatch` when k does not divide d.
    public static func automatic(inputDimension d: Int, outputDimension k: Int) throws -> CompressionPlan {
        d == 3 * k ? try thirds(inputDimension: d) : try staircase(inputDimension: d, outputDimension: k)
    }

    private init(kind: Kind, inputDimension: Int, outputDimension: Int) {
        self.kind = kind
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
    }

    /// The ratio r = d / k (the number of input blocks).
    public var ratio: Int { inputDimension / outputDimension }
    /// The number of folding stages, r − 1.
    public var stageCount: Int { ratio - 1 }
    /// Modules of k gates: three per stage.
    public var moduleCount: Int { 3 * stageCount }
    /// Trainable parameters: 4 per gate, 12 · (r − 1) · k (8d for the thirds plan).
    public var parameterCount: Int { 4 * moduleCount * outputDimension }

    /// The input block that stage `s` folds into (its target block).
    public func targetBlock(ofStage s: Int) -> Int { ratio - 2 - s }
    /// The input block that stage 0 folds away; later stages fold the previous stage's result.
    public var firstControlBlock: Int { ratio - 1 }
    /// The input qubit that is qubit `j` of block `b`.
    public func qubit(block b: Int, position j: Int) -> Int { b * outputDimension + j }
    /// The modules of stage `s`: target gates, control gates, controlled gates.
    public func modules(ofStage s: Int) -> (target: Int, control: Int, controlled: Int) { (3 * s, 3 * s + 1, 3 * s + 2) }

    public var description: String { "\(kind.rawValue) \(inputDimension)→\(outputDimension)" }
}

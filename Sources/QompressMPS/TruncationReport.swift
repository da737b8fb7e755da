import Foundation

/// What truncation did to an MPS since it was last prepared: a value, not a string.
///
/// Every SVD that discarded Schmidt weight above the numerical noise floor is listed as a
/// `Truncation` (bond, relative discarded weight ε_k, bond dimension kept). The product
/// `fidelityEstimate = Π_k (1 − ε_k)` estimates |⟨exact|mps⟩|² for normalised states; it is
/// exact for a single truncation and a good estimate (usually a slight overestimate of the
/// loss) for many. Bonds are numbered by the chain position of their left site: bond b joins
/// sites b and b + 1 (qubits b and b + 1, since routing swaps qubits back).
public struct TruncationReport: Hashable, Sendable, Codable {
    /// One truncating SVD.
    public struct Truncation: Hashable, Sendable, Codable {
        /// The bond that was truncated (between sites `bond` and `bond + 1`).
        public var bond: Int
        /// The relative discarded weight ε = Σ_discarded s² / Σ_all s².
        public var discardedWeight: Double
        /// The bond dimension kept.
        public var keptBondDimension: Int

        /// Creates a truncation record.
        public init(bond: Int, discardedWeight: Double, keptBondDimension: Int) {
            self.bond = bond
            self.discardedWeight = discardedWeight
            self.keptBondDimension = keptBondDimension
        }
    }

    /// Every truncating SVD, in the order they happened.
    public var truncations: [Truncation]
    /// Π_k (1 − ε_k) over all truncations (1 when nothing was truncated).
    public var fidelityEstimate: Double
    /// The largest dimension each bond reached (index b = bond between sites b and b + 1).
    public var maxBondDimensions: [Int]
    /// The current dimension of each bond.
    public var bondDimensions: [Int]
    /// The number of SWAP updates inserted to route gates on non-neighbouring qubits.
    public var swapCount: Int
    /// The number of SVDs performed (gates, routing swaps and recompressions).
    public var svdCount: Int

    /// Creates a report.
    public init(truncations: [Truncation], fidelityEstimate: Double, maxBondDimensions: [Int],
                bondDimensions: [Int], swapCount: Int, svdCount: Int) {
        self.truncations = truncations
        self.fidelityEstimate = fidelityEstimate
        self.maxBondDimensions = maxBondDimensions
        self.bondDimensions = bondDimensions
        self.swapCount = swapCount
        self.svdCount = svdCount
    }

    /// Whether no SVD discarded weight (the state is exact up to rounding).
    public var isExact: Bool { truncations.isEmpty }
    /// Σ_k ε_k.
    public var totalDiscardedWeight: Double { truncations.reduce(0) { $0 + $1.discardedWeight } }
    /// The largest bond dimension reached anywhere (1 for a single qubit).
    public var maxBondDimension: Int { maxBondDimensions.max() ?? 1 }
}

extension TruncationReport: CustomStringConvertible {
    /// The report as a text table (summary, per-bond dimensions, and per-bond truncations).
    public var table: String {
        var lines: [String] = []
        lines.append("svds \(svdCount)  swaps \(swapCount)  truncations \(truncations.count)  "
                     + "discarded Σε = \(format(totalDiscardedWeight))  fidelity ≈ \(format(fidelityEstimate))")
        lines.append("bond | dim | max dim | truncations | discarded Σε | largest ε")
        lines.append("-----|-----|---------|-------------|--------------|----------")
        var count = [Int](repeating: 0, count: bondDimensions.count)
        var sum = [Double](repeating: 0, count: bondDimensions.count)
        var worst = [Double](repeating: 0, count: bondDimensions.count)
        for t in truncations where t.bond >= 0 && t.bond < bondDimensions.count {
            count[t.bond] += 1
            sum[t.bond] += t.discardedWeight
            worst[t.bond] = max(worst[t.bond], t.discardedWeight)
        }
        for b in bondDimensions.indices {
            lines.append(pad(b, 4) + " | " + pad(bondDimensions[b], 3) + " | " + pad(maxBondDimensions[b], 7)
                         + " | " + pad(count[b], 11) + " | " + padText(format(sum[b]), 12) + " | " + format(worst[b]))
        }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON (`prettyPrinted` for humans, compact for JSON lines).
    /// - Throws: an `EncodingError` if encoding fails (it does not for finite values).
    public func json(prettyPrinted: Bool = false) throws -> String {
        String(decoding: try JSONEncoder.report(prettyPrinted: prettyPrinted).encode(self), as: UTF8.self)
    }

    /// The same as `table`.
    public var description: String { table }

    private func format(_ x: Double) -> String { x == 0 ? "0" : String(format: "%.3g", x) }
    private func pad(_ x: Int, _ width: Int) -> String { padText(String(x), width) }
    private func padText(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}

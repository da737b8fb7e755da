import Foundation

/// Text tables and JSON for evaluations and comparisons.
public enum ACQUAReport {
    /// A human-readable table of one evaluation.
    public static func table(_ e: ACQUAEvaluation) -> String {
        func f(_ x: Double) -> String { String(format: "%.3f", x) }
        func recalls(_ r: [Int: Double]) -> String { ACQUAEvaluation.recallKs.map { f(r[$0] ?? .nan) }.joined(separator: " / ") }
        var lines: [String] = []
        lines.append("\(e.model) on \(e.dataset) (held out: \(e.images) images, \(e.texts) texts; k = \(e.latentDimension))")
        lines.append("  parameters                 \(e.parameters.total) (of which quantum \(e.parameters.quantum))")
        lines.append("  reconstruction  image      L1/row \(f(e.imageReconstruction.meanL1))   cosine \(f(e.imageReconstruction.meanCosine))")
        lines.append("                  text       L1/row \(f(e.textReconstruction.meanL1))   cosine \(f(e.textReconstruction.meanCosine))")
        for (name, d) in [("matching pairs", e.matchingPairs), ("random pairs  ", e.randomPairs)] {
            lines.append("  distances  \(name)  (\(d.pairs))  Pearson \(f(d.pearson))  Spearman \(f(d.spearman))  mean |Δd| \(f(d.meanAbsoluteError))")
        }
        lines.append("  retrieval R@1/5/10         latent (k=\(e.latentDimension))          original (d)")
        lines.append("    text → image             \(recalls(e.latentRetrieval.textToImage))   \(recalls(e.originalRetrieval.textToImage))")
        lines.append("    image → text             \(recalls(e.latentRetrieval.imageToText))   \(recalls(e.originalRetrieval.imageToText))")
        return lines.joined(separator: "\n")
    }

    /// The column titles of `comparisonTable`.
    static let comparisonHeader = [
        "dataset", "model", "backend", "q", "L", "k", "params", "img cos", "txt cos", "r match", "ρ match",
        "ρ random", "|Δd|", "t→i R@1", "t→i R@5", "i→t R@1", "i→t R@5", "train s",
    ]

    /// A Markdown table of comparison rows.
    public static func comparisonTable(_ rows: [ComparisonRow]) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "-" }
        var lines = ["| " + comparisonHeader.joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: comparisonHeader.count)]
        for r in rows {
            let e = r.evaluation
            let cells = [
                r.dataset, r.model, r.backend, r.qubits == 0 ? "-" : "\(r.qubits)", r.depth == 0 ? "-" : "\(r.depth)",
                "\(r.latentDimension)", "\(e.parameters.total)", f(e.imageReconstruction.meanCosine),
                f(e.textReconstruction.meanCosine), f(e.matchingPairs.pearson), f(e.matchingPairs.spearman),
                f(e.randomPairs.spearman), f(e.matchingPairs.meanAbsoluteError),
                f(e.latentRetrieval.textToImage[1]), f(e.latentRetrieval.textToImage[5]),
                f(e.latentRetrieval.imageToText[1]), f(e.latentRetrieval.imageToText[5]), String(format: "%.1f", r.trainSeconds),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// `value` as JSON with sorted keys; NaN and infinities become strings.
    public static func json<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        String(decoding: try JSONEncoder.report(prettyPrinted: pretty).encode(value), as: UTF8.self)
    }
}

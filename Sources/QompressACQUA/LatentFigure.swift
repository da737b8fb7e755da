import Foundation
import QompressCore
import QompressLinearAlgebra

/// The latents of held-out images and texts at one moment of training.
public struct LatentSnapshot: Sendable {
    /// The panel title ("epoch 10").
    public var label: String
    /// Image latents, one per row.
    public var imageLatents: Matrix
    /// Text latents, one per row.
    public var textLatents: Matrix

    /// Creates a snapshot.
    public init(label: String, imageLatents: Matrix, textLatents: Matrix) {
        self.label = label
        self.imageLatents = imageLatents
        self.textLatents = textLatents
    }
}

/// Writes the figure of the latent space at several training stages (as the paper's Fig. 3):
/// one panel per snapshot, the latents projected on their two leading principal components,
/// images as circles and texts as squares, coloured by latent norm ‖z‖ (viridis, per panel).
/// Hand-written SVG, no dependency.
public enum LatentFigure {
    /// The SVG document.
    /// - Throws: `ACQUAError.invalidConfiguration` without snapshots or with latents of fewer
    ///   than two dimensions; `ACQUAError.lapackFailure` from the projection.
    public static func svg(_ snapshots: [LatentSnapshot], title: String) throws -> String {
        let panels = try points(snapshots)
        let panel = 280.0, margin = 20.0, top = 56.0, bottom = 46.0
        let width = margin + Double(panels.count) * (panel + margin), height = top + panel + bottom
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
        viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(margin)" y="22" font-size="15">\(escape(title))</text>

        """
        for (p, points) in panels.enumerated() {
            let xs = points.map(\.x), ys = points.map(\.y), norms = points.map(\.norm)
            let (lo, hi) = (norms.min()!, norms.max()!)
            let span = max(xs.max()! - xs.min()!, ys.max()! - ys.min()!, 1e-12)
            let (cx, cy) = ((xs.max()! + xs.min()!) / 2, (ys.max()! + ys.min()!) / 2)
            let x0 = margin + Double(p) * (panel + margin)
            svg += "<g>\n<rect x=\"\(x0)\" y=\"\(top)\" width=\"\(panel)\" height=\"\(panel)\" fill=\"none\" stroke=\"#999\"/>\n"
            svg += "<text x=\"\(x0 + 4)\" y=\"\(top - 8)\">\(escape(snapshots[p].label))</text>\n"
            // Axis labels: the panel's own principal components.
            svg += String(format: "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"end\">PC 1 →</text>\n",
                          x0 + panel - 4, top + panel - 4)
            svg += String(format: "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\" transform=\"rotate(-90 %.0f %.0f)\">PC 2 →</text>\n",
                          x0 + 12, top + panel - 4, x0 + 12, top + panel - 4)
            for point in points {
                let px = x0 + panel / 2 + (point.x - cx) / span * (panel - 16)
                let py = top + panel / 2 - (point.y - cy) / span * (panel - 16)
                let colour = viridis(hi > lo ? (point.norm - lo) / (hi - lo) : 0.5)
                switch point.modality {
                case .image:
                    svg += String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%@\" fill-opacity=\"0.85\"/>\n", px, py, colour)
                case .text:
                    svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"5\" height=\"5\" fill=\"%@\" fill-opacity=\"0.85\" stroke=\"#333\" stroke-width=\"0.4\"/>\n",
                                  px - 2.5, py - 2.5, colour)
                }
            }
            svg += String(format: "<text x=\"%.0f\" y=\"%.0f\" font-size=\"10\">‖z‖ %.2f – %.2f</text>\n</g>\n",
                          x0 + 4, top + panel + 14, lo, hi)
        }
        // Legend: colour bar and markers.
        let legendY = top + panel + 26
        for s in 0..<50 {
            svg += String(format: "<rect x=\"%.0f\" y=\"%.0f\" width=\"3\" height=\"10\" fill=\"%@\"/>", margin + Double(s) * 3,
                          legendY, viridis(Double(s) / 49))
        }
        svg += String(format: "\n<text x=\"%.0f\" y=\"%.0f\">low → high latent norm ‖z‖ (per panel)   ● image   ■ text   axes: the panel's two leading principal components</text>\n",
                      margin + 160, legendY + 9)
        return svg + "</svg>\n"
    }

    /// One plotted point: a held-out latent projected on its panel's two leading principal
    /// components, with its norm (the colour).
    public struct Point: Hashable, Sendable {
        /// Which encoder made the latent.
        public var modality: Modality
        /// The row of the latent among that modality's held-out rows.
        public var row: Int
        /// The coordinates along PC 1 and PC 2.
        public var x: Double, y: Double
        /// ‖z‖.
        public var norm: Double
    }

    /// The points of every panel, in snapshot order (what the SVG draws and the CSV holds).
    /// - Throws: `ACQUAError.invalidConfiguration` without snapshots or with latents of fewer
    ///   than two dimensions or three points; the projection's errors.
    public static func points(_ snapshots: [LatentSnapshot]) throws -> [[Point]] {
        guard !snapshots.isEmpty else { throw ACQUAError.invalidConfiguration("the figure needs at least one snapshot") }
        return try snapshots.map { snapshot in
            let joint = try Matrix(rows: snapshot.imageLatents.rows + snapshot.textLatents.rows,
                                   columns: snapshot.imageLatents.columns,
                                   elements: snapshot.imageLatents.elements + snapshot.textLatents.elements)
            guard joint.columns >= 2, joint.rows >= 3 else {
                throw ACQUAError.invalidConfiguration("the figure needs latents of ≥ 2 dimensions and ≥ 3 points")
            }
            let xy = try PrincipalComponents(fitting: joint, count: 2).project(joint)
            let images = snapshot.imageLatents.rows
            return (0..<joint.rows).map { r in
                Point(modality: r < images ? .image : .text, row: r < images ? r : r - images, x: xy[r, 0], y: xy[r, 1],
                      norm: joint.row(r).reduce(0) { $0 + $1 * $1 }.squareRoot())
            }
        }
    }

    /// The figure's data as CSV: `stage,modality,row,pc1,pc2,norm`, one line per point.
    public static func csv(_ snapshots: [LatentSnapshot]) throws -> String {
        var lines = ["stage,modality,row,pc1,pc2,norm"]
        for (snapshot, points) in zip(snapshots, try points(snapshots)) {
            let stage = "\"" + snapshot.label.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for p in points { lines.append("\(stage),\(p.modality.rawValue),\(p.row),\(p.x),\(p.y),\(p.norm)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `svg(_:title:)` to `url` and the data it draws, `csv(_:)`, beside it (same name,
    /// extension `.csv`).
    /// - Throws: as `svg`, or `ACQUAError.io`.
    public static func write(_ snapshots: [LatentSnapshot], title: String, to url: URL) throws {
        let data = url.deletingPathExtension().appendingPathExtension("csv")
        for (text, target) in [(try svg(snapshots, title: title), url), (try csv(snapshots), data)] {
            do { try Data(text.utf8).write(to: target, options: .atomic) } catch {
                throw ACQUAError.io("cannot write \(target.path): \(FileAccess.writeProblem(at: target.path) ?? "the folder is missing or not writable")")
            }
        }
    }

    /// The viridis colour map at t ∈ [0, 1], interpolated between five anchors.
    static func viridis(_ t: Double) -> String {
        let anchors: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]
        let x = min(max(t, 0), 1) * Double(anchors.count - 1)
        let i = min(Int(x), anchors.count - 2), f = x - Double(i)
        let (a, b) = (anchors[i], anchors[i + 1])
        return String(format: "#%02x%02x%02x", Int(a.0 + f * (b.0 - a.0)), Int(a.1 + f * (b.1 - a.1)), Int(a.2 + f * (b.2 - a.2)))
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

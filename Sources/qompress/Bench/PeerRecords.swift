import ArgumentParser
import Foundation
import Qompress

/// Peer benchmark records (JSON Lines with `qubits`, `layers` and a `z` list).
struct PeerRecords {
    var records: [(qubits: Int, layers: Int, chi: Int?, z: [Double])] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let n = object["qubits"] as? Int, let l = object["layers"] as? Int,
                  let z = object["z"] as? [Double] else { continue }
            records.append((n, l, object["chi"] as? Int, z))
        }
    }

    /// max_i |z_i − peer_i| for the first record of the same shape (and χ, when given).
    func maxDeviation(_ z: [Double], qubits: Int, layers: Int, chi: Int? = nil) -> Double? {
        guard let match = records.first(where: {
            $0.qubits == qubits && $0.layers == layers && (chi == nil || $0.chi == chi) && $0.z.count == z.count
        }) else { return nil }
        return zip(z, match.z).map { abs($0 - $1) }.max()
    }
}

import Foundation
import QompressCore
import QompressData
import QompressLinearAlgebra

/// A retrieval collection in the layout of `../shared/data/ir/<name>`: `emb_ids.json`
/// (`doc_ids`, `query_ids`, `dim`), `doc_emb_minilm.npy` and `query_emb_minilm.npy` (one row per
/// id, in that order) and a BEIR `qrels.tsv` (`query-id<TAB>corpus-id<TAB>score`, optional header).
/// The texts (`corpus.jsonl`, `queries.jsonl`) are not needed: the embeddings are frozen.
public struct IRCollection: Sendable {
    /// The collection's name (its folder name).
    public let name: String
    /// Document ids, in embedding-row order.
    public let documentIDs: [String]
    /// Query ids, in embedding-row order.
    public let queryIDs: [String]
    /// Document embeddings, one row per document.
    public let documents: Matrix
    /// Query embeddings, one row per query.
    public let queries: Matrix
    /// Graded relevance: query row → (document row → grade).
    public let relevance: [Int: [Int: Int]]

    /// Loads and validates the collection in `folder`.
    /// - Throws: `HeadError.malformedData` for unreadable or inconsistent files,
    ///   `HeadError.unknownIdentifier` for qrels naming ids without embeddings,
    ///   `HeadError.dimensionMismatch` when the arrays do not match the ids or the stated dimension.
    public init(folder: URL) throws {
        name = folder.lastPathComponent
        let idsURL = folder.appendingPathComponent("emb_ids.json")
        let idsData: Data
        do { idsData = try Data(contentsOf: idsURL) } catch {
            throw HeadError.malformedData(file: idsURL.path, line: nil, reason: "cannot be read (\(FileAccess.readProblem(at: idsURL.path)))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: idsData) as? [String: Any],
              let docIDs = object["doc_ids"] as? [String], let queryIDs = object["query_ids"] as? [String] else {
            throw HeadError.malformedData(file: idsURL.path, line: nil, reason: "needs string arrays \"doc_ids\" and \"query_ids\"")
        }
        let dim = object["dim"] as? Int
        documentIDs = docIDs
        self.queryIDs = queryIDs
        documents = try Self.embeddings(folder.appendingPathComponent("doc_emb_minilm.npy"), rows: docIDs.count, dim: dim)
        queries = try Self.embeddings(folder.appendingPathComponent("query_emb_minilm.npy"), rows: queryIDs.count, dim: dim)
        guard documents.columns == queries.columns else {
            throw HeadError.dimensionMismatch("documents have \(documents.columns) dimensions, queries \(queries.columns)")
        }
        relevance = try Self.qrels(folder.appendingPathComponent("qrels.tsv"), documentIDs: docIDs, queryIDs: queryIDs)
    }

    /// The embedding width.
    public var dimension: Int { documents.columns }
    /// Query rows with at least one relevant document, ascending.
    public var judgedQueries: [Int] { relevance.filter { $0.value.values.contains { $0 > 0 } }.keys.sorted() }

    static func embeddings(_ url: URL, rows: Int, dim: Int?) throws -> Matrix {
        let array: NPYArray
        do { array = try NPYArray(contentsOf: url) } catch {
            throw HeadError.malformedData(file: url.path, line: nil, reason: "\(error)")
        }
        guard array.shape.count == 2, array.shape[0] == rows else {
            throw HeadError.dimensionMismatch("\(url.lastPathComponent) has shape \(array.shape), expected \(rows) rows (one per id)")
        }
        if let dim, array.shape[1] != dim {
            throw HeadError.dimensionMismatch("\(url.lastPathComponent) has \(array.shape[1]) columns, emb_ids.json says \(dim)")
        }
        do { try array.requireFinite(path: url.path) } catch { throw HeadError.malformedData(file: url.path, line: nil, reason: "\(error)") }
        return try Matrix(rows: array.shape[0], columns: array.shape[1], elements: array.values)
    }

    static func qrels(_ url: URL, documentIDs: [String], queryIDs: [String]) throws -> [Int: [Int: Int]] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw HeadError.malformedData(file: url.path, line: nil, reason: "cannot be read (\(FileAccess.readProblem(at: url.path)))")
        }
        let docIndex = Dictionary(documentIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let queryIndex = Dictionary(queryIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Int: [Int: Int]] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || (n == 0 && line.hasPrefix("query-id")) { continue }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 3 else {
                throw HeadError.malformedData(file: url.lastPathComponent, line: n + 1, reason: "expected 3 tab-separated fields, got \(fields.count)")
            }
            guard let grade = Int(fields[2]) else {
                throw HeadError.malformedData(file: url.lastPathComponent, line: n + 1, reason: "score \"\(fields[2])\" is not an integer")
            }
            guard let q = queryIndex[fields[0]] else { throw HeadError.unknownIdentifier(file: url.lastPathComponent, identifier: fields[0]) }
            guard let d = docIndex[fields[1]] else { throw HeadError.unknownIdentifier(file: url.lastPathComponent, identifier: fields[1]) }
            out[q, default: [:]][d] = max(out[q]?[d] ?? grade, grade)
        }
        return out
    }
}

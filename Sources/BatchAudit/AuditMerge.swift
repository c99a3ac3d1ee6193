import Foundation
import GRDB

/// What a merge did.
public struct MergeSummary: Sendable {
    /// Rows copied from the shard stores.
    public var rowsAdded = 0
    /// Shard rows already in the merged store with the same path and SHA-256 (or the same record id): left out.
    public var duplicateRows = 0
    /// Shard rows whose path was in the merged store with other bytes: the later scan (`scannedAt`) kept.
    public var pathConflicts = 0
    /// Lines of shard results files whose file had no row: rows made from them (versions `unknown`).
    public var rowsFromLines = 0
    /// Unterminated last lines of shard results files, left out (a shard killed mid-write, not resumed).
    public var partialLines = 0
    /// What reconciling the merged RESULTS with the merged store changed (its lines come from the rows).
    public var reconciliation = ReconciliationCounts()
    /// Cross-document findings over the merged store (empty when analysis is off).
    public var analysis: [CrossDocumentFinding] = []

    /// An empty summary.
    public init() {}
}

/// Joins shard audit stores and shard results files into one store and one RESULTS file.
///
/// 1. Each shard store's rows are copied into the merged store; a row whose path and SHA-256 (or record id)
///    are already there is a duplicate and left out; a row for a path present with other bytes replaces it
///    only if it was scanned later.
/// 2. Each shard results file is read: a line whose file has no row yet gives a row (for shards whose store
///    was lost). Shard files are only read, never changed.
/// 3. The merged RESULTS is reconciled with the merged store (``ResultsReconciliation``): every row's line,
///    once. Running the same merge again changes nothing; a killed merge is finished by running it again.
/// 4. Cross-document analysis runs over the merged store.
///
/// Memory O(longest line); time O(rows × log rows).
public enum AuditMerge {
    static let columns = """
        recordID, gate, path, sha256, engineVersion, watchlistVersion, policyVersion, scannedAt, verdict, findings, result, \
        format, documentCode, issuingState, documentNumber, documentNumberValid, surname, givenNames, holderName, birthDate, \
        nationality, sex, expiryDate, errorCode
        """

    /// Merges `stores` and `results` into the store at `storePath` and the RESULTS file at `resultsPath`
    /// (both created if missing).
    public static func merge(stores: [String], results: [String], intoStore storePath: String, resultsPath: String,
                             analyses: Bool = true, now: @escaping @Sendable () -> Date = { Date() }) throws(BatchError) -> MergeSummary {
        var summary = MergeSummary()
        let merged = try AuditStore(path: storePath)
        for shardPath in stores {
            // Opening migrates the shard to this schema version, so the columns agree.
            _ = try AuditStore(path: shardPath)
            try copyRows(from: shardPath, into: merged, summary: &summary)
        }
        let unknown = AuditVersions(engine: "unknown", watchlist: "unknown", policy: "unknown")
        for shardResults in results {
            try importLines(from: shardResults, into: merged, versions: unknown, now: now, summary: &summary)
        }
        let out = try ResultsFile.opening(path: resultsPath)
        summary.reconciliation = try ResultsReconciliation.reconcile(results: out, store: merged, versions: unknown, now: now)
        if analyses { summary.analysis = try CrossDocumentAnalysis.run(on: merged, now: now) }
        return summary
    }

    static func copyRows(from shardPath: String, into merged: AuditStore, summary: inout MergeSummary) throws(BatchError) {
        let counts = try merged.withWriter { db -> (Int, Int, Int) in
            try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [shardPath])
            defer { try? db.execute(sql: "DETACH DATABASE shard") }
            var counts = (0, 0, 0)
            try db.inTransaction {
                let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.scan") ?? 0
                let shardRows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM shard.scan") ?? 0
                // Same path, other bytes, scanned later in the shard: the merged row gives way.
                try db.execute(sql: """
                    DELETE FROM main.scan WHERE gate IS NULL AND EXISTS (
                        SELECT 1 FROM shard.scan s WHERE s.gate IS NULL AND s.path = main.scan.path
                        AND s.sha256 IS NOT main.scan.sha256 AND s.scannedAt > main.scan.scannedAt AND s.recordID != main.scan.recordID)
                    """)
                let replaced = db.changesCount
                try db.execute(sql: "INSERT OR IGNORE INTO main.scan(\(columns)) SELECT \(columns) FROM shard.scan ORDER BY id")
                let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM main.scan") ?? 0
                let added = after - before + replaced
                // Shard rows that lost to a later scan of other bytes.
                let lost = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM shard.scan s JOIN main.scan m ON m.gate IS NULL AND s.gate IS NULL AND m.path = s.path
                    WHERE s.sha256 IS NOT m.sha256
                    """) ?? 0
                counts = (added, shardRows - added - lost, lost + replaced)
                return .commit
            }
            return counts
        }
        summary.rowsAdded += counts.0
        summary.duplicateRows += counts.1
        summary.pathConflicts += counts.2
    }

    static func importLines(from path: String, into store: AuditStore, versions: AuditVersions, now: @Sendable () -> Date,
                            summary: inout MergeSummary) throws(BatchError) {
        let reader: LineReader
        switch LineReader.opening(path: path) {
        case .success(let r): reader = r
        case .failure(let error): throw .results(path: path, operation: "open", error: error)
        }
        var rows = 0
        var partial = 0
        try store.withWriter { db in
            try db.inTransaction {
                while let line = reader.next() {
                    if !reader.lastLineComplete {
                        partial += 1
                        break
                    }
                    if line.allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
                    guard let file = ResultLine.quickFile(of: line) else { throw BatchError.resultsCorrupt(path: path, line: reader.lineNumber) }
                    let stored = try Bool.fetchOne(db, sql: "SELECT 1 FROM scan WHERE gate IS NULL AND path = ?", arguments: [file]) ?? false
                    if stored { continue }
                    guard let record = ResultLine.record(line: line, sha256: SHA256Digest.hex(fileAt: file), versions: versions,
                                                         scannedAt: AuditTime.text(now())) else {
                        throw BatchError.resultsCorrupt(path: path, line: reader.lineNumber)
                    }
                    try record.insert(db, onConflict: .ignore)
                    rows += 1
                }
                if let error = reader.readError { throw BatchError.results(path: path, operation: "read", error: Errno(error)) }
                return .commit
            }
        }
        summary.rowsFromLines += rows
        summary.partialLines += partial
    }
}

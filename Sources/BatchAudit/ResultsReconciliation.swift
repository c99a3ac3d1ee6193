import Foundation
import GRDB

/// What making RESULTS and the audit store agree changed.
public struct ReconciliationCounts: Sendable, Hashable {
    /// Bytes of an unterminated last line that were cut (a kill during a write).
    public var cutBytes = 0
    /// Rows that had no line: their stored line was appended (a kill between the commit and the write).
    public var restoredLines = 0
    /// Lines that had no row: a row was made from the line (a store that lost its last commits, or results
    /// merged without their store). Its `sha256` is that of the file as it is now.
    public var restoredRows = 0
    /// Lines for a file that already had a line. DocScreen never writes these; they are counted, not removed.
    public var duplicateLines = 0
    /// Complete lines read.
    public var linesRead = 0

    /// Nothing changed yet.
    public init() {}
}

/// Makes RESULTS and the audit store hold the same files, each once.
///
/// The invariant the batch keeps (see ``BatchRunner``) is that a file's row is committed before its line
/// is written, so after any kill: at most one unterminated last line, and rows without lines, never the
/// reverse. Reconciliation handles both directions all the same, so that it also repairs a store that lost
/// its last commits in an OS crash and joins results whose store is gone (``AuditMerge``).
///
/// Memory: O(longest line); the set of files seen in RESULTS is an SQLite temporary table (spilled to disk).
/// Time: O(lines × log rows).
enum ResultsReconciliation {
    static func reconcile(results: ResultsFile, store: AuditStore, versions: AuditVersions,
                          now: @Sendable () -> Date) throws(BatchError) -> ReconciliationCounts {
        var counts = ReconciliationCounts()
        counts.cutBytes = try results.removePartialLastLine()
        let reader: LineReader
        switch LineReader.opening(path: results.path) {
        case .success(let r): reader = r
        case .failure(let error): throw .results(path: results.path, operation: "open", error: error)
        }
        let path = results.path
        try store.withWriter { db in
            try db.execute(sql: "DROP TABLE IF EXISTS temp.resultsSeen")
            try db.execute(sql: "CREATE TEMP TABLE resultsSeen(path TEXT PRIMARY KEY)")
            try db.inTransaction {
                while let line = reader.next() {
                    if line.allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
                    guard let file = ResultLine.quickFile(of: line) else { throw BatchError.resultsCorrupt(path: path, line: reader.lineNumber) }
                    counts.linesRead += 1
                    try db.execute(sql: "INSERT OR IGNORE INTO temp.resultsSeen(path) VALUES (?)", arguments: [file])
                    if db.changesCount == 0 {
                        counts.duplicateLines += 1
                        continue
                    }
                    let stored = try Bool.fetchOne(db, sql: "SELECT 1 FROM scan WHERE gate IS NULL AND path = ?", arguments: [file]) ?? false
                    if !stored {
                        guard let record = ResultLine.record(line: line, sha256: SHA256Digest.hex(fileAt: file), versions: versions,
                                                             scannedAt: AuditTime.text(now())) else {
                            throw BatchError.resultsCorrupt(path: path, line: reader.lineNumber)
                        }
                        try record.insert(db, onConflict: .ignore)
                        counts.restoredRows += 1
                    }
                }
                if let error = reader.readError { throw BatchError.results(path: path, operation: "read", error: Errno(error)) }
                return .commit
            }
            let missing = try String.fetchCursor(db, sql: """
                SELECT result FROM scan WHERE gate IS NULL AND path NOT IN (SELECT path FROM temp.resultsSeen) ORDER BY path
                """)
            while let line = try missing.next() {
                var bytes = Array(line.utf8)
                bytes.append(UInt8(ascii: "\n"))
                try results.append(bytes)
                counts.restoredLines += 1
            }
            try db.execute(sql: "DROP TABLE temp.resultsSeen")
        }
        try results.sync()
        return counts
    }
}

extension ResultLine {
    /// The `file` of a line: a quick look for the top-level `"file":"…"` (keys are sorted, so only `error`,
    /// whose object has no `file` key, comes first), else a full decode; `nil` when it is not a result object.
    static func quickFile(of line: [UInt8]) -> String? {
        let key = Array(#""file":""#.utf8)
        guard line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}"),
              let start = line.firstRange(of: key)?.upperBound else { return file(of: line) }
        var i = start
        var escaped = false
        while i < line.count {
            let byte = line[i]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                let quoted = Array(line[(start - 1)...i])
                return (try? JSONDecoder().decode(String.self, from: Data(quoted))) ?? file(of: line)
            }
            i += 1
        }
        return file(of: line)
    }
}

import Foundation
import GRDB
import Screening

/// A page of the outbox: rows the centre has not acknowledged yet, oldest first.
public struct OutboxBatch: Sendable, Hashable {
    /// Scan rows, in outbox order.
    public var scans: [AuditRecord]
    /// Decision rows, in outbox order.
    public var decisions: [DecisionRecord]
    /// The outbox positions of the rows above (to acknowledge them).
    public var sequence: [Int64]

    /// Whether the page holds nothing.
    public var isEmpty: Bool { sequence.isEmpty }
}

/// One gate scan as the gate's record list gives it.
public struct GateRecordEntry: Sendable, Hashable {
    /// The scan row.
    public var record: AuditRecord
    /// The latest officer decision on it, if any.
    public var decision: DecisionRecord?
}

/// What receiving a batch of rows stored (the centre side).
public struct IngestCounts: Sendable, Hashable, Codable {
    /// Scan rows new to the store.
    public var scansStored: Int
    /// Decision rows new to the store.
    public var decisionsStored: Int
    /// Rows already there (sent again after a lost acknowledgement): left as they were.
    public var duplicates: Int

    /// Counts from their parts.
    public init(scansStored: Int = 0, decisionsStored: Int = 0, duplicates: Int = 0) {
        self.scansStored = scansStored
        self.decisionsStored = decisionsStored
        self.duplicates = duplicates
    }
}

/// The gate service's use of the audit store: each scan and decision is a row and an outbox entry, written in one
/// transaction, so that what is in the store is what will reach the centre.
extension AuditStore {
    /// The audit row of a gate scan: the result's JSON object becomes `result`, the MRZ fields become columns.
    /// `label` is the row's `path` (the uploaded file's name or the watched folder's file). O(result).
    public static func gateRecord(of result: ScanResult, gate: String, sha256: String?, versions: AuditVersions,
                                  scannedAt: Date) -> AuditRecord? {
        guard let line = try? ResultLine.encode(result) else { return nil }
        return ResultLine.record(line: line, sha256: sha256, versions: versions, scannedAt: AuditTime.text(scannedAt), gate: gate)
    }

    /// Stores a gate scan and queues it for the centre, in one transaction. O(log rows).
    public func recordGateScan(_ record: AuditRecord) throws(BatchError) {
        do {
            try pool.write { db in
                try record.insert(db)
                try db.execute(sql: "INSERT INTO outbox (kind, itemID) VALUES ('scan', ?)", arguments: [record.recordID])
            }
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }

    /// Stores an officer decision and queues it for the centre, in one transaction; `false` (nothing written)
    /// when the store has no gate scan `decision.recordID`. O(log rows).
    public func recordDecision(_ decision: DecisionRecord) throws(BatchError) -> Bool {
        do {
            return try pool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM scan WHERE recordID = ?", arguments: [decision.recordID]) ?? false else {
                    return false
                }
                try decision.insert(db)
                try db.execute(sql: "INSERT INTO outbox (kind, itemID) VALUES ('decision', ?)", arguments: [decision.decisionID])
                return true
            }
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }

    /// The oldest `limit` outbox entries with their rows: three queries (the page, its scans, its decisions).
    /// O(limit × log rows).
    public func outbox(limit: Int) throws(BatchError) -> OutboxBatch {
        try withReader { db in
            let page = try Row.fetchAll(db, sql: "SELECT seq, kind, itemID FROM outbox ORDER BY seq LIMIT ?", arguments: [max(1, limit)])
            func ids(_ kind: String) -> [String] { page.filter { $0["kind"] as String == kind }.map { $0["itemID"] } }
            func placeholders(_ n: Int) -> String { Array(repeating: "?", count: n).joined(separator: ",") }
            let scanIDs = ids("scan"), decisionIDs = ids("decision")
            var scans: [String: AuditRecord] = [:]
            if !scanIDs.isEmpty {
                for scan in try AuditRecord.fetchAll(db, sql: "SELECT * FROM scan WHERE recordID IN (\(placeholders(scanIDs.count)))",
                                                     arguments: StatementArguments(scanIDs)) {
                    scans[scan.recordID] = scan
                }
            }
            var decisions: [String: DecisionRecord] = [:]
            if !decisionIDs.isEmpty {
                for decision in try DecisionRecord.fetchAll(db, sql: "SELECT * FROM decision WHERE decisionID IN (\(placeholders(decisionIDs.count)))",
                                                            arguments: StatementArguments(decisionIDs)) {
                    decisions[decision.decisionID] = decision
                }
            }
            var batch = OutboxBatch(scans: [], decisions: [], sequence: [])
            batch.scans.reserveCapacity(scanIDs.count)
            for row in page {
                let id: String = row["itemID"]
                if let scan = scans[id] { batch.scans.append(scan) } else if let decision = decisions[id] { batch.decisions.append(decision) }
                batch.sequence.append(row["seq"])
            }
            return batch
        }
    }

    /// Removes acknowledged outbox entries, in one statement. O(entries × log rows).
    public func acknowledge(sequence: [Int64]) throws(BatchError) {
        guard !sequence.isEmpty else { return }
        try withWriter { db in
            try db.execute(sql: "DELETE FROM outbox WHERE seq IN (\(Array(repeating: "?", count: sequence.count).joined(separator: ",")))",
                           arguments: StatementArguments(sequence))
        }
    }

    /// Entries waiting in the outbox. O(entries).
    public func outboxCount() throws(BatchError) -> Int {
        try withReader { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// The gate scan `recordID` with its latest decision, or `nil`. O(log rows).
    public func gateRecord(id recordID: String) throws(BatchError) -> GateRecordEntry? {
        try withReader { db in
            guard let record = try AuditRecord.fetchOne(db, sql: "SELECT * FROM scan WHERE recordID = ?", arguments: [recordID]) else { return nil }
            return GateRecordEntry(record: record, decision: try Self.latestDecision(db, recordID: recordID))
        }
    }

    /// Gate scans stored after the scan `after` (all from the first when `nil`), oldest first, at most `limit`;
    /// `nil` when `after` names no scan. O(limit × log rows).
    public func gateRecords(after: String?, limit: Int) throws(BatchError) -> [GateRecordEntry]? {
        try withReader { db in
            var start: Int64 = 0
            if let after {
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM scan WHERE recordID = ?", arguments: [after]) else { return nil }
                start = id
            }
            let records = try AuditRecord.fetchAll(db, sql: "SELECT * FROM scan WHERE gate IS NOT NULL AND id > ? ORDER BY id LIMIT ?",
                                                   arguments: [start, max(0, limit)])
            return try records.map { GateRecordEntry(record: $0, decision: try Self.latestDecision(db, recordID: $0.recordID)) }
        }
    }

    /// The newest gate scan's record id, or `nil`. O(log rows).
    public func lastGateRecordID() throws(BatchError) -> String? {
        try withReader { db in try String.fetchOne(db, sql: "SELECT recordID FROM scan WHERE gate IS NOT NULL ORDER BY id DESC LIMIT 1") }
    }

    static func latestDecision(_ db: Database, recordID: String) throws -> DecisionRecord? {
        try DecisionRecord.fetchOne(db, sql: "SELECT * FROM decision WHERE recordID = ? ORDER BY decidedAt DESC, id DESC LIMIT 1",
                                    arguments: [recordID])
    }

    /// Stores rows received from a gate, each at most once: a scan whose `recordID` or a decision whose
    /// `decisionID` is already stored is counted as a duplicate and left as it was. One transaction.
    /// O(rows × log rows).
    public func ingest(scans: [AuditRecord], decisions: [DecisionRecord]) throws(BatchError) -> IngestCounts {
        do {
            return try pool.write { db in
                var counts = IngestCounts()
                for scan in scans {
                    try scan.insert(db, onConflict: .ignore)
                    if db.changesCount > 0 { counts.scansStored += 1 } else { counts.duplicates += 1 }
                }
                for decision in decisions {
                    try decision.insert(db, onConflict: .ignore)
                    if db.changesCount > 0 { counts.decisionsStored += 1 } else { counts.duplicates += 1 }
                }
                return counts
            }
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }

    /// Scan rows by gate (gate rows only). O(rows).
    public func recordsByGate() throws(BatchError) -> [String: Int] {
        try withReader { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT gate, COUNT(*) AS n FROM scan WHERE gate IS NOT NULL GROUP BY gate") {
                out[row["gate"] as String] = row["n"]
            }
            return out
        }
    }

    /// Every scan row's record id (tests and audits of exactly-once delivery). O(rows).
    public func allRecordIDs() throws(BatchError) -> [String] {
        try withReader { db in try String.fetchAll(db, sql: "SELECT recordID FROM scan ORDER BY id") }
    }
}

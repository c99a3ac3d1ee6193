import BatchAudit

/// What a gate sends the centre in one `POST /api/v1/records`: its outbox rows, oldest first.
///
/// Receiving is idempotent by ``AuditRecord/recordID`` and ``DecisionRecord/decisionID``, so a gate resends a
/// batch whose receipt it did not get (at-least-once sending, exactly-once storing).
public struct RecordBatch: Sendable, Hashable, Codable {
    /// The sending gate; every row's `gate` must be this one.
    public var gate: String
    /// Scan rows.
    public var scans: [AuditRecord]
    /// Officer decisions.
    public var decisions: [DecisionRecord]

    /// A batch from its parts.
    public init(gate: String, scans: [AuditRecord], decisions: [DecisionRecord]) {
        self.gate = gate
        self.scans = scans
        self.decisions = decisions
    }

    enum CodingKeys: String, CodingKey { case gate, scans, decisions }

    /// Decodes a batch, refusing keys other than `gate`, `scans` and `decisions`.
    public init(from decoder: any Decoder) throws {
        try UnknownKeys.refuse(in: decoder, allowed: ["gate", "scans", "decisions"])
        let container = try decoder.container(keyedBy: CodingKeys.self)
        gate = try container.decode(String.self, forKey: .gate)
        scans = try container.decode([AuditRecord].self, forKey: .scans)
        decisions = try container.decode([DecisionRecord].self, forKey: .decisions)
    }
}

/// The centre's answer to a ``RecordBatch``: every row of it is stored (now or before).
public struct RecordReceipt: Sendable, Hashable, Codable {
    /// Rows in the batch.
    public var received: Int
    /// Scan rows new to the centre.
    public var scansStored: Int
    /// Decision rows new to the centre.
    public var decisionsStored: Int
    /// Rows the centre already held (a resent batch).
    public var duplicates: Int

    /// A receipt from its parts.
    public init(received: Int, scansStored: Int, decisionsStored: Int, duplicates: Int) {
        self.received = received
        self.scansStored = scansStored
        self.decisionsStored = decisionsStored
        self.duplicates = duplicates
    }
}

/// The centre's record counts (`GET /api/v1/stats`).
public struct CentreStats: Sendable, Hashable, Codable {
    /// Scan records held.
    public var records: Int
    /// Scan records by gate.
    public var byGate: [String: Int]
    /// Officer decisions held.
    public var decisions: Int

    /// Counts from their parts.
    public init(records: Int, byGate: [String: Int], decisions: Int) {
        self.records = records
        self.byGate = byGate
        self.decisions = decisions
    }
}

/// Why a batch is refused before anything is stored.
public enum RecordBatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A row names another gate than the one whose token sent the batch (`field` is the JSON path): 403.
    case foreignGate(field: String, expected: String, found: String?)
    /// A row's identifier is not a UUID (`field` is the JSON path).
    case invalidIdentifier(field: String, found: String)
    /// A row's column does not hold what a DocScreen scan writes there (`field` is the JSON path).
    case invalidContent(field: String, reason: String)
    /// More rows than the centre takes in one request.
    case tooManyRows(limit: Int, found: Int)

    /// The JSON path of the field at fault.
    public var field: String {
        switch self {
        case .foreignGate(let field, _, _), .invalidIdentifier(let field, _), .invalidContent(let field, _): field
        case .tooManyRows: "scans"
        }
    }

    /// The refusal as one line naming the field.
    public var description: String {
        switch self {
        case .foreignGate(let field, let expected, let found): "\(field): gate \(found ?? "null") is not the sending gate \(expected)"
        case .invalidIdentifier(let field, let found): "\(field): \(found.count > 40 ? String(found.prefix(40)) + "…" : found) is not a UUID"
        case .invalidContent(let field, let reason): "\(field): \(reason)"
        case .tooManyRows(let limit, let found): "scans + decisions: \(found) rows, at most \(limit) per request"
        }
    }
}

extension RecordBatch {
    /// The number of rows.
    public var rowCount: Int { scans.count + decisions.count }

    /// Checks that the batch may be stored for `gate`: every row is that gate's and every identifier a UUID.
    /// O(rows).
    public func validate(sentBy gate: String, maximumRows: Int) throws(RecordBatchError) {
        guard rowCount <= maximumRows else { throw .tooManyRows(limit: maximumRows, found: rowCount) }
        guard self.gate == gate else { throw .foreignGate(field: "gate", expected: gate, found: self.gate) }
        for (i, scan) in scans.enumerated() {
            guard scan.gate == gate else { throw .foreignGate(field: "scans[\(i)].gate", expected: gate, found: scan.gate) }
            guard UUIDText.isValid(scan.recordID) else { throw .invalidIdentifier(field: "scans[\(i)].recordID", found: scan.recordID) }
            try RecordContent.check(scan, field: "scans[\(i)]")
        }
        for (i, decision) in decisions.enumerated() {
            guard decision.gate == gate else { throw .foreignGate(field: "decisions[\(i)].gate", expected: gate, found: decision.gate) }
            guard UUIDText.isValid(decision.decisionID) else { throw .invalidIdentifier(field: "decisions[\(i)].decisionID", found: decision.decisionID) }
            guard UUIDText.isValid(decision.recordID) else { throw .invalidIdentifier(field: "decisions[\(i)].recordID", found: decision.recordID) }
        }
    }
}

/// UUIDs as the records carry them: 36 characters, hexadecimal digits in groups 8-4-4-4-12.
public enum UUIDText {
    /// Whether `text` is a UUID in text form (either case). O(1).
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard b == UInt8(ascii: "-") else { return false }
            } else {
                let hex = (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102)
                guard hex else { return false }
            }
        }
        return true
    }
}

/// What the centre checks of a scan row's content before storing it: the verdict, which every count of the reports
/// groups by. The findings and the scan object are stored as sent (the reports count only findings that are objects
/// with a code and a severity).
enum RecordContent {
    static let verdicts: Set<String> = ["clear", "refer", "alert"]

    static func check(_ scan: AuditRecord, field: String) throws(RecordBatchError) {
        guard verdicts.contains(scan.verdict) else { throw .invalidContent(field: field + ".verdict", reason: "clear, refer or alert") }
    }
}

import Foundation
import GRDB

/// What the officer at a gate decided about a screened document.
public enum OfficerDecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// The holder was admitted.
    case admitted
    /// The holder was referred to second-line inspection.
    case referred
    /// The holder was refused entry.
    case refused
}

/// One officer decision on a gate's scan (table `decision`). A record may have several decisions (a referral,
/// then the second line's outcome); the latest `decidedAt` stands.
public struct DecisionRecord: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    /// The table.
    public static let databaseTableName = "decision"

    /// The decision's UUID, upper-case text: the key that makes receiving it idempotent.
    public var decisionID: String
    /// The ``AuditRecord/recordID`` of the scan decided on.
    public var recordID: String
    /// The gate whose officer decided.
    public var gate: String?
    /// The decision.
    public var decision: OfficerDecision
    /// The officer's note (may be empty). Free text: it stays in the gate's store and the centre's, never in logs.
    public var note: String
    /// When the decision was recorded: ISO 8601, UTC, milliseconds.
    public var decidedAt: String

    /// A decision from its parts.
    public init(decisionID: String = UUID().uuidString, recordID: String, gate: String?, decision: OfficerDecision, note: String,
                decidedAt: String) {
        self.decisionID = decisionID
        self.recordID = recordID
        self.gate = gate
        self.decision = decision
        self.note = note
        self.decidedAt = decidedAt
    }
}

/// The audit store's timestamps for other modules: ISO 8601 in UTC with milliseconds.
public enum AuditTimestamp {
    /// `date` as the store writes it (`2026-11-22T09:15:02.120Z`).
    public static func text(_ date: Date) -> String { AuditTime.text(date) }
}

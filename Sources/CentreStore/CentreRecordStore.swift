import AuditReport
import BatchAudit
import RecordExchange

/// Why the centre's store failed (the service answers 503 and the gate sends again later).
public enum CentreStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The store could not be opened or its schema created.
    case open(location: String, message: String)
    /// A query failed.
    case query(message: String)
    /// The `--db` value is neither `postgres://…` / `postgresql://…` nor a file path.
    case invalidLocation(String)

    /// The failure as one line (never with row contents).
    public var description: String {
        switch self {
        case .open(let location, let message): "centre store \(location): \(message)"
        case .query(let message): "centre store query failed: \(message)"
        case .invalidLocation(let text): "centre store location \(text) is neither postgres://… nor a file path"
        }
    }
}

/// The centre's record store: every gate's scans and decisions, each exactly once (by its UUID), whatever is
/// resent. Implementations: ``SQLiteCentreStore`` (the embedded default) and ``PostgresCentreStore``.
public protocol CentreRecordStore: Sendable {
    /// Stores a gate's batch in one transaction; rows already held count as duplicates. The batch has been
    /// validated (``RecordBatch/validate(sentBy:maximumRows:)``).
    func ingest(_ batch: RecordBatch) async throws(CentreStoreError) -> IngestCounts
    /// Record counts, in total and by gate.
    func stats() async throws(CentreStoreError) -> CentreStats
    /// Every scan record's UUID (audits and tests of exactly-once delivery). O(rows).
    func recordIDs() async throws(CentreStoreError) -> [String]
    /// The trend report over every gate's records.
    func report(options: ReportOptions) async throws(CentreStoreError) -> ReportData
    /// Releases connections.
    func close() async
}

/// Opens the store `location` names: `postgres://` or `postgresql://` URLs open ``PostgresCentreStore``, anything
/// else is an SQLite file for ``SQLiteCentreStore``.
public enum CentreStoreLocation {
    /// Whether `location` is a PostgreSQL URL.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Opens (and creates the schema of) the store at `location`.
    public static func open(_ location: String) async throws(CentreStoreError) -> any CentreRecordStore {
        if isPostgres(location) { return try await PostgresCentreStore(url: location) }
        guard !location.isEmpty, !location.contains("://") else { throw .invalidLocation(location) }
        return try SQLiteCentreStore(path: location)
    }
}

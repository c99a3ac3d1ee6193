import AuditReport
import BatchAudit
import GRDB
import RecordExchange

/// The centre's embedded store: an SQLite file with the audit store's schema (``AuditStore``), gate rows unique
/// by record UUID, decisions by decision UUID.
public final class SQLiteCentreStore: CentreRecordStore {
    let store: AuditStore

    /// Opens (creating and migrating) the SQLite file at `path`.
    public init(path: String) throws(CentreStoreError) {
        do {
            store = try AuditStore(path: path)
        } catch {
            throw .open(location: path, message: "\(error)")
        }
    }

    public func ingest(_ batch: RecordBatch) async throws(CentreStoreError) -> IngestCounts {
        do {
            return try store.ingest(scans: batch.scans, decisions: batch.decisions)
        } catch {
            throw .query(message: "\(error)")
        }
    }

    public func stats() async throws(CentreStoreError) -> CentreStats {
        do {
            let byGate = try store.recordsByGate()
            let decisions = try store.readDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM decision") ?? 0 }
            return CentreStats(records: byGate.values.reduce(0, +), byGate: byGate, decisions: decisions)
        } catch {
            throw .query(message: "\(error)")
        }
    }

    public func recordIDs() async throws(CentreStoreError) -> [String] {
        do {
            return try store.allRecordIDs()
        } catch {
            throw .query(message: "\(error)")
        }
    }

    public func report(options: ReportOptions) async throws(CentreStoreError) -> ReportData {
        do {
            return try ReportData(store: store, options: options)
        } catch {
            throw .query(message: "\(error)")
        }
    }

    public func close() async {}
}

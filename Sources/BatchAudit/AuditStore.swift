import Foundation
import GRDB

/// The audit store: an SQLite database (through GRDB, WAL mode) holding one ``AuditRecord`` per screened
/// file (table `scan`) and the cross-document findings (table `analysis`).
///
/// The schema is versioned by a `DatabaseMigrator` from its first version (`v1`); opening a store migrates it
/// forward, and a store with migrations this version does not know is refused. Batch rows (`gate IS NULL`)
/// are unique by `path`. Indexes: `recordID`, `(issuingState, documentNumber)`, `birthDate`.
/// Thread-safe: reads run concurrently with the single writer.
public final class AuditStore: Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens the store at `path`, creating and migrating it as needed.
    public init(path: String) throws(BatchError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // In WAL mode a commit survives the process being killed; an OS crash may lose the last commits,
            // which reconciliation then restores from the RESULTS lines.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .store(path: path, message: "\(error)")
        }
        let migrator = Self.migrator
        let unknown: [String]
        do {
            unknown = try pool.read { db -> [String] in
                guard try db.tableExists("grdb_migrations") else { return [] }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                return applied.filter { !migrator.migrations.contains($0) }
            }
        } catch {
            throw .store(path: path, message: "\(error)")
        }
        guard unknown.isEmpty else { throw .storeTooNew(path: path, unknownMigrations: unknown) }
        do {
            try migrator.migrate(pool)
        } catch {
            throw .store(path: path, message: "migration failed: \(error)")
        }
    }

    /// The schema's migrations, in order. Add new ones at the end; never change a published one.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "scan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("recordID", .text).notNull().unique()
                t.column("gate", .text)
                t.column("path", .text).notNull()
                t.column("sha256", .text)
                t.column("engineVersion", .text).notNull()
                t.column("watchlistVersion", .text).notNull()
                t.column("policyVersion", .text).notNull()
                t.column("scannedAt", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("findings", .text).notNull()
                t.column("result", .text).notNull()
                t.column("format", .text)
                t.column("documentCode", .text)
                t.column("issuingState", .text)
                t.column("documentNumber", .text)
                t.column("documentNumberValid", .boolean)
                t.column("surname", .text)
                t.column("givenNames", .text)
                t.column("holderName", .text)
                t.column("birthDate", .text)
                t.column("nationality", .text)
                t.column("sex", .text)
                t.column("expiryDate", .text)
                t.column("errorCode", .text)
            }
            try db.execute(sql: "CREATE UNIQUE INDEX scan_batch_path ON scan(path) WHERE gate IS NULL")
            try db.execute(sql: "CREATE INDEX scan_document ON scan(issuingState, documentNumber)")
            try db.execute(sql: "CREATE INDEX scan_birth_date ON scan(birthDate)")
            try db.execute(sql: "CREATE INDEX scan_scanned_at ON scan(scannedAt)")
            try db.create(table: "analysis") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("code", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("field", .text)
                t.column("message", .text).notNull()
                t.column("evidence", .text)
                t.column("subject", .text).notNull()
                t.column("recordIDs", .text).notNull()
                t.column("paths", .text).notNull()
                t.column("analysedAt", .text).notNull()
            }
        }
        // v2: the gate service's officer decisions and the outbox of rows not yet acknowledged by the centre.
        migrator.registerMigration("v2") { db in
            try db.create(table: "decision") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("decisionID", .text).notNull().unique()
                t.column("recordID", .text).notNull().indexed()
                t.column("gate", .text)
                t.column("decision", .text).notNull()
                t.column("note", .text).notNull()
                t.column("decidedAt", .text).notNull()
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("kind", .text).notNull()
                t.column("itemID", .text).notNull().unique()
            }
        }
        return migrator
    }

    /// Whether a batch row exists for `path`. O(log rows).
    public func contains(path: String) throws(BatchError) -> Bool {
        do {
            return try pool.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM scan WHERE gate IS NULL AND path = ?", arguments: [path]) ?? false
            }
        } catch {
            throw .store(path: self.path, message: "\(error)")
        }
    }

    /// Inserts `records` in one transaction, leaving out those whose batch path is already stored; returns,
    /// for each record, whether it was inserted. O(records × log rows).
    @discardableResult
    public func insert(_ records: [AuditRecord]) throws(BatchError) -> [Bool] {
        guard !records.isEmpty else { return [] }
        do {
            return try pool.write { db in
                var inserted: [Bool] = []
                inserted.reserveCapacity(records.count)
                for record in records {
                    try record.insert(db, onConflict: .ignore)
                    inserted.append(db.changesCount > 0)
                }
                return inserted
            }
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }

    /// Every batch row, ordered by path. O(rows) memory: for tests and small stores.
    public func batchRecords() throws(BatchError) -> [AuditRecord] {
        do {
            return try pool.read { db in
                try AuditRecord.fetchAll(db, sql: "SELECT * FROM scan WHERE gate IS NULL ORDER BY path")
            }
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }

    /// The number of rows (batch and gate). O(rows).
    public func recordCount() throws(BatchError) -> Int {
        do {
            return try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scan") ?? 0 }
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }

    /// Runs `body` on the writer connection outside a transaction, mapping failures to ``BatchError/store(path:message:)``.
    func withWriter<T>(_ body: (Database) throws -> T) throws(BatchError) -> T {
        do {
            return try pool.writeWithoutTransaction(body)
        } catch let error as BatchError {
            throw error
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }

    /// Runs `body` on a reader connection, mapping failures to ``BatchError/store(path:message:)``.
    func withReader<T>(_ body: (Database) throws -> T) throws(BatchError) -> T {
        do {
            return try pool.read(body)
        } catch let error as BatchError {
            throw error
        } catch {
            throw .store(path: path, message: "\(error)")
        }
    }
}

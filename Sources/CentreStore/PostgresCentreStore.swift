import AuditReport
import BatchAudit
import Foundation
import Logging
import PostgresNIO
import RecordExchange

/// The centre's store for a national deployment: PostgreSQL through postgres-nio's connection pool.
///
/// Tables `docscreen_scan` and `docscreen_decision` (by default) mirror the audit store's `scan` and `decision`; their UUID
/// columns are primary keys, and every insert is `ON CONFLICT DO NOTHING`, so a resent batch (or two gates racing)
/// stores each row exactly once. A batch is one transaction with one multi-row `INSERT` per table.
public final class PostgresCentreStore: CentreRecordStore {
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger
    /// The URL without its password, for messages.
    public let location: String
    let scanTable: String
    let decisionTable: String

    /// Connects to `url` (`postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or `postgres://USER@/DATABASE?host=/run/postgresql`
    /// for a Unix socket) and creates the tables `PREFIXscan` and `PREFIXdecision` if they are missing. `tablePrefix` is
    /// lower-case letters, digits and `_` (another prefix keeps a second store in the same database).
    public init(url: String, tablePrefix: String = "docscreen_", logger: Logger = Logger(label: "docscreen.centre.postgres")) async throws(CentreStoreError) {
        let (configuration, redacted) = try Self.configuration(url: url)
        guard !tablePrefix.isEmpty, tablePrefix.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else {
            throw .open(location: redacted, message: "table prefix must be a-z, 0-9 and _")
        }
        scanTable = tablePrefix + "scan"
        decisionTable = tablePrefix + "decision"
        location = redacted
        self.logger = logger
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await createSchema()
        } catch {
            runner.cancel()
            throw .open(location: redacted, message: Self.describe(error))
        }
    }

    /// The client configuration for `url`, and the URL without its password.
    static func configuration(url: String) throws(CentreStoreError) -> (PostgresClient.Configuration, String) {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? "") else {
            throw .invalidLocation(url)
        }
        let user = components.user ?? "postgres"
        let password = components.password
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : nil
        var redacted = components
        if redacted.password != nil { redacted.password = "***" }
        let socket = components.queryItems?.first(where: { $0.name == "host" })?.value
        var configuration: PostgresClient.Configuration
        if let socket, socket.hasPrefix("/") {
            let path = socket.hasSuffix(".s.PGSQL.\(components.port ?? 5432)") ? socket : socket + "/.s.PGSQL.\(components.port ?? 5432)"
            configuration = .init(unixSocketPath: path, username: user, password: password, database: database?.isEmpty == false ? database : nil)
        } else {
            configuration = .init(host: components.host?.isEmpty == false ? components.host! : "127.0.0.1", port: components.port ?? 5432,
                                  username: user, password: password, database: database?.isEmpty == false ? database : nil, tls: .disable)
        }
        configuration.options.maximumConnections = 8
        return (configuration, redacted.string ?? "postgres://")
    }

    func createSchema() async throws {
        _ = try await client.query("""
            CREATE TABLE IF NOT EXISTS \(unescaped: scanTable) (
                id BIGSERIAL UNIQUE,
                record_id TEXT PRIMARY KEY, gate TEXT, path TEXT NOT NULL, sha256 TEXT,
                engine_version TEXT NOT NULL, watchlist_version TEXT NOT NULL, policy_version TEXT NOT NULL,
                scanned_at TEXT NOT NULL, verdict TEXT NOT NULL, findings TEXT NOT NULL, result TEXT NOT NULL,
                format TEXT, document_code TEXT, issuing_state TEXT, document_number TEXT, document_number_valid BOOLEAN,
                surname TEXT, given_names TEXT, holder_name TEXT, birth_date TEXT, nationality TEXT, sex TEXT,
                expiry_date TEXT, error_code TEXT,
                received_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """, logger: logger)
        _ = try await client.query("CREATE INDEX IF NOT EXISTS \(unescaped: scanTable)_gate ON \(unescaped: scanTable) (gate)", logger: logger)
        // The scan objects are large (tens of KB): LZ4 compresses them several times faster than the default pglz.
        // A server built without LZ4 (before PostgreSQL 14) keeps its default.
        _ = try? await client.query("ALTER TABLE \(unescaped: scanTable) ALTER COLUMN result SET COMPRESSION lz4", logger: logger)
        _ = try await client.query("""
            CREATE TABLE IF NOT EXISTS \(unescaped: decisionTable) (
                id BIGSERIAL UNIQUE,
                decision_id TEXT PRIMARY KEY, record_id TEXT NOT NULL, gate TEXT, decision TEXT NOT NULL,
                note TEXT NOT NULL, decided_at TEXT NOT NULL,
                received_at TIMESTAMPTZ NOT NULL DEFAULT now()
            )
            """, logger: logger)
    }

    static let scanColumns = """
        record_id, gate, path, sha256, engine_version, watchlist_version, policy_version, scanned_at, verdict, findings, result, \
        format, document_code, issuing_state, document_number, document_number_valid, surname, given_names, holder_name, \
        birth_date, nationality, sex, expiry_date, error_code
        """

    public func ingest(_ batch: RecordBatch) async throws(CentreStoreError) -> IngestCounts {
        let logger = self.logger
        do {
            return try await client.withTransaction(logger: logger) { connection -> IngestCounts in
                var counts = IngestCounts()
                if !batch.scans.isEmpty {
                    let inserted = try await connection.query(Self.insertScans(batch.scans, table: scanTable), logger: logger).collect().count
                    counts.scansStored = inserted
                    counts.duplicates += batch.scans.count - inserted
                }
                if !batch.decisions.isEmpty {
                    let inserted = try await connection.query(Self.insertDecisions(batch.decisions, table: decisionTable), logger: logger).collect().count
                    counts.decisionsStored = inserted
                    counts.duplicates += batch.decisions.count - inserted
                }
                return counts
            }
        } catch {
            throw .query(message: Self.describe(error))
        }
    }

    /// One `INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING RETURNING 1` for `scans` (24 binds a row).
    static func insertScans(_ scans: [AuditRecord], table: String) -> PostgresQuery {
        var binds = PostgresBindings(capacity: scans.count * 24)
        var rows: [String] = []
        rows.reserveCapacity(scans.count)
        for s in scans {
            let base = binds.count
            rows.append("(" + (1...24).map { "$\(base + $0)" }.joined(separator: ",") + ")")
            binds.append(s.recordID); binds.append(s.gate); binds.append(s.path); binds.append(s.sha256)
            binds.append(s.engineVersion); binds.append(s.watchlistVersion); binds.append(s.policyVersion)
            binds.append(s.scannedAt); binds.append(s.verdict); binds.append(s.findings); binds.append(s.result)
            binds.append(s.format); binds.append(s.documentCode); binds.append(s.issuingState); binds.append(s.documentNumber)
            binds.append(s.documentNumberValid); binds.append(s.surname); binds.append(s.givenNames); binds.append(s.holderName)
            binds.append(s.birthDate); binds.append(s.nationality); binds.append(s.sex); binds.append(s.expiryDate)
            binds.append(s.errorCode)
        }
        let sql = "INSERT INTO \(table) (\(scanColumns)) VALUES \(rows.joined(separator: ",")) ON CONFLICT DO NOTHING RETURNING 1"
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    /// One multi-row insert for `decisions` (6 binds a row).
    static func insertDecisions(_ decisions: [DecisionRecord], table: String) -> PostgresQuery {
        var binds = PostgresBindings(capacity: decisions.count * 6)
        var rows: [String] = []
        for d in decisions {
            let base = binds.count
            rows.append("(" + (1...6).map { "$\(base + $0)" }.joined(separator: ",") + ")")
            binds.append(d.decisionID); binds.append(d.recordID); binds.append(d.gate); binds.append(d.decision.rawValue)
            binds.append(d.note); binds.append(d.decidedAt)
        }
        let sql = """
            INSERT INTO \(table) (decision_id, record_id, gate, decision, note, decided_at) \
            VALUES \(rows.joined(separator: ",")) ON CONFLICT DO NOTHING RETURNING 1
            """
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }

    public func stats() async throws(CentreStoreError) -> CentreStats {
        do {
            var byGate: [String: Int] = [:]
            for try await (gate, n) in try await client.query("SELECT COALESCE(gate, ''), COUNT(*) FROM \(unescaped: scanTable) GROUP BY gate", logger: logger)
                .decode((String, Int64).self) {
                byGate[gate, default: 0] += Int(n)
            }
            var decisions = 0
            for try await n in try await client.query("SELECT COUNT(*) FROM \(unescaped: decisionTable)", logger: logger).decode(Int64.self) {
                decisions = Int(n)
            }
            return CentreStats(records: byGate.values.reduce(0, +), byGate: byGate, decisions: decisions)
        } catch {
            throw .query(message: Self.describe(error))
        }
    }

    public func recordIDs() async throws(CentreStoreError) -> [String] {
        do {
            var ids: [String] = []
            for try await id in try await client.query("SELECT record_id FROM \(unescaped: scanTable) ORDER BY id", logger: logger).decode(String.self) {
                ids.append(id)
            }
            return ids
        } catch {
            throw .query(message: Self.describe(error))
        }
    }

    public func report(options: ReportOptions) async throws(CentreStoreError) -> ReportData {
        var records: [AuditRecord] = []
        do {
            let rows = try await client.query("SELECT \(unescaped: Self.scanColumns) FROM \(unescaped: scanTable) ORDER BY id", logger: logger)
            for try await row in rows {
                let c = row.makeRandomAccess()
                records.append(AuditRecord(
                    recordID: try c[0].decode(String.self), gate: try c[1].decode(String?.self), path: try c[2].decode(String.self),
                    sha256: try c[3].decode(String?.self), engineVersion: try c[4].decode(String.self),
                    watchlistVersion: try c[5].decode(String.self), policyVersion: try c[6].decode(String.self),
                    scannedAt: try c[7].decode(String.self), verdict: try c[8].decode(String.self), findings: try c[9].decode(String.self),
                    result: try c[10].decode(String.self), format: try c[11].decode(String?.self), documentCode: try c[12].decode(String?.self),
                    issuingState: try c[13].decode(String?.self), documentNumber: try c[14].decode(String?.self),
                    documentNumberValid: try c[15].decode(Bool?.self), surname: try c[16].decode(String?.self),
                    givenNames: try c[17].decode(String?.self), holderName: try c[18].decode(String?.self),
                    birthDate: try c[19].decode(String?.self), nationality: try c[20].decode(String?.self), sex: try c[21].decode(String?.self),
                    expiryDate: try c[22].decode(String?.self), errorCode: try c[23].decode(String?.self)))
            }
        } catch {
            throw .query(message: Self.describe(error))
        }
        do {
            return try ReportData(records: records, options: options)
        } catch {
            throw .query(message: "\(error)")
        }
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }

    /// A PostgreSQL error as one line: the server's message and code, never the query's bound values.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            let code = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return message + code
        }
        return String(describing: type(of: error))
    }
}


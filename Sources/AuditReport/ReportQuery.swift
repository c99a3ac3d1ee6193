import BatchAudit
import Findings
import Foundation
import GRDB

/// What a report computes besides the store's contents.
public struct ReportOptions: Sendable, Hashable {
    /// The length of the periods over time; `nil` chooses from the span of scan times (``ReportPeriod/automatic(spanDays:)``).
    public var period: ReportPeriod?
    /// How many cross-document findings ``ReportData/topAnalysis`` lists at most.
    public var analysisLimit: Int

    /// Options from their parts.
    public init(period: ReportPeriod? = nil, analysisLimit: Int = 100) {
        self.period = period
        self.analysisLimit = analysisLimit
    }
}

extension ReportData {
    /// The report of the audit store at `path`, opened read-only: nothing is created, migrated or written, so an
    /// archived store on read-only media can be reported on. O(rows) time in SQLite, O(groups) memory.
    ///
    /// - Throws: ``ReportError/storeNotFound(path:)`` without a file, ``ReportError/notAuditStore(path:reason:)``
    ///   for a file that is not SQLite or not a DocScreen store, ``ReportError/storeTooNew(path:unknownMigrations:)``,
    ///   ``ReportError/query(path:message:)``.
    public init(storeAt path: String, options: ReportOptions = ReportOptions()) throws(ReportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .storeNotFound(path: path) }
        guard !isDirectory.boolValue else { throw .notAuditStore(path: path, reason: "it is a directory") }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw Self.mapped(error, path: path)
        }
        do {
            self = try queue.read { db in
                try Self.checkSchema(db, path: path)
                return try Self(db, options: options)
            }
        } catch {
            throw Self.mapped(error, path: path)
        }
    }

    /// The report of an open audit store (a service that holds one), read in one snapshot. Same numbers as
    /// ``init(storeAt:options:)`` on its file.
    public init(store: AuditStore, options: ReportOptions = ReportOptions()) throws(ReportError) {
        do {
            self = try store.readDatabase { db in try Self(db, options: options) }
        } catch {
            throw .query(path: store.path, message: "\(error)")
        }
    }

    static func mapped(_ error: any Error, path: String) -> ReportError {
        if let error = error as? ReportError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notAuditStore(path: path, reason: "not an SQLite database (\(error.message ?? "\(error.resultCode)"))")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .query(path: path, message: "cannot open: \(error.message ?? "\(error.resultCode)")")
            default: break
            }
        }
        return .query(path: path, message: "\(error)")
    }

    /// Checks that `db` is a DocScreen audit store this version can read: the store's migrations (none unknown,
    /// `v1` applied) and its tables.
    static func checkSchema(_ db: Database, path: String) throws {
        guard try db.tableExists("grdb_migrations") else {
            throw ReportError.notAuditStore(path: path, reason: "no grdb_migrations table (not created by docscreen batch)")
        }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        let known = AuditStore.knownMigrations
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else { throw ReportError.storeTooNew(path: path, unknownMigrations: unknown) }
        guard let first = known.first, applied.contains(first) else {
            throw ReportError.notAuditStore(path: path, reason: "migration \(known.first ?? "v1") not applied")
        }
        for table in ["scan", "analysis"] {
            if try !db.tableExists(table) { throw ReportError.notAuditStore(path: path, reason: "no \(table) table") }
        }
    }

    /// The period key of a row's scan time, as SQL; `NULL` when the scan time does not start with a real date.
    static func periodKey(_ period: ReportPeriod) -> String {
        switch period {
        case .day: "date(substr(scannedAt, 1, 10))"
        case .week: "date(substr(scannedAt, 1, 10), 'weekday 0', '-6 days')"
        case .month: "strftime('%Y-%m', substr(scannedAt, 1, 10))"
        }
    }

    /// The findings of every row whose findings are a JSON array, one SQL row per finding (`f.value`).
    static let findingRows = "scan, json_each(CASE WHEN json_valid(scan.findings) THEN scan.findings ELSE '[]' END) AS f"
    /// A finding's code and severity; `NULL` for an element that is not an object (a store written by something
    /// other than DocScreen), which `json_extract` would refuse as malformed.
    static let findingCode = "(CASE WHEN f.type = 'object' THEN json_extract(f.value, '$.code') END)"
    static let findingSeverity = "(CASE WHEN f.type = 'object' THEN json_extract(f.value, '$.severity') END)"

    /// Computes every aggregate on `db` (an audit store's schema). Runs about a dozen grouped queries.
    init(_ db: Database, options: ReportOptions) throws {
        // Totals.
        var totals = ReportTotals()
        if let row = try Row.fetchOne(db, sql: """
            SELECT COUNT(*) AS files, COALESCE(SUM(format IS NOT NULL), 0) AS mrzRead,
                   COALESCE(SUM(errorCode = 'image.unreadable'), 0) AS unreadable, COALESCE(SUM(errorCode = 'mrz.not_found'), 0) AS notFound,
                   COALESCE(SUM(gate IS NULL), 0) AS batch, COUNT(DISTINCT gate) AS gates, MIN(scannedAt) AS first, MAX(scannedAt) AS last
            FROM scan
            """) {
            totals.files = row["files"]
            totals.mrzRead = row["mrzRead"]
            totals.unreadable = row["unreadable"]
            totals.mrzNotFound = row["notFound"]
            totals.batchFiles = row["batch"]
            totals.gates = row["gates"]
            totals.firstScan = row["first"]
            totals.lastScan = row["last"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT verdict, COUNT(*) AS n FROM scan GROUP BY verdict") {
            totals.verdicts.add(verdict: row["verdict"], count: row["n"])
        }
        totals.filesWithFindings = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT scan.id) FROM \(Self.findingRows) WHERE \(Self.findingCode) IS NOT NULL") ?? 0
        if let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MAX(analysedAt) AS at FROM analysis") {
            totals.analysisFindings = row["n"]
            totals.analysedAt = row["at"]
        }

        // The period: from the span of real scan dates unless asked for.
        let span = try Row.fetchOne(db, sql: "SELECT MIN(date(substr(scannedAt, 1, 10))) AS a, MAX(date(substr(scannedAt, 1, 10))) AS b FROM scan")
        let spanDays: Int = {
            guard let a = (span?["a"] as String?).flatMap({ CivilDay.number($0) }), let b = (span?["b"] as String?).flatMap({ CivilDay.number($0) }) else { return 0 }
            return b - a
        }()
        let period = options.period ?? .automatic(spanDays: spanDays)
        let key = Self.periodKey(period)

        // Over time: every period between the first and the last, empty ones included.
        let verdictsByPeriod = try Self.verdicts(db, key: key)
        var severitiesByPeriod: [String?: SeverityCounts] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT \(key) AS k, \(Self.findingSeverity) AS severity, COUNT(*) AS n FROM \(Self.findingRows)
            WHERE \(Self.findingCode) IS NOT NULL GROUP BY k, severity
            """) {
            guard let severity = (row["severity"] as String?).flatMap(Severity.init(rawValue:)) else { continue }
            severitiesByPeriod[row["k"] as String?, default: SeverityCounts()].add(severity, count: row["n"])
        }
        let dated = verdictsByPeriod.keys.compactMap { $0 }.sorted()
        var periods: [String?] = dated
        if let first = dated.first, let last = dated.last, let all = CivilDay.keys(from: first, to: last, period: period) {
            periods = all
        }
        if verdictsByPeriod[nil] != nil { periods.append(nil) }
        let verdictsOverTime = periods.map { VerdictBreakdownRow(key: $0, counts: verdictsByPeriod[$0] ?? VerdictCounts()) }
        let findingsOverTime = periods.map { SeverityPeriodRow(period: $0, counts: severitiesByPeriod[$0] ?? SeverityCounts()) }

        // By issuing state, format, gate.
        let byIssuingState = Self.sortedByTotal(try Self.verdicts(db, key: "issuingState"))
        let formatOrder = ["TD1", "TD2", "TD3", "MRVA", "MRVB"]
        let byFormat = try Self.verdicts(db, key: "format").map { VerdictBreakdownRow(key: $0.key, counts: $0.value) }.sorted { a, b in
            func rank(_ key: String?) -> (Int, String) {
                guard let key else { return (Int.max, "") }
                return (formatOrder.firstIndex(of: key) ?? formatOrder.count, key)
            }
            return rank(a.key) < rank(b.key)
        }
        let byGate = totals.gates > 0 ? Self.sortedByTotal(try Self.verdicts(db, key: "gate")) : []

        // Finding codes.
        var codes: [String: FindingCodeRow] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT \(Self.findingCode) AS code, \(Self.findingSeverity) AS severity, COUNT(*) AS n FROM \(Self.findingRows)
            WHERE code IS NOT NULL GROUP BY code, severity
            """) {
            guard let severity = (row["severity"] as String?).flatMap(Severity.init(rawValue:)) else { continue }
            let code: String = row["code"]
            codes[code, default: FindingCodeRow(code: code, counts: SeverityCounts(), files: 0)].counts.add(severity, count: row["n"])
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT \(Self.findingCode) AS code, COUNT(DISTINCT scan.id) AS files FROM \(Self.findingRows)
            WHERE code IS NOT NULL AND \(Self.findingSeverity) IN ('info', 'refer', 'alert') GROUP BY code
            """) {
            codes[row["code"] as String]?.files = row["files"]
        }
        let findingCodes = codes.values.sorted { ($0.counts.total, $1.code) > ($1.counts.total, $0.code) }
        totals.findings = findingCodes.reduce(0) { $0 + $1.counts.total }

        // Cross-document analysis: counts, then the strongest findings without their subject (holder data).
        let files = "(CASE WHEN json_valid(paths) THEN json_array_length(paths) ELSE 0 END)"
        let analysisCodes = try Row.fetchAll(db, sql: """
            SELECT code, severity, COUNT(*) AS n, SUM(\(files)) AS files FROM analysis GROUP BY code, severity ORDER BY n DESC, code, severity
            """).map { row in
            AnalysisCodeRow(code: row["code"], severity: Severity(rawValue: row["severity"]) ?? .refer, findings: row["n"], files: row["files"])
        }
        let decoder = JSONDecoder()
        func strings(_ text: String?) -> [String] {
            guard let text, let value = try? decoder.decode([String].self, from: Data(text.utf8)) else { return [] }
            return value
        }
        let topAnalysis = try Row.fetchAll(db, sql: """
            SELECT code, severity, field, message, CASE WHEN json_valid(evidence) THEN CAST(json_extract(evidence, '$.measured') AS TEXT) END AS measured,
                   recordIDs, paths
            FROM analysis
            ORDER BY CASE severity WHEN 'alert' THEN 0 WHEN 'refer' THEN 1 ELSE 2 END, \(files) DESC, id
            LIMIT ?
            """, arguments: [max(0, options.analysisLimit)]).map { row in
            AnalysisRow(code: row["code"], severity: Severity(rawValue: row["severity"]) ?? .refer, field: row["field"], message: row["message"],
                        measured: row["measured"], recordIDs: strings(row["recordIDs"]), paths: strings(row["paths"]))
        }

        // Versions.
        let versions = try Row.fetchAll(db, sql: """
            SELECT engineVersion, watchlistVersion, policyVersion, COUNT(*) AS n, MIN(scannedAt) AS first, MAX(scannedAt) AS last
            FROM scan GROUP BY engineVersion, watchlistVersion, policyVersion ORDER BY first, engineVersion, watchlistVersion, policyVersion
            """).map { row in
            VersionRow(engine: row["engineVersion"], watchlist: row["watchlistVersion"], policy: row["policyVersion"], files: row["n"],
                       firstScan: row["first"], lastScan: row["last"])
        }

        self.init(totals: totals, period: period, verdictsOverTime: verdictsOverTime, findingsOverTime: findingsOverTime,
                  byIssuingState: byIssuingState, byFormat: byFormat, byGate: byGate, findingCodes: findingCodes,
                  analysisCodes: analysisCodes, topAnalysis: topAnalysis, versions: versions)
    }

    /// Files by `key` (an SQL expression over `scan`) and verdict.
    static func verdicts(_ db: Database, key: String) throws -> [String?: VerdictCounts] {
        var out: [String?: VerdictCounts] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(key) AS k, verdict, COUNT(*) AS n FROM scan GROUP BY k, verdict") {
            out[row["k"] as String?, default: VerdictCounts()].add(verdict: row["verdict"], count: row["n"])
        }
        return out
    }

    /// Rows with the most files first, then by key; the `nil` key last.
    static func sortedByTotal(_ counts: [String?: VerdictCounts]) -> [VerdictBreakdownRow] {
        counts.map { VerdictBreakdownRow(key: $0.key, counts: $0.value) }.sorted { a, b in
            switch (a.key, b.key) {
            case (nil, _): return false
            case (_, nil): return true
            case (let x?, let y?): return (a.counts.total, y) > (b.counts.total, x)
            }
        }
    }
}

extension ReportData {
    /// The report of `records` (and cross-document `analysis` rows, none by default), computed by the same queries
    /// on an in-memory store: for a store that is not SQLite (the centre on PostgreSQL). O(rows) time and memory.
    public init(records: [AuditRecord], options: ReportOptions = ReportOptions()) throws(ReportError) {
        do {
            let queue = try DatabaseQueue()
            try AuditStore.migrator.migrate(queue)
            self = try queue.write { db in
                for record in records { try record.insert(db, onConflict: .ignore) }
                return try Self(db, options: options)
            }
        } catch {
            throw .query(path: ":memory:", message: "\(error)")
        }
    }
}

import Findings
import Foundation
import GRDB

/// A finding about several files at once, from ``CrossDocumentAnalysis``.
public struct CrossDocumentFinding: Sendable, Hashable, Codable {
    /// `batch.duplicate_document` or `batch.identity_reuse`, with its severity, message and counts. The
    /// message holds no personal data; the files say where to look.
    public var finding: Finding
    /// What the files share, as the store keys it: `document:STATE:NUMBER` or `person:BIRTHDATE:NAME`.
    /// Personal data: kept in the store, never printed by the CLI.
    public var subject: String
    /// The rows concerned (``AuditRecord/recordID``), in path order.
    public var recordIDs: [String]
    /// The files concerned, in path order.
    public var paths: [String]

    /// A finding from its parts.
    public init(finding: Finding, subject: String, recordIDs: [String], paths: [String]) {
        self.finding = finding
        self.subject = subject
        self.recordIDs = recordIDs
        self.paths = paths
    }
}

/// Cross-document analysis over the audit store: what no single document shows.
///
/// - `batch.duplicate_document` (alert): one document number of one issuing state seen with different
///   holders. Two readings are the same holder when their birth dates are equal and their names
///   (``HolderName``) are at most one edit apart (an OCR slip), so a re-scan of the same page is not reported.
/// - `batch.identity_reuse` (refer): one holder (the same test, chained) seen with several document numbers
///   or several nationalities. Renewals and second documents are legitimate reasons, hence refer.
///
/// Only readings whose document-number check digit holds take part (a misread number would otherwise look
/// like a second document). Both passes stream the store in index order and hold one group at a time (one
/// document number; one birth date): memory O(largest group), time O(rows × log rows + Σ group²).
/// The findings replace the store's `analysis` table.
public enum CrossDocumentAnalysis {
    /// One reading as the analysis sees it.
    public struct Reading: Sendable, Hashable {
        /// The row.
        public var recordID: String
        /// The file.
        public var path: String
        /// The issuing state or organisation.
        public var issuingState: String
        /// The document number.
        public var documentNumber: String
        /// ``HolderName`` form.
        public var holderName: String
        /// `YYYY-MM-DD`, or `nil` when the printed date is not a real day.
        public var birthDate: String?
        /// The nationality code.
        public var nationality: String

        /// A reading from its parts.
        public init(recordID: String, path: String, issuingState: String, documentNumber: String, holderName: String,
                    birthDate: String?, nationality: String) {
            self.recordID = recordID
            self.path = path
            self.issuingState = issuingState
            self.documentNumber = documentNumber
            self.holderName = holderName
            self.birthDate = birthDate
            self.nationality = nationality
        }
    }

    /// Analyses every row of `store` (batch and gate rows), replaces its `analysis` table with the findings
    /// and returns them: duplicate documents first, then identity reuse, each in key order.
    public static func run(on store: AuditStore, now: @Sendable () -> Date = { Date() }) throws(BatchError) -> [CrossDocumentFinding] {
        let columns = "recordID, path, issuingState, documentNumber, holderName, birthDate, nationality"
        let valid = "documentNumberValid = 1 AND documentNumber IS NOT NULL AND documentNumber != '' AND holderName IS NOT NULL"
        var findings: [CrossDocumentFinding] = []
        try store.withReader { db in
            var group: [Reading] = []
            let documents = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM scan WHERE \(valid) ORDER BY issuingState, documentNumber, path")
            while let row = try documents.next() {
                let reading = Self.reading(row)
                if let first = group.first, first.issuingState != reading.issuingState || first.documentNumber != reading.documentNumber {
                    findings += duplicateDocuments(in: group)
                    group.removeAll(keepingCapacity: true)
                }
                group.append(reading)
            }
            findings += duplicateDocuments(in: group)
            group.removeAll()
            let people = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM scan WHERE \(valid) AND birthDate IS NOT NULL ORDER BY birthDate, holderName, path")
            while let row = try people.next() {
                let reading = Self.reading(row)
                if let first = group.first, first.birthDate != reading.birthDate {
                    findings += identityReuse(in: group)
                    group.removeAll(keepingCapacity: true)
                }
                group.append(reading)
            }
            findings += identityReuse(in: group)
        }
        let analysedAt = AuditTime.text(now())
        try store.withWriter { db in
            try db.inTransaction {
                try db.execute(sql: "DELETE FROM analysis")
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
                for f in findings {
                    let evidence = try f.finding.evidence.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
                    try db.execute(sql: """
                        INSERT INTO analysis(code, severity, field, message, evidence, subject, recordIDs, paths, analysedAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [f.finding.code, f.finding.severity.rawValue, f.finding.field, f.finding.message, evidence,
                                         f.subject, String(decoding: try encoder.encode(f.recordIDs), as: UTF8.self),
                                         String(decoding: try encoder.encode(f.paths), as: UTF8.self), analysedAt])
                }
                return .commit
            }
        }
        return findings
    }

    /// The findings stored by the last analysis of `store`, in the order it found them.
    public static func stored(in store: AuditStore) throws(BatchError) -> [CrossDocumentFinding] {
        try store.withReader { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: "SELECT * FROM analysis ORDER BY id").map { row -> CrossDocumentFinding in
                let evidence: Evidence? = try (row["evidence"] as String?).map { try decoder.decode(Evidence.self, from: Data($0.utf8)) }
                let severity = Severity(rawValue: row["severity"]) ?? .refer
                return CrossDocumentFinding(
                    finding: Finding(code: row["code"], severity: severity, field: row["field"], message: row["message"], evidence: evidence),
                    subject: row["subject"],
                    recordIDs: try decoder.decode([String].self, from: Data((row["recordIDs"] as String).utf8)),
                    paths: try decoder.decode([String].self, from: Data((row["paths"] as String).utf8)))
            }
        }
    }

    static func reading(_ row: Row) -> Reading {
        Reading(recordID: row["recordID"], path: row["path"], issuingState: row["issuingState"] ?? "", documentNumber: row["documentNumber"] ?? "",
                holderName: row["holderName"] ?? "", birthDate: row["birthDate"], nationality: row["nationality"] ?? "")
    }

    /// `batch.duplicate_document` for a group of readings of one document number, if they show different holders.
    public static func duplicateDocuments(in group: [Reading]) -> [CrossDocumentFinding] {
        guard group.count > 1 else { return [] }
        let holders = clusters(group).count
        guard holders > 1, let first = group.first else { return [] }
        let message = "The same document number of the same issuing state appears with \(holders) different holders (name or birth date) in \(group.count) files."
        let finding = Finding(code: "batch.duplicate_document", severity: .alert, field: "documentNumber", message: message,
                              evidence: Evidence(measured: "\(holders) holders in \(group.count) files", expected: "1 holder"))
        return [CrossDocumentFinding(finding: finding, subject: "document:\(first.issuingState):\(first.documentNumber)",
                                     recordIDs: group.map(\.recordID), paths: group.map(\.path))]
    }

    /// `batch.identity_reuse` for each holder among readings of one birth date who has several document
    /// numbers or nationalities.
    public static func identityReuse(in group: [Reading]) -> [CrossDocumentFinding] {
        guard group.count > 1 else { return [] }
        var out: [CrossDocumentFinding] = []
        for cluster in clusters(group) where cluster.count > 1 {
            let readings = cluster.map { group[$0] }.sorted { $0.path < $1.path }
            let documents = Set(readings.map { $0.issuingState + "/" + $0.documentNumber }).count
            let nationalities = Set(readings.map(\.nationality)).count
            guard documents > 1 || nationalities > 1 else { continue }
            var parts: [String] = []
            if documents > 1 { parts.append("\(documents) document numbers") }
            if nationalities > 1 { parts.append("\(nationalities) nationalities") }
            let what = parts.joined(separator: " and ")
            let message = "The same holder (name and birth date) appears with \(what) in \(readings.count) files."
            let finding = Finding(code: "batch.identity_reuse", severity: .refer, field: documents > 1 ? "documentNumber" : "nationality",
                                  message: message, evidence: Evidence(measured: "\(what) in \(readings.count) files", expected: "1 document, 1 nationality"))
            let key = readings.map(\.holderName).min() ?? ""
            out.append(CrossDocumentFinding(finding: finding, subject: "person:\(readings[0].birthDate ?? "?"):\(key)",
                                            recordIDs: readings.map(\.recordID), paths: readings.map(\.path)))
        }
        return out
    }

    /// The holders among `group`: indexes joined (union-find, chained) when birth dates are equal and names
    /// at most one edit apart. Each cluster in first-index order; clusters by their first index. O(n² × name).
    static func clusters(_ group: [Reading]) -> [[Int]] {
        var parent = Array(group.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        let names = group.map { Array($0.holderName.utf8) }
        for i in group.indices {
            for j in (i + 1)..<group.count where group[i].birthDate == group[j].birthDate && withinOneEdit(names[i], names[j]) {
                let (a, b) = (root(i), root(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var byRoot: [Int: [Int]] = [:]
        for i in group.indices { byRoot[root(i), default: []].append(i) }
        return byRoot.keys.sorted().map { byRoot[$0]! }
    }

    /// Whether `a` becomes `b` by at most one insertion, deletion or substitution. O(length).
    public static func withinOneEdit(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        guard long.count - short.count <= 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        if short.count == long.count { return short[(i + 1)...] == long[(i + 1)...] }
        return short[i...] == long[(i + 1)...]
    }
}

import AuditReport
import Findings
import Foundation
import GRDB
import Testing
@testable import BatchAudit

/// The report's numbers against the constructed rows and against independent SQL counts on the store.
@Suite struct ReportDataTests {
    static let fixtures: [Fixture] = [
        Fixture(name: "empty store", count: 0, spanDays: 0, gates: false, seed: 1, period: .day),
        Fixture(name: "one day", count: 60, spanDays: 0, gates: false, seed: 2, period: .day),
        Fixture(name: "six weeks", count: 160, spanDays: 41, gates: false, seed: 3, period: .day),
        Fixture(name: "half a year at gates", count: 220, spanDays: 180, gates: true, seed: 4, period: .week),
        Fixture(name: "three years", count: 220, spanDays: 1100, gates: false, seed: 5, period: .month),
    ]

    @Test(arguments: fixtures)
    func numbersEqualTheRows(fixture: Fixture) throws {
        let folder = try TemporaryFolder()
        let (_, records) = try fixture.makeStore(at: folder.file("audit.sqlite"))
        let data = try ReportData(storeAt: folder.file("audit.sqlite"))

        #expect(data.period == fixture.period)
        // Totals.
        #expect(data.totals.files == records.count)
        var verdicts = VerdictCounts()
        for r in records { verdicts.add(verdict: r.verdict, count: 1) }
        #expect(data.totals.verdicts == verdicts)
        #expect(data.totals.mrzRead == records.filter { $0.format != nil }.count)
        #expect(data.totals.unreadable == records.filter { $0.errorCode == "image.unreadable" }.count)
        #expect(data.totals.mrzNotFound == records.filter { $0.errorCode == "mrz.not_found" }.count)
        #expect(data.totals.batchFiles == records.filter { $0.gate == nil }.count)
        #expect(data.totals.gates == Set(records.compactMap(\.gate)).count)
        #expect(data.totals.firstScan == records.map(\.scannedAt).min())
        #expect(data.totals.lastScan == records.map(\.scannedAt).max())
        let findings = records.map { try! JSONDecoder().decode([Finding].self, from: Data($0.findings.utf8)) }
        #expect(data.totals.findings == findings.map(\.count).reduce(0, +))
        #expect(data.totals.filesWithFindings == findings.filter { !$0.isEmpty }.count)

        // Breakdowns by key.
        func expected(_ key: (AuditRecord) -> String?) -> [String?: VerdictCounts] {
            var out: [String?: VerdictCounts] = [:]
            for r in records { out[key(r), default: VerdictCounts()].add(verdict: r.verdict, count: 1) }
            return out
        }
        func asDictionary(_ rows: [VerdictBreakdownRow]) -> [String?: VerdictCounts] {
            Dictionary(rows.map { ($0.key, $0.counts) }, uniquingKeysWith: { _, _ in Issue.record("a key twice"); return VerdictCounts() })
        }
        #expect(asDictionary(data.byIssuingState) == expected(\.issuingState))
        #expect(asDictionary(data.byFormat) == expected(\.format))
        if fixture.gates {
            #expect(asDictionary(data.byGate) == expected(\.gate))
        } else {
            #expect(data.byGate.isEmpty)
        }
        // Most files first; files without a state (no MRZ read) last.
        #expect(!data.byIssuingState.dropLast().contains { $0.key == nil })
        let stated = data.byIssuingState.filter { $0.key != nil }
        #expect(zip(stated, stated.dropFirst()).allSatisfy { $0.counts.total >= $1.counts.total })

        // Over time: every period from the first to the last, empty ones as zero.
        let periodCounts = expected { expectedPeriodKey($0.scannedAt, fixture.period) }
        var severityCounts: [String: SeverityCounts] = [:]
        for (r, fs) in zip(records, findings) {
            for f in fs { severityCounts[expectedPeriodKey(r.scannedAt, fixture.period), default: SeverityCounts()].add(f.severity, count: 1) }
        }
        let keys = periodCounts.keys.compactMap { $0 }.sorted()
        let periods = keys.isEmpty ? [] : expectedPeriods(from: keys.first!, to: keys.last!, fixture.period)
        #expect(data.verdictsOverTime.map(\.key) == periods)
        #expect(data.verdictsOverTime.map(\.counts) == periods.map { periodCounts[$0] ?? VerdictCounts() })
        #expect(data.findingsOverTime.map(\.period) == periods)
        #expect(data.findingsOverTime.map(\.counts) == periods.map { severityCounts[$0] ?? SeverityCounts() })

        // Finding codes.
        var codes: [String: (SeverityCounts, Set<Int>)] = [:]
        for (i, fs) in findings.enumerated() {
            for f in fs {
                codes[f.code, default: (SeverityCounts(), [])].0.add(f.severity, count: 1)
                codes[f.code, default: (SeverityCounts(), [])].1.insert(i)
            }
        }
        #expect(Set(data.findingCodes.map(\.code)) == Set(codes.keys))
        for row in data.findingCodes {
            #expect(row.counts == codes[row.code]?.0)
            #expect(row.files == codes[row.code]?.1.count)
        }

        // Versions.
        let versionCounts = Dictionary(grouping: records) { "\($0.engineVersion)|\($0.watchlistVersion)|\($0.policyVersion)" }.mapValues(\.count)
        #expect(Dictionary(uniqueKeysWithValues: data.versions.map { ("\($0.engine)|\($0.watchlist)|\($0.policy)", $0.files) }) == versionCounts)

        // Every breakdown adds up to the totals.
        for rows in [data.verdictsOverTime, data.byIssuingState, data.byFormat] {
            #expect(rows.map(\.counts.total).reduce(0, +) == records.count)
        }
        #expect(data.findingsOverTime.map(\.counts.total).reduce(0, +) == data.totals.findings)
        #expect(data.findingCodes.map(\.counts.total).reduce(0, +) == data.totals.findings)
    }

    @Test(arguments: fixtures)
    func numbersEqualIndependentSQL(fixture: Fixture) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("audit.sqlite")
        _ = try fixture.makeStore(at: path)
        let data = try ReportData(storeAt: path)

        #expect(data.totals.files == (try count(path, "SELECT COUNT(*) FROM scan")))
        for verdict in ["clear", "refer", "alert"] {
            let n = try count(path, "SELECT COUNT(*) FROM scan WHERE verdict = ?", [verdict])
            #expect(data.verdictTable.rows.first { $0[0] == verdict }?[1] == String(n))
        }
        for row in data.byIssuingState {
            for (verdict, value) in zip(["clear", "refer", "alert"], row.counts.values) {
                let n = if let key = row.key {
                    try count(path, "SELECT COUNT(*) FROM scan WHERE issuingState = ? AND verdict = ?", [key, verdict])
                } else {
                    try count(path, "SELECT COUNT(*) FROM scan WHERE issuingState IS NULL AND verdict = ?", [verdict])
                }
                #expect(n == value, "\(row.key ?? "nil") \(verdict)")
            }
        }
        for row in data.byFormat where row.key != nil {
            #expect(row.counts.total == (try count(path, "SELECT COUNT(*) FROM scan WHERE format = ?", [row.key])))
        }
        for row in data.byGate where row.key != nil {
            #expect(row.counts.alert == (try count(path, "SELECT COUNT(*) FROM scan WHERE gate = ? AND verdict = 'alert'", [row.key])))
        }
        for row in data.findingCodes {
            // LIKE over the JSON text, a different route from json_each.
            let files = try count(path, "SELECT COUNT(*) FROM scan WHERE instr(findings, ?) > 0", [#""code":""# + jsonString(row.code) + "\""])
            #expect(row.files == files, "\(row.code)")
        }
        // Cross-document findings: as many as the table holds, by code and severity.
        #expect(data.totals.analysisFindings == (try count(path, "SELECT COUNT(*) FROM analysis")))
        for row in data.analysisCodes {
            #expect(row.findings == (try count(path, "SELECT COUNT(*) FROM analysis WHERE code = ? AND severity = ?", [row.code, row.severity.rawValue])))
        }
        #expect(data.topAnalysis.count == min(100, data.totals.analysisFindings))
        let stored = try CrossDocumentAnalysis.stored(in: AuditStore(path: path))
        #expect(Set(data.topAnalysis.map(\.paths)) == Set(stored.map(\.paths)))
        #expect(zip(data.topAnalysis, data.topAnalysis.dropFirst()).allSatisfy { $0.severity >= $1.severity })
        if fixture.count > 0 { #expect(data.totals.analysisFindings > 0, "the constructed rows share document numbers") }
    }

    @Test(arguments: fixtures)
    func anOpenStoreGivesTheSameReport(fixture: Fixture) throws {
        let folder = try TemporaryFolder()
        let (store, _) = try fixture.makeStore(at: folder.file("audit.sqlite"))
        #expect(try ReportData(store: store) == ReportData(storeAt: folder.file("audit.sqlite")))
    }

    @Test(arguments: [(ReportPeriod.day, 24), (.week, 4), (.month, 2)])
    func aPeriodAskedForIsUsed(period: ReportPeriod, expectedCount: Int) throws {
        let folder = try TemporaryFolder()
        let fixture = Fixture(name: "", count: 80, spanDays: 23, gates: false, seed: 9, period: .day)
        _ = try fixture.makeStore(at: folder.file("audit.sqlite"))
        let data = try ReportData(storeAt: folder.file("audit.sqlite"), options: ReportOptions(period: period))
        #expect(data.period == period)
        // 2026-01-05 (a Monday) to 2026-01-28: 24 days, 4 weeks, 1 month.
        #expect(data.verdictsOverTime.count == (period == .month ? 1 : expectedCount))
        #expect(data.verdictsOverTime.map(\.counts.total).reduce(0, +) == 80)
    }

    @Test(arguments: [(0, ReportPeriod.day), (92, .day), (93, .week), (730, .week), (731, .month), (5000, .month)])
    func automaticPeriod(days: Int, period: ReportPeriod) {
        #expect(ReportPeriod.automatic(spanDays: days) == period)
    }

    @Test(arguments: [0, 1, 3])
    func topAnalysisIsLimited(limit: Int) throws {
        let folder = try TemporaryFolder()
        _ = try Self.fixtures[2].makeStore(at: folder.file("audit.sqlite"))
        let data = try ReportData(storeAt: folder.file("audit.sqlite"), options: ReportOptions(analysisLimit: limit))
        #expect(data.topAnalysis.count == min(limit, data.totals.analysisFindings))
    }

    @Test func undatedScansComeLast() throws {
        let folder = try TemporaryFolder()
        let fixture = Fixture(name: "", count: 10, spanDays: 3, gates: false, seed: 11, period: .day)
        let store = try AuditStore(path: folder.file("audit.sqlite"))
        var records = fixture.records()
        records[4].scannedAt = "yesterday"
        try store.insert(records)
        let data = try ReportData(storeAt: folder.file("audit.sqlite"))
        #expect(data.verdictsOverTime.last?.key == nil)
        #expect(data.verdictsOverTime.last?.counts.total == 1)
        #expect(data.verdictsOverTime.compactMap(\.key) == ["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"])
        #expect(data.verdictsOverTime.map(\.counts.total).reduce(0, +) == 10)
    }
}

/// `text` as it appears inside a JSON string (sorted-keys encoder, slashes unescaped).
func jsonString(_ text: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let quoted = String(decoding: try! encoder.encode(text), as: UTF8.self)
    return String(quoted.dropFirst().dropLast())
}

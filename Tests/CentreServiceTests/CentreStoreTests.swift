import BatchAudit
import CentreStore
import Foundation
import RecordExchange
import Testing

/// The same exactly-once contract for both stores. PostgreSQL runs where `DOCSCREEN_TEST_POSTGRES` names a
/// server (`.ci/run` starts one with scripts/start-postgres).
@Suite(.serialized) struct CentreStoreTests {
    static let postgres = ProcessInfo.processInfo.environment["DOCSCREEN_TEST_POSTGRES"]

    static func exercise(_ store: any CentreRecordStore) async throws {
        let scans = (0..<30).map { i in CentreRoutesTests.scan(gate: i % 3 == 0 ? "gate-b" : "gate-a", verdict: i % 5 == 0 ? "alert" : "clear") }
        let a = scans.filter { $0.gate == "gate-a" }
        let b = scans.filter { $0.gate == "gate-b" }
        let decision = DecisionRecord(recordID: a[0].recordID, gate: "gate-a", decision: .refused, note: "note", decidedAt: "2026-11-22T11:00:00.000Z")
        let first = try await store.ingest(RecordBatch(gate: "gate-a", scans: Array(a.prefix(10)), decisions: [decision]))
        #expect(first == IngestCounts(scansStored: 10, decisionsStored: 1, duplicates: 0))
        // Overlapping resend: ten already held, the rest new.
        let second = try await store.ingest(RecordBatch(gate: "gate-a", scans: a, decisions: [decision]))
        #expect(second == IngestCounts(scansStored: a.count - 10, decisionsStored: 0, duplicates: 11))
        // Two gates at once.
        async let x = store.ingest(RecordBatch(gate: "gate-b", scans: b, decisions: []))
        async let y = store.ingest(RecordBatch(gate: "gate-b", scans: b, decisions: []))
        let (cx, cy) = try await (x, y)
        #expect(cx.scansStored + cy.scansStored == b.count)
        #expect(cx.duplicates + cy.duplicates == b.count)
        let stats = try await store.stats()
        #expect(stats == CentreStats(records: 30, byGate: ["gate-a": a.count, "gate-b": b.count], decisions: 1))
        let ids = try await store.recordIDs()
        #expect(ids.count == 30 && Set(ids) == Set(scans.map(\.recordID)))
        let report = try await store.report(options: .init())
        #expect(report.totals.files == 30)
        #expect(report.totals.verdicts.alert == 6)
        #expect(Set(report.byGate.compactMap(\.key)) == ["gate-a", "gate-b"])
    }

    @Test func sqlite() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("centre-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try await CentreStoreLocation.open(dir + "/centre.sqlite")
        try await Self.exercise(store)
        await store.close()
    }

    @Test(.enabled(if: postgres != nil, "set DOCSCREEN_TEST_POSTGRES (scripts/start-postgres)")) func postgresql() async throws {
        let url = try #require(Self.postgres)
        // Tables of this run's own (a shared server may hold others).
        let prefix = "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12) + "_"
        let store = try await PostgresCentreStore(url: url, tablePrefix: String(prefix))
        try await Self.exercise(store)
        await store.close()
    }

    @Test func locationsAreTold() async {
        #expect(CentreStoreLocation.isPostgres("postgres://u@h/db"))
        #expect(CentreStoreLocation.isPostgres("postgresql://u@h/db"))
        #expect(!CentreStoreLocation.isPostgres("/var/lib/centre.sqlite"))
        await #expect(throws: CentreStoreError.invalidLocation("mysql://x")) { _ = try await CentreStoreLocation.open("mysql://x") }
    }
}

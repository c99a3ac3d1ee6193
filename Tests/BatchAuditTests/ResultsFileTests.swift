import Foundation
import Screening
import Testing
@testable import BatchAudit

/// The append-only results file and its reconciliation with the store, on constructed lines.
@Suite struct ResultsFileTests {
    struct Cut: Sendable, CustomStringConvertible {
        var content: String
        var kept: String
        var description: String { "\(content.prefix(20).debugDescription) (\(content.count) bytes)" }
    }

    static let cuts: [Cut] = [
        Cut(content: "", kept: ""), Cut(content: "a\n", kept: "a\n"), Cut(content: "a\nb", kept: "a\n"), Cut(content: "abc", kept: ""),
        Cut(content: "a\nb\n{\"file\":\"x", kept: "a\nb\n"),
        Cut(content: "first\n" + String(repeating: "x", count: 200_000), kept: "first\n"),
        Cut(content: String(repeating: "y", count: 70_000) + "\n" + String(repeating: "z", count: 70_000), kept: String(repeating: "y", count: 70_000) + "\n"),
    ]

    @Test(arguments: cuts)
    func cutsOnlyAnUnterminatedLastLine(c: Cut) throws {
        let folder = try TemporaryFolder("cut")
        let path = try folder.write("r.jsonl", Array(c.content.utf8))
        let file = try ResultsFile.opening(path: path)
        let cut = try file.removePartialLastLine()
        #expect(cut == c.content.utf8.count - c.kept.utf8.count)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == c.kept)
        try file.append(Array("next\n".utf8))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == c.kept + "next\n")
    }

    static let versions = AuditVersions(engine: "test", policy: "p")

    /// A constructed line for `file` (an error result: no reading needed).
    static func line(_ file: String) throws -> [UInt8] {
        let result = ScanResult(file: file, verdict: .refer, mrz: nil, findings: [], reasons: [],
                                error: ScanError(code: "image.unreadable", message: "test"), timings: ScanTimings())
        return try ResultLine.encode(result)
    }

    static func record(_ file: String) throws -> AuditRecord {
        try #require(ResultLine.record(line: try line(file), sha256: nil, versions: versions, scannedAt: "2026-11-22T00:00:00.000Z"))
    }

    struct Reconcile: Sendable, CustomStringConvertible {
        var name: String
        /// Files with a complete line in RESULTS.
        var lines: [String]
        /// An unterminated last line, if any.
        var partial: String?
        /// Files with a row.
        var rows: [String]
        var restoredLines: Int
        var restoredRows: Int
        var description: String { name }
    }

    static let reconciles: [Reconcile] = [
        Reconcile(name: "agree", lines: ["a", "b"], rows: ["a", "b"], restoredLines: 0, restoredRows: 0),
        Reconcile(name: "killed after the commit", lines: ["a"], rows: ["a", "b", "c"], restoredLines: 2, restoredRows: 0),
        Reconcile(name: "killed mid-line", lines: ["a"], partial: "b", rows: ["a", "b"], restoredLines: 1, restoredRows: 0),
        Reconcile(name: "store lost its last commit", lines: ["a", "b", "c"], rows: ["a"], restoredLines: 0, restoredRows: 2),
        Reconcile(name: "both ways", lines: ["a", "d"], partial: "e", rows: ["a", "b", "e"], restoredLines: 2, restoredRows: 1),
        Reconcile(name: "empty", lines: [], rows: [], restoredLines: 0, restoredRows: 0),
    ]

    @Test(arguments: reconciles)
    func reconciliationLeavesEveryFileOnceInBoth(r: Reconcile) throws {
        let folder = try TemporaryFolder("reconcile")
        var content: [UInt8] = []
        for file in r.lines { content += try Self.line(file) + [UInt8(ascii: "\n")] }
        if let partial = r.partial { content += try Self.line(partial).prefix(25) }
        let resultsPath = try folder.write("r.jsonl", content)
        let store = try AuditStore(path: folder.file("a.sqlite"))
        try store.insert(try r.rows.map(Self.record))

        let counts = try ResultsReconciliation.reconcile(results: try ResultsFile.opening(path: resultsPath), store: store,
                                                         versions: Self.versions, now: { Date() })
        #expect(counts.restoredLines == r.restoredLines)
        #expect(counts.restoredRows == r.restoredRows)
        #expect(counts.cutBytes == (r.partial == nil ? 0 : 25))
        let output = try BatchOutput(results: resultsPath, store: store.path)
        let expected = Set(r.lines).union(r.rows)
        #expect(output.endsWithNewline)
        #expect(output.files.count == expected.count)
        #expect(Set(output.files) == expected)
        #expect(Set(output.records.map(\.path)) == expected)

        // A second pass changes nothing.
        let again = try ResultsReconciliation.reconcile(results: try ResultsFile.opening(path: resultsPath), store: store,
                                                        versions: Self.versions, now: { Date() })
        #expect(again.restoredLines == 0 && again.restoredRows == 0 && again.cutBytes == 0 && again.duplicateLines == 0)
    }

    @Test func aCompleteLineThatIsNoResultIsRefused() throws {
        let folder = try TemporaryFolder("corrupt")
        let resultsPath = try folder.write("r.jsonl", try Self.line("a") + Array("\nhello\n".utf8))
        let store = try AuditStore(path: folder.file("a.sqlite"))
        #expect(throws: BatchError.resultsCorrupt(path: resultsPath, line: 2)) {
            try ResultsReconciliation.reconcile(results: try ResultsFile.opening(path: resultsPath), store: store,
                                                versions: Self.versions, now: { Date() })
        }
    }

    @Test func quickFileAgreesWithAFullDecode() throws {
        for name in ["plain.jpg", "with \"quotes\".png", "back\\slash/é ü.jpg", "/abs/path/x.jpg"] {
            let line = try Self.line(name)
            #expect(ResultLine.quickFile(of: line) == name)
            #expect(ResultLine.file(of: line) == name)
        }
    }

    @Test func aStoreFromANewerVersionIsRefused() throws {
        let folder = try TemporaryFolder("newer")
        let path = folder.file("a.sqlite")
        let store = try AuditStore(path: path)
        try store.withWriter { db in try db.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v99-future')") }
        #expect(throws: BatchError.storeTooNew(path: path, unknownMigrations: ["v99-future"])) { try AuditStore(path: path) }
    }
}

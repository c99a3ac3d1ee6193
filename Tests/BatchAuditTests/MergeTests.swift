import Foundation
import Testing
@testable import BatchAudit

/// Joining shard stores and results files.
@Suite struct MergeTests {
    static func record(_ file: String, sha: String, at time: String) throws -> AuditRecord {
        var r = try ResultsFileTests.record(file)
        r.sha256 = sha
        r.scannedAt = time
        return r
    }

    static func line(_ file: String) throws -> [UInt8] { try ResultsFileTests.line(file) + [UInt8(ascii: "\n")] }

    @Test func joinsStoresAndResultsOnceEach() throws {
        let folder = try TemporaryFolder("merge")
        let early = "2026-11-22T01:00:00.000Z", late = "2026-11-22T02:00:00.000Z"
        let a = try AuditStore(path: folder.file("a.sqlite"))
        try a.insert([try Self.record("a", sha: "1", at: early), try Self.record("b", sha: "2", at: early), try Self.record("c", sha: "3", at: early)])
        try folder.write("a.jsonl", try Self.line("a") + Self.line("b") + Self.line("c"))
        let b = try AuditStore(path: folder.file("b.sqlite"))
        // d, e new; c the same bytes again (a duplicate); b other bytes scanned later (replaces a's b).
        try b.insert([try Self.record("d", sha: "4", at: late), try Self.record("e", sha: "5", at: late),
                      try Self.record("c", sha: "3", at: late), try Self.record("b", sha: "2x", at: late)])
        // A shard whose store is lost: lines only, one already known, the last unterminated.
        try folder.write("c.jsonl", try Self.line("f") + Self.line("g") + Self.line("a") + Array(Self.line("h").prefix(30)))

        let out = folder.file("merged.jsonl"), db = folder.file("merged.sqlite")
        let summary = try AuditMerge.merge(stores: [a.path, b.path], results: [folder.file("a.jsonl"), folder.file("c.jsonl")],
                                           intoStore: db, resultsPath: out)
        #expect(summary.rowsAdded == 6)
        #expect(summary.duplicateRows == 1)
        #expect(summary.pathConflicts == 1)
        #expect(summary.rowsFromLines == 2)
        #expect(summary.partialLines == 1)
        #expect(summary.reconciliation.restoredLines == 7)

        let merged = try BatchOutput(results: out, store: db)
        let expected: Set<String> = ["a", "b", "c", "d", "e", "f", "g"]
        #expect(merged.files.count == 7 && Set(merged.files) == expected)
        #expect(merged.records.count == 7 && Set(merged.records.map(\.path)) == expected)
        #expect(merged.records.first { $0.path == "b" }?.sha256 == "2x")
        #expect(merged.records.first { $0.path == "f" }?.engineVersion == "unknown")
        // Record ids survive a merge.
        let ids = Set(try a.batchRecords().map(\.recordID) + b.batchRecords().map(\.recordID))
        #expect(merged.records.filter { ["a", "c", "d", "e"].contains($0.path) }.allSatisfy { ids.contains($0.recordID) })

        // The same merge again changes nothing.
        let again = try AuditMerge.merge(stores: [a.path, b.path], results: [folder.file("a.jsonl"), folder.file("c.jsonl")],
                                         intoStore: db, resultsPath: out)
        #expect(again.rowsAdded == 0 && again.rowsFromLines == 0 && again.reconciliation.restoredLines == 0)
        let after = try BatchOutput(results: out, store: db)
        #expect(after.lines == merged.lines)
        #expect(after.records == merged.records)
    }

    @Test func mergingShardRunsGivesTheUnshardedRun() throws {
        let input = try TemporaryFolder("mergeshards")
        let out = try TemporaryFolder("out")
        let (expected, _) = try GeneratedPages.archive(in: input)
        var stores: [String] = []
        var results: [String] = []
        for index in 0..<2 {
            let config = BatchConfiguration.test(inputs: [input.path], out: out, name: "s\(index)", shard: try Shard(index: index, count: 2))
            _ = try BatchRunner(configuration: config).run()
            stores.append(config.storePath)
            results.append(config.resultsPath)
        }
        let summary = try AuditMerge.merge(stores: stores, results: results, intoStore: out.file("m.sqlite"), resultsPath: out.file("m.jsonl"))
        let merged = try BatchOutput(results: out.file("m.jsonl"), store: out.file("m.sqlite"))
        #expect(summary.rowsAdded == expected.count)
        #expect(summary.duplicateRows == 0 && summary.rowsFromLines == 0)
        #expect(Set(merged.files) == expected && merged.files.count == expected.count)
        #expect(Set(merged.records.map(\.path)) == expected && merged.records.count == expected.count)
        // The merged lines are the shards' lines.
        var shardLines = Set<String>()
        for r in results { shardLines.formUnion(try BatchOutput(results: r, store: stores[0]).lines) }
        #expect(Set(merged.lines) == shardLines)
    }
}

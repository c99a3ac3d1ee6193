import Foundation
import Screening
import Testing
@testable import BatchAudit

/// Whole batches in process on generated pages: folder and manifest inputs, a broken archive, re-runs, shards.
@Suite(.serialized) struct BatchRunTests {
    @Test func aFolderWithBrokenFilesEndsAsOneLineAndOneRowPerFile() throws {
        let input = try TemporaryFolder("archive")
        let out = try TemporaryFolder("out")
        let (expected, nonImages) = try GeneratedPages.archive(in: input)
        let summary = try BatchRunner(configuration: .test(inputs: [input.path], out: out)).run()

        let output = try BatchOutput(results: out.file("run.jsonl"), store: out.file("run.sqlite"))
        #expect(output.endsWithNewline)
        #expect(output.files.count == expected.count)
        #expect(Set(output.files) == expected)
        #expect(output.duplicatedFiles.isEmpty)
        #expect(Set(output.records.map(\.path)) == expected)
        #expect(summary.screened == expected.count)
        #expect(summary.input.nonImages == nonImages)
        #expect(summary.input.folderLinks == 1)

        // Errors are rows too, with their code; readable files have their digest, the dangling link none.
        let byPath = Dictionary(uniqueKeysWithValues: output.records.map { ($0.path, $0) })
        #expect(byPath[input.file("2025/truncated.jpg")]?.errorCode == "image.unreadable")
        #expect(byPath[input.file("broken.png")]?.errorCode == "image.unreadable")
        #expect(byPath[input.file("dangling.jpg")]?.errorCode == "image.unreadable")
        #expect(byPath[input.file("dangling.jpg")]?.sha256 == nil)
        // SHA-256 of the 11 bytes written, computed with Python's hashlib.
        #expect(byPath[input.file("broken.png")]?.sha256 == "7f47b756761a46e6d4a4d96f0d8a4448f8449235009d1f3ad1493f5c773c19e8")
        #expect(summary.errors["image.unreadable", default: 0] >= 3)
        let read = output.records.filter { $0.errorCode == nil }
        #expect(read.count == GeneratedPages.pages.count)
        #expect(read.allSatisfy { $0.format != nil && $0.documentNumber != nil && $0.holderName?.isEmpty == false && $0.sha256?.count == 64 })
        // Each row's stored line is the line in RESULTS.
        let lines = Set(output.lines)
        #expect(output.records.allSatisfy { lines.contains($0.result) })

        // The same command again screens nothing and writes nothing.
        let again = try BatchRunner(configuration: .test(inputs: [input.path], out: out)).run()
        #expect(again.screened == 0)
        #expect(again.alreadyDone == expected.count)
        let after = try BatchOutput(results: out.file("run.jsonl"), store: out.file("run.sqlite"))
        #expect(after.lines == output.lines)
        #expect(after.records.count == output.records.count)
    }

    @Test func aManifestNamesExactlyWhatIsScreened() throws {
        let input = try TemporaryFolder("listed")
        let out = try TemporaryFolder("out")
        let (all, _) = try GeneratedPages.archive(in: input)
        let chosen = GeneratedPages.pages.prefix(3).map(\.name)
        let pagePaths = Set(all.filter { path in chosen.contains { path.hasSuffix("/" + $0) } })
        let relative = pagePaths.map { String($0.dropFirst(input.path.count + 1)) }.sorted()
        // Relative entries, a repeated entry, a blank line, a missing file and an entry for a text file.
        let manifest = try input.write("list.txt", Array((relative + [relative[0], "", "missing.jpg", "notes.txt"]).joined(separator: "\n").utf8))
        let summary = try BatchRunner(configuration: .test(inputs: [manifest], out: out)).run()

        let output = try BatchOutput(results: out.file("run.jsonl"), store: out.file("run.sqlite"))
        let expected = pagePaths.union([input.file("missing.jpg"), input.file("notes.txt")])
        #expect(Set(output.files) == expected)
        #expect(output.files.count == expected.count)
        #expect(output.records.count == expected.count)
        #expect(summary.repeatedInputs == 1)
        let byPath = Dictionary(uniqueKeysWithValues: output.records.map { ($0.path, $0) })
        #expect(byPath[input.file("missing.jpg")]?.errorCode == "image.unreadable")
        #expect(byPath[input.file("notes.txt")]?.errorCode == "image.unreadable")
        #expect(pagePaths.allSatisfy { byPath[$0]?.errorCode == nil })
    }

    /// Shards 0..N-1 together give what one unsharded run gives, file by file.
    @Test(arguments: [3])
    func shardsTogetherEqualOneUnshardedRun(count: Int) throws {
        let input = try TemporaryFolder("sharded")
        let out = try TemporaryFolder("out")
        let (expected, nonImages) = try GeneratedPages.archive(in: input)
        _ = try BatchRunner(configuration: .test(inputs: [input.path], out: out, name: "whole")).run()
        let whole = try BatchOutput(results: out.file("whole.jsonl"), store: out.file("whole.sqlite"))

        var parts: [AuditRecord] = []
        var partLines: [String] = []
        for index in 0..<count {
            let shard = try Shard(index: index, count: count)
            let summary = try BatchRunner(configuration: .test(inputs: [input.path], out: out, name: "shard\(index)", jobs: 1, shard: shard)).run()
            let output = try BatchOutput(results: out.file("shard\(index).jsonl"), store: out.file("shard\(index).sqlite"))
            #expect(summary.screened == output.records.count)
            // Every file is met by every shard: its own screened or skipped as a non-image, the rest left to others.
            #expect(summary.input.otherShards + summary.screened + summary.input.nonImages == expected.count + nonImages)
            parts += output.records
            partLines += output.files
        }
        #expect(partLines.count == whole.files.count)
        #expect(Set(partLines) == Set(whole.files))
        let shardByPath = Dictionary(grouping: parts, by: \.path)
        #expect(shardByPath.count == expected.count)
        for record in whole.records {
            let matches = shardByPath[record.path] ?? []
            #expect(matches.count == 1, "\(record.path)")
            guard let other = matches.first else { continue }
            #expect(other.sha256 == record.sha256, "\(record.path)")
            #expect(other.verdict == record.verdict, "\(record.path)")
            #expect(other.findings == record.findings, "\(record.path)")
            #expect(other.errorCode == record.errorCode, "\(record.path)")
            #expect(other.documentNumber == record.documentNumber && other.holderName == record.holderName, "\(record.path)")
        }
    }

    @Test func progressIsReportedAndEndsFinished() throws {
        let input = try TemporaryFolder("progress")
        let out = try TemporaryFolder("out")
        for page in GeneratedPages.pages.prefix(3) { try input.write(page.name, page.bytes) }
        var config = BatchConfiguration.test(inputs: [input.path], out: out)
        config.countsTotal = true
        config.progressInterval = .zero
        let reports = Reports()
        _ = try BatchRunner(configuration: config).run { reports.append($0) }
        let all = reports.all
        #expect(all.last?.finished == true)
        #expect(all.last?.done == 3)
        #expect(all.filter(\.finished).count == 1)
        #expect(all.map(\.done) == all.map(\.done).sorted())
        #expect(all.last?.total == 3)
        #expect(all.last?.estimatedRemaining == .zero)
    }
}

/// Progress reports collected from the writer thread.
final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [BatchProgress] = []
    func append(_ p: BatchProgress) { lock.withLock { reports.append(p) } }
    var all: [BatchProgress] { lock.withLock { reports } }
}

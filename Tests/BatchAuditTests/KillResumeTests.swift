import Foundation
import Testing
@testable import BatchAudit

#if canImport(Glibc)
import Glibc
#endif

/// The built `docscreen` binary, killed with SIGKILL at random points and run again.
@Suite(.serialized) struct KillResumeTests {
    /// `docscreen` next to the test bundle (`swift test` builds every product into the same folder).
    static var binary: URL? {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        return candidates.map { $0.appendingPathComponent("docscreen") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Round: CustomStringConvertible {
        var delay: Double
        var killed: Bool
        var lines: Int
        var rows: Int
        var description: String { String(format: "%.2f s: %@ with %d lines, %d rows", delay, killed ? "killed" : "finished", lines, rows) }
    }

    /// Synchronous on purpose: the kill must come after the delay measured on this thread, not whenever a busy
    /// cooperative pool gets round to resuming a suspended test.
    @Test func killedAtRandomPointsLosesAndDuplicatesNothing() throws {
        let binary = try #require(Self.binary, "docscreen must be built next to the test bundle (swift build --build-tests)")
        let input = try TemporaryFolder("killed")
        let out = try TemporaryFolder("out")
        var (expected, _) = try GeneratedPages.archive(in: input)
        for page in GeneratedPages.pages { expected.insert(try input.write("copies/" + page.name, page.bytes)) }
        let results = out.file("r.jsonl")
        let store = out.file("a.sqlite")
        let arguments = ["batch", input.path, "--out", results, "--db", store, "--jobs", "2", "--today", "2026-11-22"]

        var rounds: [Round] = []
        var generator = SystemRandomNumberGenerator()
        for round in 0..<12 {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Early rounds die young (start-up, reconciliation, the first files); later ones live longer.
            let delay = Double.random(in: 0.05...(0.4 + 0.25 * Double(round)), using: &generator)
            Thread.sleep(forTimeInterval: delay)
            let killed = process.isRunning && kill(process.processIdentifier, SIGKILL) == 0
            process.waitUntilExit()
            if !killed { #expect(process.terminationStatus == 0, "run \(round) failed: \(rounds)") }

            // After any kill: each complete line has its row (rows are committed first), at most the last
            // line is unterminated, and no file has two lines.
            let state = try BatchOutput(results: results, store: store)
            let complete = state.endsWithNewline ? state.files : Array(state.files.dropLast())
            let rows = Set(state.records.map(\.path))
            #expect(complete.allSatisfy(rows.contains), "a line without its row after \(rounds)")
            #expect(state.duplicatedFiles.isEmpty, "duplicates after \(rounds)")
            rounds.append(Round(delay: delay, killed: killed, lines: complete.count, rows: rows.count))
            if !killed { break }
        }
        let interrupted = rounds.filter { $0.killed && $0.rows < expected.count }
        #expect(interrupted.count >= 2, "the test must kill runs midway: \(rounds)")

        // Then the same command to its end.
        let last = Process()
        last.executableURL = binary
        last.arguments = arguments
        last.standardOutput = FileHandle.nullDevice
        last.standardError = FileHandle.nullDevice
        try last.run()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)

        let final = try BatchOutput(results: results, store: store)
        #expect(final.endsWithNewline, "\(rounds)")
        #expect(final.files.count == expected.count, "\(rounds)")
        #expect(Set(final.files) == expected, "\(rounds)")
        #expect(final.duplicatedFiles.isEmpty, "\(rounds)")
        #expect(final.records.count == expected.count, "\(rounds)")
        #expect(Set(final.records.map(\.path)) == expected, "\(rounds)")
        let lines = Set(final.lines)
        #expect(final.records.allSatisfy { lines.contains($0.result) }, "every row's line is the line in RESULTS")
    }

    /// Runs `docscreen` with `arguments` and `environment` added to this process's, returning its exit status and output.
    static func docscreen(_ binary: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("SLURM_") || key.hasPrefix("JOB_COMPLETION") || key.hasPrefix("DOCSCREEN_") { env[key] = nil }
        process.environment = env.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A Kubernetes-indexed shard and a Slurm-array shard (array from 1), then `docscreen merge`: every file once.
    @Test func clusterShardsFromTheEnvironmentMergeIntoTheWhole() throws {
        let binary = try #require(Self.binary, "docscreen must be built next to the test bundle (swift build --build-tests)")
        let input = try TemporaryFolder("cluster")
        let out = try TemporaryFolder("out")
        let (expected, _) = try GeneratedPages.archive(in: input)
        let common = ["batch", input.path, "--jobs", "2", "--today", "2026-11-22"]
        let kubernetes = try Self.docscreen(binary, common + ["--out", out.file("s0.jsonl"), "--db", out.file("s0.sqlite")],
                                            environment: ["JOB_COMPLETION_INDEX": "0", "DOCSCREEN_SHARD_COUNT": "2"])
        #expect(kubernetes.status == 0)
        #expect(kubernetes.output.contains("shard 0/2"))
        let slurm = try Self.docscreen(binary, common + ["--out", out.file("s1.jsonl"), "--db", out.file("s1.sqlite")],
                                       environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "1"])
        #expect(slurm.status == 0)
        #expect(slurm.output.contains("shard 1/2"))
        let missingCount = try Self.docscreen(binary, common + ["--out", out.file("x.jsonl"), "--db", out.file("x.sqlite")],
                                              environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(missingCount.status != 0)

        let merge = try Self.docscreen(binary, ["merge", out.file("s0.jsonl"), out.file("s1.jsonl"), "--from-db", out.file("s0.sqlite"),
                                                out.file("s1.sqlite"), "--out", out.file("all.jsonl"), "--db", out.file("all.sqlite")])
        #expect(merge.status == 0)
        let merged = try BatchOutput(results: out.file("all.jsonl"), store: out.file("all.sqlite"))
        #expect(Set(merged.files) == expected && merged.files.count == expected.count)
        #expect(Set(merged.records.map(\.path)) == expected && merged.records.count == expected.count)
        let s0 = try BatchOutput(results: out.file("s0.jsonl"), store: out.file("s0.sqlite"))
        let s1 = try BatchOutput(results: out.file("s1.jsonl"), store: out.file("s1.sqlite"))
        #expect(!s0.files.isEmpty && !s1.files.isEmpty)
        #expect(Set(s0.files).isDisjoint(with: s1.files))
    }
}

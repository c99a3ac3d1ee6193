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

    @Test func killedAtRandomPointsLosesAndDuplicatesNothing() async throws {
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
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
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
}

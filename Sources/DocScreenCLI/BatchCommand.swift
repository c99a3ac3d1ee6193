import ArgumentParser
import BatchAudit
import Findings
import Foundation
import Screening
import Watchlist

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `docscreen batch INPUT ... --out RESULTS.jsonl --db AUDIT.sqlite [--jobs N] [--shard I/N] ...`: re-screens an
/// archive, resumably, into a results file and an audit store.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Re-screen an archive: every image once into RESULTS (JSON Lines) and the audit store (SQLite), resumably.",
        discussion: """
            INPUT is a folder (walked recursively; JPEG and PNG files recognised by their first bytes, other files skipped \
            and counted), a manifest (one path per line, relative to the manifest's folder) or an image. Each file ends as \
            one line of RESULTS (the object of `docscreen scan --json`) and one row of the store, also when it fails. \
            Running the same command again after a crash or kill -9 finishes the rest: nothing is lost or written twice.
            Shards: --shard I/N, or the environment of a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --shard-count \
            or DOCSCREEN_SHARD_COUNT) or of a Slurm job array (SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT, \
            SLURM_ARRAY_TASK_MIN). Join shards with `docscreen merge`.
            Prints a one-line summary and the cross-document findings (batch.duplicate_document, batch.identity_reuse); a \
            progress bar goes to standard error when it is a terminal.
            """)

    @Argument(help: "Folders, manifests or images to screen.")
    var inputs: [String]

    @Option(help: "The results file (JSON Lines), created or resumed.")
    var out: String

    @Option(help: "The audit store (SQLite), created or resumed.")
    var db: String

    @Option(help: "Files screened at once (default: the active processor count).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "This process's shard, I/N with 0 <= I < N (default: from the environment, else all of the input).")
    var shard: String?

    @Option(help: "The shard count with JOB_COMPLETION_INDEX (Kubernetes), or instead of SLURM_ARRAY_TASK_COUNT.")
    var shardCount: Int?

    @Option(help: "A watchlist index (docscreen watchlist build) to screen holders and documents against.")
    var watchlist: String?

    @Option(help: "Reference date (YYYY-MM-DD) for expiry and birth-date century; default today.")
    var today: ReferenceDate = .today

    @Option(help: "A verdict policy file replacing the embedded default.")
    var policy: String?

    @Flag(help: "Leave out the cross-document analysis at the end.")
    var noAnalysis = false

    @Flag(help: "Skip reading the printed page (VIZ) and its cross-check against the MRZ (speed-only runs).")
    var noViz = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() async throws {
        var options = ScanOptions(referenceDate: today.date)
        options.readsVIZ = !noViz
        var watchlistVersion = "none"
        if let watchlist {
            do {
                options.watchlist = try WatchlistIndex.load(path: watchlist)
            } catch {
                throw ValidationError("cannot load the watchlist index \(watchlist): \(error)")
            }
            watchlistVersion = AuditVersions.watchlist(indexPath: watchlist) ?? "unreadable"
        }
        let policyText: String
        (options.policy, policyText) = try PolicyFile.load(policy)
        let shardValue: Shard?
        do {
            if let shard {
                shardValue = try Shard(parsing: shard)
            } else {
                shardValue = try Shard.fromEnvironment(ProcessInfo.processInfo.environment, count: shardCount)
            }
        } catch {
            throw ValidationError("\(error)")
        }
        let showsProgress = isatty(2) == 1
        let versions = AuditVersions(engine: DocScreen.configuration.version, watchlist: watchlistVersion,
                                     policy: AuditVersions.policy(text: policyText))
        let runner = BatchRunner(configuration: BatchConfiguration(
            inputs: inputs, resultsPath: out, storePath: db, options: options, versions: versions, jobs: jobs,
            shard: shardValue, countsTotal: showsProgress, analyses: !noAnalysis))
        let bar = showsProgress ? ProgressBar() : nil
        var report: (@Sendable (BatchProgress) -> Void)?
        if let bar { report = { progress in bar.draw(progress) } }
        let progress = report
        let outcome = await BlockingWork.run { () throws(BatchError) -> BatchSummary in try runner.run(progress: progress) }
        bar?.clear()
        let summary: BatchSummary
        do {
            summary = try outcome.get()
        } catch {
            FileHandle.standardError.write(Data("docscreen: \(error)\n".utf8))
            throw ExitCode.failure
        }
        var text = BatchReport.summaryLine(summary, shard: shardValue) + "\n"
        text += BatchReport.analysisSection(summary.analysis)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Runs blocking library work (which starts its own threads) on a thread of its own, off the concurrency pool.
enum BlockingWork {
    static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async -> Result<T, E> {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                do throws(E) {
                    continuation.resume(returning: .success(try body()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

/// The progress bar on standard error: `[#####-----]  45/120  3.2 files/s  ETA 0:17`, redrawn in place.
final class ProgressBar: Sendable {
    func draw(_ p: BatchProgress) {
        var line = "\r"
        if let total = p.total, total > 0 {
            let width = 30
            let filled = min(width, p.done * width / total)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(p.done)/\(total)"
        } else {
            line += "\(p.done) files"
        }
        line += String(format: "  %.1f files/s", p.rate)
        if let eta = p.estimatedRemaining { line += "  ETA " + Self.clock(eta) }
        if p.alreadyDone > 0 { line += "  (\(p.alreadyDone) done before)" }
        line += "\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar's line.
    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func clock(_ d: Duration) -> String {
        let s = Int(d.components.seconds)
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

/// The text the batch and merge commands print: no names, no document numbers, only counts and files.
enum BatchReport {
    static func summaryLine(_ s: BatchSummary, shard: Shard?) -> String {
        let verdicts = [Verdict.clear, .refer, .alert].map { "\($0.rawValue) \(s.verdicts[$0, default: 0])" }.joined(separator: ", ")
        var parts = ["batch: \(s.screened) screened (\(verdicts))"]
        if !s.errors.isEmpty {
            parts.append("errors " + s.errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        parts.append("\(s.alreadyDone) done before")
        if s.input.nonImages > 0 { parts.append("\(s.input.nonImages) non-images skipped") }
        if let shard { parts.append("shard \(shard) (\(s.input.otherShards) files to other shards)") }
        if s.input.unreadableFolders > 0 { parts.append("\(s.input.unreadableFolders) unreadable folders") }
        if s.input.unrepresentableNames > 0 { parts.append("\(s.input.unrepresentableNames) non-UTF-8 names skipped") }
        if s.repeatedInputs > 0 { parts.append("\(s.repeatedInputs) repeated inputs") }
        let r = s.reconciliation
        if r.cutBytes > 0 || r.restoredLines > 0 || r.restoredRows > 0 {
            parts.append("resumed: \(r.cutBytes) bytes of a partial line cut, \(r.restoredLines) lines and \(r.restoredRows) rows restored")
        }
        if r.duplicateLines > 0 { parts.append("\(r.duplicateLines) duplicate lines found in RESULTS") }
        parts.append("\(s.analysis.count) cross-document findings")
        let seconds = Double(s.elapsed.components.seconds) + Double(s.elapsed.components.attoseconds) * 1e-18
        parts.append(String(format: "%.1f s, %.2f files/s", seconds, s.rate))
        return parts.joined(separator: "; ")
    }

    static func analysisSection(_ findings: [CrossDocumentFinding]) -> String {
        guard !findings.isEmpty else { return "" }
        var out = "cross-document findings:\n"
        for f in findings {
            out += "  \(f.finding.severity.rawValue.uppercased()) \(f.finding.code): \(f.finding.message)\n"
            for path in f.paths { out += "    \(path)\n" }
        }
        return out
    }
}

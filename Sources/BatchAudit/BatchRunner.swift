import Foundation
import Imaging
import Screening
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a batch screens, where it writes, and how.
public struct BatchConfiguration: Sendable {
    /// INPUT arguments: folders, manifests or single images (``InputWalker/classify(_:)``).
    public var inputs: [String]
    /// The RESULTS file (JSON Lines), created or resumed.
    public var resultsPath: String
    /// The audit store (SQLite), created or resumed.
    public var storePath: String
    /// Files screened at once (threads), at least 1.
    public var jobs: Int
    /// This process's share of the input, or `nil` for all of it.
    public var shard: Shard?
    /// How each file is screened. With more than one job the layout checks run within each job
    /// (`checksSideBySide` off): the jobs already keep the cores busy.
    public var options: ScanOptions
    /// The versions each row records.
    public var versions: AuditVersions
    /// Whether a second walk counts the files to do, so that progress reports a total and a time left.
    public var countsTotal: Bool
    /// Whether cross-document analysis runs over the store at the end.
    public var analyses: Bool
    /// RESULTS is `fsync`ed after this many lines (and at the end).
    public var syncEvery: Int
    /// Rows committed (and lines written) per store transaction, at most.
    public var writeBatch: Int
    /// Progress is reported at most this often.
    public var progressInterval: Duration
    /// The wall clock each row's `scannedAt` is read from.
    public var now: @Sendable () -> Date

    /// A configuration with `jobs` = active processors, no shard, no counting, analysis on, `fsync` every
    /// 256 lines, 64 rows per transaction, progress every 250 ms.
    public init(inputs: [String], resultsPath: String, storePath: String, options: ScanOptions, versions: AuditVersions,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: Shard? = nil, countsTotal: Bool = false,
                analyses: Bool = true, syncEvery: Int = 256, writeBatch: Int = 64, progressInterval: Duration = .milliseconds(250),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.inputs = inputs
        self.resultsPath = resultsPath
        self.storePath = storePath
        self.options = options
        if jobs > 1 { self.options.checksSideBySide = false }
        self.versions = versions
        self.jobs = max(1, jobs)
        self.shard = shard
        self.countsTotal = countsTotal
        self.analyses = analyses
        self.syncEvery = max(1, syncEvery)
        self.writeBatch = max(1, writeBatch)
        self.progressInterval = progressInterval
        self.now = now
    }
}

/// What a batch did.
public struct BatchSummary: Sendable {
    /// Files screened and written in this run.
    public var screened = 0
    /// Files of this shard an earlier run had finished (skipped).
    public var alreadyDone = 0
    /// Files met twice in this run's input (a manifest listing a path twice): screened once.
    public var repeatedInputs = 0
    /// What the input walk skipped: non-images, other shards, unreadable folders.
    public var input = InputTally()
    /// What reconciling RESULTS with the store changed at the start.
    public var reconciliation = ReconciliationCounts()
    /// Verdicts of the files screened in this run.
    public var verdicts: [Verdict: Int] = [:]
    /// Files screened in this run that produced no reading, by error code (`image.unreadable`, `mrz.not_found`).
    public var errors: [String: Int] = [:]
    /// Wall time of the run, from the store's opening to the end of the analysis.
    public var elapsed: Duration = .zero
    /// Time spent screening and writing (excludes reconciliation and analysis).
    public var screeningTime: Duration = .zero
    /// Cross-document findings over the whole store (empty when analysis is off).
    public var analysis: [CrossDocumentFinding] = []

    /// An empty summary.
    public init() {}

    /// Files screened per second of screening time.
    public var rate: Double {
        let seconds = Double(screeningTime.components.seconds) + Double(screeningTime.components.attoseconds) * 1e-18
        return seconds > 0 ? Double(screened) / seconds : 0
    }
}

/// Screens an archive with bounded concurrency into RESULTS and the audit store, resumably.
///
/// Threads: one walks the input (streamed, filtered by shard, files already in the store skipped) into a
/// bounded work queue; `jobs` workers read each file once, hash it (SHA-256), screen it with
/// ``ScreeningPipeline`` and encode its line and row into a bounded result queue; the calling thread writes.
/// Memory is O(jobs × largest image + queue capacities), whatever the archive size.
///
/// ## The write invariant
/// For each batch of finished files the writer first **commits their rows** (one transaction, `INSERT OR
/// IGNORE` on the unique batch path), then **appends each inserted row's line with a single `write(2)`**
/// (`O_APPEND`), and `fsync`s RESULTS every ``BatchConfiguration/syncEvery`` lines. Hence at any instant:
/// every line in RESULTS has its row; a row may lack its line only for the files of the batch being
/// written; and only the last line can be unterminated. A `kill -9` anywhere therefore leaves a state that
/// ``ResultsReconciliation`` repairs on the next start: cut the unterminated last line, append the stored
/// line of every row without one, and (for stores that lost commits in an OS crash) insert a row for every
/// line without one. After that, RESULTS and the store hold the same files, each exactly once, and the
/// walk skips them. A path can never get a second line: its row's insertion is ignored, so no line follows.
public struct BatchRunner: Sendable {
    /// The configuration.
    public var configuration: BatchConfiguration

    /// A runner for `configuration`.
    public init(configuration: BatchConfiguration) {
        self.configuration = configuration
    }

    /// One finished file, on its way to the writer.
    struct Finished: Sendable {
        var record: AuditRecord
        var line: [UInt8]
        var verdict: Verdict
        var errorCode: String?
    }

    /// Counters shared by the walking, counting and writing threads.
    struct Shared {
        var alreadyDone = 0
        var toDo: Int?
        var tally = InputTally()
        var failure: BatchError?
    }

    /// Runs the batch on the calling thread (blocking it until the end) and returns what it did.
    /// `progress` is called on the calling thread, at most every ``BatchConfiguration/progressInterval``,
    /// and once at the end. Throws on inputs that do not exist, results or store failures; a file that
    /// fails to screen is a row and a line with its error, never a throw.
    public func run(progress: (@Sendable (BatchProgress) -> Void)? = nil) throws(BatchError) -> BatchSummary {
        let config = configuration
        let clock = ContinuousClock()
        let started = clock.now
        var summary = BatchSummary()
        var classified: [(path: String, kind: InputKind)] = []
        for input in config.inputs { classified.append((input, try InputWalker.classify(input))) }
        let sources = classified

        let store = try AuditStore(path: config.storePath)
        let results = try ResultsFile.opening(path: config.resultsPath)
        summary.reconciliation = try ResultsReconciliation.reconcile(results: results, store: store, versions: config.versions, now: config.now)
        let lastRowAtStart = try store.withReader { db in try Int.fetchOne(db, sql: "SELECT MAX(id) FROM scan") ?? 0 }

        let shared = Mutex(Shared())
        let work = BlockingQueue<InputFile>(capacity: config.jobs * 4, producers: 1)
        let finished = BlockingQueue<Finished>(capacity: config.jobs * 4 + config.writeBatch, producers: config.jobs)
        let threads = DispatchGroup()
        let stop = Atomic<Bool>(false)

        // The walk.
        Self.spawn(threads) {
            let walker = InputWalker(inputs: sources, shard: config.shard)
            var skipped = 0
            do throws(BatchError) {
                while let file = walker.next() {
                    if try store.contains(path: file.path) {
                        skipped += 1
                        if skipped % 256 == 0 { shared.withLock { $0.alreadyDone = skipped } }
                        continue
                    }
                    if !work.put(file) { break }
                }
            } catch {
                shared.withLock { if $0.failure == nil { $0.failure = error } }
                work.cancel()
                finished.cancel()
            }
            // A manifest that could not be read to its end fails the run once the files already queued are
            // written: their work is kept, and the same command finishes the manifest when it can be read.
            let manifestError = walker.manifestError
            shared.withLock {
                $0.alreadyDone = skipped
                $0.tally = walker.tally
                if $0.failure == nil, let manifestError { $0.failure = manifestError }
            }
            work.finishProducing()
        }

        // The count, for progress: files of this shard without a row when the run started.
        if config.countsTotal && progress != nil {
            Self.spawn(threads) {
                let walker = InputWalker(inputs: sources, shard: config.shard)
                var toDo = 0
                while !stop.load(ordering: .relaxed), let file = walker.next() {
                    let doneBefore = (try? store.withReader { db in
                        try Bool.fetchOne(db, sql: "SELECT 1 FROM scan WHERE gate IS NULL AND path = ? AND id <= ?",
                                          arguments: [file.path, lastRowAtStart])
                    }) ?? nil
                    if doneBefore != true { toDo += 1 }
                }
                let total = toDo
                shared.withLock { $0.toDo = total }
            }
        }

        // The workers.
        for _ in 0..<config.jobs {
            Self.spawn(threads) {
                while let file = work.take() {
                    if !finished.put(Self.screen(file, config: config)) { break }
                }
                finished.finishProducing()
            }
        }

        // The writer: this thread.
        let screeningStarted = clock.now
        var lastReport = clock.now
        var writeFailure: BatchError?
        do throws(BatchError) {
            while true {
                let batch = finished.takeBatch(maximum: config.writeBatch)
                if batch.isEmpty { break }
                let inserted = try store.insert(batch.map(\.record))
                for (item, isNew) in zip(batch, inserted) {
                    guard isNew else {
                        summary.repeatedInputs += 1
                        continue
                    }
                    try results.append(item.line)
                    summary.screened += 1
                    summary.verdicts[item.verdict, default: 0] += 1
                    if let code = item.errorCode { summary.errors[code, default: 0] += 1 }
                }
                try results.syncIfDue(every: config.syncEvery)
                if let progress, clock.now - lastReport >= config.progressInterval {
                    lastReport = clock.now
                    let state = shared.withLock { ($0.alreadyDone, $0.toDo) }
                    progress(.make(done: summary.screened, alreadyDone: state.0, total: state.1,
                                   elapsed: clock.now - screeningStarted, finished: false))
                }
            }
            try results.sync()
        } catch {
            writeFailure = error
            work.cancel()
            finished.cancel()
        }
        stop.store(true, ordering: .relaxed)
        threads.wait()
        summary.screeningTime = clock.now - screeningStarted
        let state = shared.withLock { $0 }
        if let failure = writeFailure ?? state.failure { throw failure }
        summary.alreadyDone = state.alreadyDone
        summary.input = state.tally
        // At the end the total is what was screened (a counting walk still running is stopped short).
        progress?(.make(done: summary.screened, alreadyDone: state.alreadyDone, total: summary.screened,
                        elapsed: summary.screeningTime, finished: true))

        if config.analyses {
            summary.analysis = try CrossDocumentAnalysis.run(on: store, now: config.now)
        }
        summary.elapsed = clock.now - started
        return summary
    }

    /// Starts `body` on a new thread (8 MiB stack) counted in `group`.
    static func spawn(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
        group.enter()
        let thread = Thread {
            body()
            group.leave()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Reads, hashes and screens one file, and makes its line and row. Never fails: a file that cannot be
    /// read is screened by path, which reports why; `sha256` is then `nil`.
    static func screen(_ file: InputFile, config: BatchConfiguration) -> Finished {
        var result: ScanResult
        var digest: String?
        // A file that cannot be read (the pipeline then reports why) is screened by path.
        if let bytes = try? ImageDecoder.readFile(path: file.path, limit: config.options.decode.maximumFileBytes) {
            digest = SHA256Digest.hex(bytes)
            result = ScreeningPipeline.scan(bytes: bytes, label: file.path, options: config.options)
        } else {
            result = ScreeningPipeline.scan(path: file.path, options: config.options)
        }
        result.image = nil
        var line = (try? ResultLine.encode(result)) ?? []
        var record = line.isEmpty ? nil : ResultLine.record(line: line, sha256: digest, versions: config.versions,
                                                            scannedAt: AuditTime.text(config.now()))
        if record == nil {
            // A result JSON cannot express (a non-finite measurement): the file is still reported, as an error.
            let message = "The scan result could not be encoded as JSON."
            result = ScanResult(file: file.path, verdict: .refer, mrz: nil,
                                findings: [.init(code: "batch.unencodable", severity: .refer, message: message)],
                                reasons: [.init(code: "batch.unencodable", severity: .refer, message: message)],
                                error: ScanError(code: "batch.unencodable", message: message), timings: result.timings)
            line = (try? ResultLine.encode(result)) ?? []
            record = ResultLine.record(line: line, sha256: digest, versions: config.versions, scannedAt: AuditTime.text(config.now()))
        }
        line.append(UInt8(ascii: "\n"))
        // `record` is non-nil here: the fallback result holds only finite numbers and plain text.
        return Finished(record: record!, line: line, verdict: result.verdict, errorCode: result.error?.code)
    }
}

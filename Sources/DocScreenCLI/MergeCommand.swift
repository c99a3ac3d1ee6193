import ArgumentParser
import BatchAudit
import Foundation

/// `docscreen merge --out RESULTS.jsonl --db AUDIT.sqlite [SHARD_RESULTS ...] [--from-db SHARD_DB ...]`: joins shards.
struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the results files and audit stores of batch shards into one of each, then analyse across documents.",
        discussion: """
            Rows of the shard stores are copied (the same path and SHA-256 once; the same path with other bytes: the \
            later scan); a shard results line whose file has no row gives one (for a shard whose store was lost); RESULTS \
            then gets every row's line once. Shard files are only read. Running it again changes nothing; a killed merge \
            is finished by running it again.
            """)

    @Argument(help: "Shard results files (JSON Lines).")
    var shardResults: [String] = []

    @Option(parsing: .upToNextOption, help: "Shard audit stores.")
    var fromDb: [String] = []

    @Option(help: "The merged results file, created or completed.")
    var out: String

    @Option(help: "The merged audit store, created or completed.")
    var db: String

    @Flag(help: "Leave out the cross-document analysis.")
    var noAnalysis = false

    func validate() throws {
        guard !shardResults.isEmpty || !fromDb.isEmpty else { throw ValidationError("name shard results files or --from-db stores") }
    }

    func run() async throws {
        let (results, stores, out, db, analyses) = (shardResults, fromDb, out, db, !noAnalysis)
        let outcome = await BlockingWork.run { () throws(BatchError) -> MergeSummary in
            try AuditMerge.merge(stores: stores, results: results, intoStore: db, resultsPath: out, analyses: analyses)
        }
        let s: MergeSummary
        do {
            s = try outcome.get()
        } catch {
            FileHandle.standardError.write(Data("docscreen: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let r = s.reconciliation
        var text = "merge: \(s.rowsAdded) rows added, \(s.duplicateRows) duplicates left out, \(s.pathConflicts) path conflicts (later scan kept), "
        text += "\(s.rowsFromLines) rows made from results lines, \(s.partialLines) partial lines left out; "
        text += "RESULTS: \(r.restoredLines) lines written, \(r.linesRead) already there; \(s.analysis.count) cross-document findings\n"
        text += BatchReport.analysisSection(s.analysis)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

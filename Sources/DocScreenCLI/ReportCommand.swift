import ArgumentParser
import AuditReport
import Foundation

/// `docscreen report AUDIT.sqlite --out DIR`: the HTML report and CSV tables of an audit store.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report with charts and the same tables as CSV from an audit store.",
        discussion: """
            DIR gets index.html (self-contained: inline CSS and SVG, nothing fetched) with verdicts and findings over time, \
            by issuing state, by format, by finding code and by gate, the cross-document findings and the versions seen, \
            and one CSV file per table (RFC 4180). Counts only; the cross-document findings name files and record ids, \
            never holders. The store is opened read-only.
            """)

    @Argument(help: "The audit store (SQLite) of docscreen batch or merge.")
    var store: String

    @Option(help: "The report folder, created as needed; report files in it are replaced.")
    var out: String

    @Option(help: "The period of the charts over time: day, week or month (default: from the span of scan times).")
    var period: String?

    @Option(help: "How many cross-document findings the report lists.")
    var top: Int = 100

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
        if let period, ReportPeriod(rawValue: period) == nil { throw ValidationError("--period must be day, week or month") }
    }

    func run() async throws {
        let (store, out, options) = (store, out, ReportOptions(period: period.flatMap(ReportPeriod.init(rawValue:)), analysisLimit: top))
        let generatedAt = Date().formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .current))
        let outcome = await BlockingWork.run { () throws(ReportError) -> (ReportData, [String]) in
            let data = try ReportData(storeAt: store, options: options)
            let files = ReportRenderer.files(data, context: ReportContext(source: store, generatedAt: generatedAt))
            return (data, try ReportWriter.write(files, to: out))
        }
        let result: (ReportData, [String])
        do {
            result = try outcome.get()
        } catch {
            FileHandle.standardError.write(Data("docscreen: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let (data, written) = result
        let t = data.totals
        var text = "report: \(t.files) files (\(t.verdicts.clear) clear, \(t.verdicts.refer) refer, \(t.verdicts.alert) alert), "
        text += "\(t.findings) findings, \(t.analysisFindings) cross-document findings; per \(data.period.rawValue)\n"
        text += "wrote \(written.first ?? out) and \(written.count - 1) CSV files in \(out)\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

import ArgumentParser
import Foundation
import Screening
import Watchlist

/// `docscreen scan FILE ... [--json] [--today YYYY-MM-DD]`: screens document images.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Screen document images: read the MRZ, validate it, give a verdict with reasons.",
        discussion: "With --json prints one JSON object per file per line, in order. A file that fails never stops the others.")

    @Argument(help: "JPEG or PNG images of document data pages.")
    var files: [String]

    @Flag(help: "One JSON object per file per line (JSON Lines).")
    var json = false

    @Option(help: "Reference date (YYYY-MM-DD) for expiry and birth-date century; default today.")
    var today: ReferenceDate = .today

    @Option(help: "A watchlist index (docscreen watchlist build) to screen holders and documents against.")
    var watchlist: String?

    func run() async throws {
        var options = ScanOptions(referenceDate: today.date)
        if let watchlist {
            do {
                options.watchlist = try WatchlistIndex.load(path: watchlist)
            } catch {
                throw ValidationError("cannot load the watchlist index \(watchlist): \(error)")
            }
        }
        let output = OutputSink()
        for file in files {
            let result = ScreeningPipeline.scan(path: file, options: options)
            output.write(json ? try JSONLine.encode(result) : ScanReport.text(result))
            if !json { output.flush() }
        }
        output.flush()
    }
}

/// The readable report of one scan: verdict first, then reasons, then what was read.
enum ScanReport {
    static func text(_ r: ScanResult) -> String {
        var out = ["\(r.file): \(r.verdict.rawValue.uppercased())"]
        for f in r.findings.sorted(by: { $0.severity > $1.severity }) {
            out.append("  \(f.severity.rawValue.uppercased().padding(5)) \(f.code.padding(26)) \(f.message)")
        }
        if let m = r.mrz, let f = m.document.fields {
            out.append("  \(m.document.format?.rawValue ?? "?") \(f.documentCode) \(f.issuingState) \(f.documentNumber)  \(f.surname), \(f.givenNames)  born \(f.birthDate?.description ?? f.birthDateText)  expires \(f.expiryDate?.description ?? f.expiryDateText)")
            out.append("  read with mean confidence \(Int(m.meanConfidence * 100))%\(m.geometry.upsideDown ? " (upside down)" : "")")
            for line in m.document.lines { out.append("  | \(line)") }
        }
        out.append(String(format: "  %.1f ms (decode %.1f, locate %.1f, read %.1f)", r.timings.total, r.timings.decode, r.timings.locate, r.timings.read))
        return out.joined(separator: "\n")
    }
}

import ArgumentParser
import Foundation
import Imaging
import Screening
import Watchlist

/// `docscreen scan FILE ... [--json] [--today YYYY-MM-DD] [--policy FILE] [--annotate OUT.png]`: screens document images.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Screen document images: read the MRZ, validate it, give a verdict with reasons.",
        discussion: """
            With --json prints one JSON object per file per line, in order. A file that fails never stops the others.
            --policy replaces the embedded verdict policy (severity CODE LEVEL / escalate COUNT CODE LEVEL lines).
            --annotate writes the page with the band, the character cells and each finding drawn on it; with several
            files, OUT-<file name>.png for each.
            """)

    @Argument(help: "JPEG or PNG images of document data pages.")
    var files: [String]

    @Flag(help: "One JSON object per file per line (JSON Lines).")
    var json = false

    @Option(help: "Reference date (YYYY-MM-DD) for expiry and birth-date century; default today.")
    var today: ReferenceDate = .today

    @Option(help: "A watchlist index (docscreen watchlist build) to screen holders and documents against.")
    var watchlist: String?

    @Option(help: "A verdict policy file replacing the embedded default.")
    var policy: String?

    @Option(help: "Write the page annotated with the band, character cells and findings to this PNG file.")
    var annotate: String?

    @Flag(help: "Skip reading the printed page (VIZ) and its cross-check against the MRZ (speed-only runs).")
    var noViz = false

    func run() async throws {
        var options = ScanOptions(referenceDate: today.date)
        if let watchlist {
            do {
                options.watchlist = try WatchlistIndex.load(path: watchlist)
            } catch {
                throw ValidationError("cannot load the watchlist index \(watchlist): \(error)")
            }
        }
        options.policy = try PolicyFile.load(policy).0
        options.keepsImage = annotate != nil
        options.readsVIZ = !noViz
        let output = OutputSink()
        for file in files {
            let result = ScreeningPipeline.scan(path: file, options: options)
            output.write(json ? try JSONLine.encode(result) : ScanReport.text(result))
            if !json { output.flush() }
            if let annotate { writeAnnotation(result, to: annotationPath(annotate, for: file)) }
        }
        output.flush()
    }

    /// `OUT` for a single file; `OUT-<file name>.png` (beside OUT) for each of several.
    func annotationPath(_ out: String, for file: String) -> String {
        guard files.count > 1 else { return out }
        let name = (file as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        let base = out.hasSuffix(".png") ? String(out.dropLast(4)) : out
        return "\(base)-\(stem).png"
    }

    /// Writes the annotated page; a failure is reported on standard error and the scan goes on.
    func writeAnnotation(_ result: ScanResult, to path: String) {
        guard let image = ScanAnnotation.render(result) else {
            FileHandle.standardError.write(Data("docscreen: no image to annotate for \(result.file)\n".utf8))
            return
        }
        do {
            let png = try PNGEncoder.encode(image, compression: 3)
            try Data(png).write(to: URL(fileURLWithPath: path))
        } catch {
            FileHandle.standardError.write(Data("docscreen: cannot write \(path): \(error)\n".utf8))
        }
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
        out.append(String(format: "  %.1f ms (decode %.1f, locate %.1f, read %.1f, checks %.1f, viz %.1f)", r.timings.total, r.timings.decode, r.timings.locate, r.timings.read, r.timings.checks, r.timings.viz))
        return out.joined(separator: "\n")
    }
}

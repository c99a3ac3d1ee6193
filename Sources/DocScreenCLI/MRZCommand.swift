import ArgumentParser
import Foundation
import MRZText

/// `docscreen mrz [FILE ...] [--json] [--today YYYY-MM-DD] [--correct]`: reads MRZ text and validates it.
struct MRZCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mrz",
        abstract: "Validate machine-readable-zone text (documents separated by blank lines).",
        discussion: "Reads the files given, or standard input. With --json prints one JSON object per document per line, in input order.")

    @Argument(help: "Text files holding MRZ lines; standard input when none.")
    var files: [String] = []

    @Flag(help: "One JSON object per document per line (JSON Lines).")
    var json = false

    @Option(help: "Reference date (YYYY-MM-DD) for expiry and birth-date century; default today.")
    var today: ReferenceDate = .today

    @Flag(help: "Correct OCR look-alikes (O/0, I/1, B/8, ...): letters in digit fields and the reverse; check digits decide. Every correction is reported.")
    var correct = false

    func run() async throws {
        let options = MRZParseOptions(referenceDate: today.date, correction: correct ? .lookAlikes : .none)
        var inputs: [Data] = []
        if files.isEmpty {
            inputs.append(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw ValidationError("cannot read \(file)")
                }
                inputs.append(data)
            }
        }
        let output = OutputSink()
        for input in inputs {
            let documents = input.withUnsafeBytes { MRZParser.splitDocuments(utf8: $0.bindMemory(to: UInt8.self)) }
            for lines in documents {
                let document = MRZParser.parse(lines: lines, options: options)
                output.write(json ? try JSONLine.encode(document) : MRZReport.text(document))
            }
        }
        output.flush()
    }
}

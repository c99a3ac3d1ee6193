import ArgumentParser
import DocumentSamples
import Foundation
import MRZText

/// `docscreen samples generate --out DIR ...`: writes synthetic data pages and their truth (`index.jsonl`).
struct SamplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Synthetic travel-document data pages with ground truth.",
        subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Render data pages (TD1, TD2, TD3, MRV-A) as JPEG/PNG files with index.jsonl holding their truth.",
            discussion: "The same arguments give the same bytes. Formats cycle fastest, then kinds; fraud samples cycle through the tamperings.")

        @Option(help: "Output directory (created if missing).")
        var out: String

        @Option(help: "Number of samples.")
        var count = 12

        @Option(help: "Seed; sample i depends only on the seed and i.")
        var seed: UInt64 = 1

        @Option(help: "Comma-separated formats: TD1, TD2, TD3, MRVA.")
        var formats = "TD1,TD2,TD3,MRVA"

        @Option(help: "Comma-separated kinds: clean, degraded, fraud.")
        var kinds = "clean,degraded,fraud"

        @Option(help: "Comma-separated tamperings that fraud samples cycle through.")
        var tamperings = TamperKind.allCases.map(\.rawValue).joined(separator: ",")

        @Option(help: "Render resolution, 150-600 dpi (phone captures come out at 150-250).")
        var dpi = 300

        @Option(help: "Force the capture: flat, scan, phone or poor-phone (JPEG 35-55, blur 0.9-1.4 px, noise 5-10).")
        var capture: String?

        @Option(help: "Force the file format: jpeg or png.")
        var encoding: String?

        @Option(help: "Reference date (YYYY-MM-DD) the documents are judged on.")
        var referenceDate = "2026-11-22"

        @Option(help: "File name prefix; files are PREFIX00000.jpg, PREFIX00001.png, ...")
        var prefix = "page"

        @Flag(help: "Append to DIR/index.jsonl instead of replacing it.")
        var append = false

        func run() async throws {
            let formatList = try list(formats) { SampleFormat(name: $0) }
            let kindList = try list(kinds) { SampleKind(rawValue: $0.lowercased()) }
            let tamperList = try list(tamperings) { TamperKind(rawValue: $0.lowercased()) }
            guard let reference = CalendarDate(iso: referenceDate) else { throw ValidationError("--reference-date must be YYYY-MM-DD") }
            let captureMode = try capture.map { try parse($0) { CaptureMode(rawValue: $0.lowercased()) } }
            let fileFormat = try encoding.map { try parse($0) { ImageEncoding(rawValue: $0.lowercased() == "jpg" ? "jpeg" : $0.lowercased()) } }
            guard count > 0 else { throw ValidationError("--count must be positive") }

            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let generator = SampleGenerator()
            var index = ""
            var tally: [SampleKind: Int] = [:]
            let clock = ContinuousClock()
            let start = clock.now
            for var request in SampleGenerator.batch(count: count, seed: seed, formats: formatList, kinds: kindList,
                                                     tamperings: tamperList, dpi: dpi, referenceDate: reference,
                                                     prefix: prefix) {
                request.capture = captureMode
                request.encoding = fileFormat
                let sample = try generator.generate(request)
                let path = (out as NSString).appendingPathComponent(sample.truth.file)
                guard FileManager.default.createFile(atPath: path, contents: Data(sample.image)) else {
                    throw ValidationError("cannot write \(path)")
                }
                index += try JSONLine.encode(sample.truth) + "\n"
                tally[sample.truth.kind, default: 0] += 1
            }
            let indexPath = (out as NSString).appendingPathComponent("index.jsonl")
            if append, let handle = FileHandle(forWritingAtPath: indexPath) {
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(index.utf8))
                try handle.close()
            } else {
                try Data(index.utf8).write(to: URL(fileURLWithPath: indexPath))
            }
            let seconds = (clock.now - start) / .seconds(1)
            let kindsText = SampleKind.allCases.compactMap { k in tally[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ")
            print("wrote \(count) samples (\(kindsText)) and index.jsonl to \(out) in \(String(format: "%.2f", seconds)) s")
        }

        private func list<T>(_ text: String, _ make: (String) -> T?) throws -> [T] {
            let items = try text.split(separator: ",").map { try parse(String($0).trimmingCharacters(in: .whitespaces), make) }
            guard !items.isEmpty else { throw ValidationError("empty list: \(text)") }
            return items
        }

        private func parse<T>(_ text: String, _ make: (String) -> T?) throws -> T {
            guard let value = make(text) else { throw ValidationError("unknown value '\(text)'") }
            return value
        }
    }
}

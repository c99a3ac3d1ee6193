import DocumentSamples
import Foundation
import MRZText
import Screening
import Testing
@testable import BatchAudit

/// A temporary folder removed when the value is released.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init(_ label: String = "batch") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("docscreen-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// `name` inside the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `bytes` at `name` (creating folders), returning the path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = file(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Generated data pages shared by the tests: made once per test process with the project's own generator
/// (small, 150 dpi, so that a debug scan stays quick), written into each test's own folder.
enum GeneratedPages {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// Eight pages: every format, clean and fraud, JPEG and PNG as the generator picks.
    static let pages: [(name: String, bytes: [UInt8])] = {
        let requests = SampleGenerator.batch(count: 8, seed: 20261124, kinds: [.clean, .fraud], dpi: 150, referenceDate: today)
        let generator = SampleGenerator()
        return requests.compactMap { request in
            guard let sample = try? generator.generate(request) else { return nil }
            return (sample.truth.file, sample.image)
        }
    }()

    /// A folder layout with the pages spread over nested folders plus what an archive also holds: a truncated
    /// JPEG, bytes with a PNG signature and nothing else, a text file, an empty file, a dangling link and a
    /// link to a folder. Returns the paths that must be screened (images by their first bytes and the
    /// dangling link) and the number of non-images.
    static func archive(in folder: TemporaryFolder) throws -> (screened: Set<String>, nonImages: Int) {
        var screened = Set<String>()
        for (i, page) in pages.enumerated() {
            let sub = ["", "2024/", "2024/03/", "2025/"][i % 4]
            screened.insert(try folder.write(sub + page.name, page.bytes))
        }
        if let jpeg = pages.first(where: { $0.bytes.starts(with: [0xFF, 0xD8, 0xFF]) }) {
            screened.insert(try folder.write("2025/truncated.jpg", Array(jpeg.bytes.prefix(jpeg.bytes.count / 3))))
        }
        screened.insert(try folder.write("broken.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]))
        try folder.write("notes.txt", Array("not an image\n".utf8))
        try folder.write("2024/empty.jpg", [])
        try FileManager.default.createSymbolicLink(atPath: folder.file("dangling.jpg"), withDestinationPath: folder.file("nowhere.jpg"))
        screened.insert(folder.file("dangling.jpg"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("loop"), withDestinationPath: folder.path)
        return (screened, 2)
    }
}

/// What a finished batch left on disk.
struct BatchOutput {
    var lines: [String]
    var files: [String]
    var records: [AuditRecord]
    var endsWithNewline: Bool

    init(results: String, store: String) throws {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: results))) ?? Data()
        endsWithNewline = data.isEmpty || data.last == UInt8(ascii: "\n")
        lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        files = lines.map { ResultLine.file(of: Array($0.utf8)) ?? "<not a result: \($0.prefix(40))>" }
        records = try AuditStore(path: store).batchRecords()
    }

    /// Paths with more than one line.
    var duplicatedFiles: [String] {
        Dictionary(grouping: files, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
    }
}

extension BatchConfiguration {
    /// A test configuration: today fixed, the embedded policy.
    static func test(inputs: [String], out: TemporaryFolder, name: String = "run", jobs: Int = 2, shard: Shard? = nil) -> BatchConfiguration {
        BatchConfiguration(inputs: inputs, resultsPath: out.file("\(name).jsonl"), storePath: out.file("\(name).sqlite"),
                           options: ScanOptions(referenceDate: GeneratedPages.today),
                           versions: AuditVersions(engine: "test", policy: AuditVersions.policy(text: VerdictPolicy.defaultText)),
                           jobs: jobs, shard: shard)
    }
}

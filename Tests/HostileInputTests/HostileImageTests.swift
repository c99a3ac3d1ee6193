import Foundation
import Imaging
import Screening
import Synchronization
import Testing

/// Hostile images through the whole scan path (`ScreeningPipeline.scan`): every one must give a result with an
/// error (`image.unreadable` or `mrz.not_found`) and the verdict `refer`, quickly and in bounded memory.
@Suite("Hostile images")
struct HostileImageTests {
    enum Case: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case empty, zeros, textNamedPNG, pngNamedJPEG, jpegNamedPNG, pngSignatureOnly, jpegStartOnly
        case pngClaiming30000, pngClaimingLargestWidth, pngWidthBeyondSpec, pngZeroSize, pngTallWithinLimit
        case png16BitClaiming20000, pngWithinLimitNoData, jpegClaiming65000, progressiveJPEGClaiming65000
        case jpegZeroSize, jpegWideWithinLimit, deflateBomb, jpegGarbageScan

        var testDescription: String { rawValue }

        /// The file's name as the caller labels it (deliberately wrong for the mislabelled cases).
        var label: String {
            switch self {
            case .textNamedPNG, .jpegNamedPNG, .zeros, .deflateBomb: "\(rawValue).png"
            case .pngNamedJPEG, .empty: "\(rawValue).jpg"
            default: rawValue.lowercased().contains("png") ? "\(rawValue).png" : "\(rawValue).jpg"
            }
        }

        func bytes() throws -> [UInt8] {
            switch self {
            case .empty: return []
            case .zeros: return [UInt8](repeating: 0, count: 4096)
            case .textNamedPNG: return Array("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n".utf8)
            case .pngNamedJPEG: return try Hostile.pagePNG()
            case .jpegNamedPNG: return try Hostile.pageJPEG()
            case .pngSignatureOnly: return Array(try Hostile.pagePNG().prefix(8))
            case .jpegStartOnly: return [0xFF, 0xD8]
            case .pngClaiming30000: return try Hostile.pngClaiming(width: 30000, height: 30000)
            case .pngClaimingLargestWidth: return try Hostile.pngClaiming(width: 0x7FFF_FFFF, height: 0x7FFF_FFFF)
            case .pngWidthBeyondSpec: return try Hostile.pngClaiming(width: 0xFFFF_FFFF, height: 1)
            case .pngZeroSize: return try Hostile.pngClaiming(width: 0, height: 0)
            case .pngTallWithinLimit: return try Hostile.pngClaiming(width: 1, height: 99_000_000)
            case .png16BitClaiming20000: return try Hostile.pngClaiming(width: 20000, height: 20000, bitDepth: 16)
            case .pngWithinLimitNoData: return try Hostile.pngClaiming(width: 3000, height: 3000)
            case .jpegClaiming65000: return try Hostile.jpegClaiming(width: 65000, height: 65000)
            case .progressiveJPEGClaiming65000: return try Hostile.jpegClaiming(width: 65000, height: 65000, progressive: true)
            case .jpegZeroSize: return try Hostile.jpegClaiming(width: 0, height: 0)
            case .jpegWideWithinLimit: return try Hostile.jpegClaiming(width: 65000, height: 1500)
            case .deflateBomb:
                // A real bomb within the pixel limit: about 5 KB that inflate to 4 MB of blank page.
                return try PNGEncoder.encode(GrayImage(width: 2000, height: 2000, fill: 255), compression: 9)
            case .jpegGarbageScan:
                // Valid headers, the entropy-coded data replaced by noise (markers escaped as the format wants).
                var bytes = try Hostile.pageJPEG()
                var rng = SplitMix64(seed: 11)
                let sos = (2..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA } ?? 2
                let start = sos + 2 + (Int(bytes[sos + 2]) << 8 | Int(bytes[sos + 3]))
                for i in start..<(bytes.count - 2) { bytes[i] = UInt8.random(in: 0...0xFE, using: &rng) }
                return bytes
            }
        }

        /// The error codes the scan may give: decoding fails, or the decoded page holds no MRZ.
        var expected: Set<String> {
            switch self {
            case .pngNamedJPEG, .jpegNamedPNG, .deflateBomb: ["mrz.not_found"]
            case .jpegGarbageScan: ["image.unreadable", "mrz.not_found"]
            default: ["image.unreadable"]
            }
        }
    }

    static func checkRefused(_ result: ScanResult, expected: Set<String>, _ what: String) throws {
        let error = try #require(result.error, "\(what): no error")
        #expect(expected.contains(error.code), "\(what): \(error.code): \(error.message)")
        #expect(!error.message.isEmpty)
        #expect(result.mrz == nil)
        #expect(result.verdict == .refer)
        #expect(result.findings.contains { $0.code == error.code })
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains("\"code\":\"\(error.code)\""))
    }

    @Test("every hostile image gives an error, never a crash or a hang", arguments: Case.allCases)
    func hostile(_ c: Case) throws {
        let bytes = try c.bytes()
        let result = withinTimeLimit(c.rawValue) { ScreeningPipeline.scan(bytes: bytes, label: c.label, options: Hostile.scanOptions) }
        #expect(result.file == c.label)
        try Self.checkRefused(result, expected: c.expected, c.rawValue)
    }

    @Test("bombs and giant frame headers stay within a few hundred MiB")
    func boundedMemory() throws {
        let bombs: [Case] = [.pngClaiming30000, .pngClaimingLargestWidth, .png16BitClaiming20000, .pngTallWithinLimit,
                             .jpegClaiming65000, .progressiveJPEGClaiming65000, .jpegWideWithinLimit, .pngWithinLimitNoData]
        let before = peakResidentMiB()
        for c in bombs {
            let result = ScreeningPipeline.scan(bytes: try c.bytes(), label: c.label, options: Hostile.scanOptions)
            #expect(result.error?.code == "image.unreadable", "\(c.rawValue)")
        }
        // Decoding any of these would take 900 MB to 4 GB; refused from the header, they take next to nothing.
        // (Other suites run beside this one, so the bound leaves room for them.)
        let growth = peakResidentMiB() - before
        #expect(growth < 384, "peak resident set grew by \(growth) MiB")
    }

    enum Sample: String, CaseIterable, Sendable { case jpeg = "td3-clean-00000.jpg", png = "mrva-flat-00000.png" }

    @Test("a genuine page cut anywhere is unreadable, not half read", arguments: Sample.allCases)
    func truncatedSample(_ sample: Sample) throws {
        let whole = try Hostile.samplePage(sample.rawValue)
        // Inside the signature, the headers, the pixel data, and just before the trailer (IEND's 12 bytes, EOI's 2).
        let end = whole.count - (sample == .png ? 12 : 2)
        let cuts = [0, 1, 2, 7, 30, 200, 1000] + stride(from: 4000, to: end, by: end / 5) + [end - 1]
        for cut in cuts {
            let result = withinTimeLimit("\(sample.rawValue) cut at \(cut)") {
                ScreeningPipeline.scan(bytes: Array(whole.prefix(cut)), label: sample.rawValue, options: Hostile.scanOptions)
            }
            try Self.checkRefused(result, expected: ["image.unreadable"], "\(sample.rawValue) cut at \(cut)")
        }
    }

    @Test("bit flips in a page without an MRZ give an error", arguments: [false, true])
    func bitFlippedPage(png: Bool) throws {
        let whole = png ? try Hostile.pagePNG() : try Hostile.pageJPEG(progressive: true)
        var rng = SplitMix64(seed: png ? 1 : 2)
        var unreadable = 0
        for round in 0..<40 {
            let bytes = Hostile.flipped(whole, bits: 1 + round % 6, rng: &rng)
            let result = withinTimeLimit("round \(round)") { ScreeningPipeline.scan(bytes: bytes, label: "flipped", options: Hostile.scanOptions) }
            try Self.checkRefused(result, expected: ["image.unreadable", "mrz.not_found"], "round \(round)")
            if result.error?.code == "image.unreadable" { unreadable += 1 }
        }
        #expect(unreadable > 0)  // flips in headers, checksums or Huffman codes must be noticed
    }

    @Test("bit flips in a genuine page's headers give an error or a reading with its findings")
    func bitFlippedSample() throws {
        let whole = try Hostile.samplePage(Sample.jpeg.rawValue)
        var rng = SplitMix64(seed: 3)
        for round in 0..<4 {
            let bytes = Hostile.flipped(whole, bits: 2 + round, in: 2..<600, rng: &rng)
            let result = withinTimeLimit("round \(round)") { ScreeningPipeline.scan(bytes: bytes, label: "flipped.jpg", options: Hostile.scanOptions) }
            if let error = result.error {
                #expect(["image.unreadable", "mrz.not_found"].contains(error.code))
                #expect(result.mrz == nil)
            } else {
                // Damage the decoder tolerates: the reading is reported with everything its text engine found.
                let reading = try #require(result.mrz)
                #expect(reading.document.format != nil)
                #expect(Set(reading.document.findings.map(\.code)).isSubset(of: Set(result.findings.map(\.code))))
            }
            _ = try JSONEncoder().encode(result)
        }
    }

    enum OnDisk: String, CaseIterable, Sendable {
        case textNamedPNG = "scan.png", pngNamedJPEG = "page.jpg", emptyJPEG = "empty.jpg", directory = "folder.png", missing = "missing.jpg"
        case linkedPNG = "linked.png", danglingLink = "dangling.jpg", fifo = "pipe.jpg"

        /// Whether the file holds a decodable page (one without an MRZ).
        var holdsPage: Bool { self == .pngNamedJPEG || self == .linkedPNG }
    }

    /// Scans the FIFO at `path` on another thread. Should the scan still be waiting for a writer after the
    /// time limit, the test fails and then opens the write end, so that the scan returns and the run goes on.
    static func scanUnblocking(fifo path: String) throws -> ScanResult {
        let outcome = Mutex<ScanResult?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let result = ScreeningPipeline.scan(path: path, options: Hostile.scanOptions)
            outcome.withLock { $0 = result }
            done.signal()
        }
        if done.wait(timeout: .now() + .seconds(Int(Hostile.timeLimit.components.seconds))) == .timedOut {
            Issue.record("scanning a FIFO blocked, waiting for a writer")
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            done.wait()
        }
        return try #require(outcome.withLock { $0 })
    }

    @Test("files on disk are judged by content, and missing or odd files are errors", arguments: OnDisk.allCases)
    func onDisk(_ file: OnDisk) throws {
        let path = Hostile.temporaryPath(file.rawValue)
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".target")
        }
        switch file {
        case .textNamedPNG: try Data("id,surname\n1,ERIKSSON\n".utf8).write(to: URL(fileURLWithPath: path))
        case .pngNamedJPEG: try Data(Hostile.pagePNG()).write(to: URL(fileURLWithPath: path))
        case .emptyJPEG: try Data().write(to: URL(fileURLWithPath: path))
        case .directory: try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        case .missing: break
        case .linkedPNG:
            try Data(Hostile.pagePNG()).write(to: URL(fileURLWithPath: path + ".target"))
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path + ".target")
        case .danglingLink: try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: path + ".gone")
        case .fifo: try #require(mkfifo(path, 0o600) == 0)
        }
        let result = file == .fifo ? try Self.scanUnblocking(fifo: path)
            : withinTimeLimit(file.rawValue) { ScreeningPipeline.scan(path: path, options: Hostile.scanOptions) }
        #expect(result.file == path)
        try Self.checkRefused(result, expected: [file.holdsPage ? "mrz.not_found" : "image.unreadable"], file.rawValue)
    }
}

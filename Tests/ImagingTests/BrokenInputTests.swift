import Foundation
import Imaging
import Testing

@Suite("Broken input")
struct BrokenInputTests {
    enum Sample: String, CaseIterable, Sendable { case jpeg, progressiveJPEG, png, interlacedPNG }

    static func bytes(_ sample: Sample) throws -> [UInt8] {
        let page = TestImages.page(width: 120, height: 90)
        switch sample {
        case .jpeg: return try JPEGEncoder.encode(TestImages.colorPage(width: 120, height: 90), quality: 85)
        case .progressiveJPEG: return try JPEGEncoder.encode(page, quality: 85, progressive: true)
        case .png: return try PNGEncoder.encode(page)
        case .interlacedPNG:
            return try PNGEncoder.encode(samples: page.pixels.map(UInt16.init), width: 120, height: 90,
                                         layout: PNGLayout(colorType: .gray, interlaced: true))
        }
    }

    @Test("truncation anywhere gives .truncated, never a silently partial image", arguments: Sample.allCases)
    func truncated(_ sample: Sample) throws {
        let whole = try Self.bytes(sample)
        let isPNG = sample == .png || sample == .interlacedPNG
        // Past the signature and before the trailer (PNG's IEND chunk, JPEG's EOI marker).
        let end = whole.count - (isPNG ? 12 : 2)
        let offsets = Set(stride(from: 8, to: end, by: max(1, end / 60)) + [8, 9, 20, end - 1])
        for offset in offsets.sorted() {
            let cut = Array(whole[0..<offset])
            #expect(throws: ImageError.self) { try ImageDecoder.decode(bytes: cut) }
            do {
                _ = try ImageDecoder.decode(bytes: cut)
            } catch let error {
                guard case .truncated(let bytesRead, let rows, let expected) = error else {
                    Issue.record("offset \(offset): \(error)")
                    continue
                }
                #expect(bytesRead <= offset)
                #expect(rows <= expected)
            }
        }
    }

    @Test("random byte flips give an image or a typed error", arguments: Sample.allCases)
    func byteFlips(_ sample: Sample) throws {
        let whole = try Self.bytes(sample)
        var rng = SplitMix64(seed: 42)
        var errors = 0
        for round in 0..<150 {
            var bytes = whole
            for _ in 0..<(1 + round % 8) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[at] = UInt8.random(in: 0...255, using: &rng)
            }
            do {
                let decoded = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(maximumPixels: 4_000_000))
                #expect(decoded.image.pixels.count == decoded.image.width * decoded.image.height)
            } catch {
                errors += 1
            }
        }
        #expect(errors > 0)  // flips in headers and checksums must be noticed
    }

    @Test("empty input and zero bytes are refused")
    func zeroBytes() {
        #expect(throws: ImageError.empty) { try ImageDecoder.decode(bytes: []) }
        #expect(throws: ImageError.unsupportedFormat(magic: [0, 0, 0, 0, 0, 0, 0, 0])) {
            try ImageDecoder.decode(bytes: [UInt8](repeating: 0, count: 4096))
        }
    }

    @Test("a text file is not taken for an image, whatever its name")
    func textFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("docscreen-\(UUID().uuidString).jpg").path
        try Data("MRZ: P<UTOERIKSSON<<ANNA<MARIA\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ImageError.unsupportedFormat(magic: Array("MRZ: P<U".utf8))) { try ImageDecoder.decode(path: path) }
    }

    @Test("files that are missing, directories or too large are refused before reading")
    func files() throws {
        #expect { try ImageDecoder.decode(path: "/nonexistent/scan.jpg") } throws: { error in
            guard case ImageError.unreadable(let path, let reason) = error else { return false }
            return path == "/nonexistent/scan.jpg" && reason.contains("No such file")
        }
        #expect { try ImageDecoder.decode(path: "/tmp") } throws: { error in
            if case ImageError.unreadable = error { return true } else { return false }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("docscreen-\(UUID().uuidString).png").path
        let bytes = try Self.bytes(.png)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ImageError.fileTooLarge(bytes: bytes.count, limit: 1000)) {
            try ImageDecoder.decode(path: path, options: DecodeOptions(maximumFileBytes: 1000))
        }
        #expect(try ImageDecoder.decode(path: path).image == TestImages.page(width: 120, height: 90))
    }

    @Test("a PNG claiming 30000x30000 is refused from its header")
    func pngBomb() throws {
        let bytes = try TestImages.pngClaiming(width: 30000, height: 30000)
        #expect(throws: ImageError.tooLarge(width: 30000, height: 30000, limit: 100_000_000)) {
            try ImageDecoder.decode(bytes: bytes)
        }
        #expect(try ImageDecoder.info(bytes: bytes).width == 30000)
        // Allowed by a larger limit, the missing data is then found out, not invented.
        #expect(throws: ImageError.self) {
            try ImageDecoder.decode(bytes: TestImages.pngClaiming(width: 3000, height: 3000))
        }
    }

    @Test("a PNG beyond libpng's user limits is refused by libpng")
    func pngUserLimit() throws {
        let bytes = try TestImages.pngClaiming(width: 2_000_000, height: 1)
        #expect { try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(maximumPixels: 10_000_000)) } throws: { error in
            if case ImageError.limitExceeded(library: "libpng", _) = error { return true } else { return false }
        }
    }

    @Test("a JPEG claiming 65000x65000 is refused from its frame header")
    func jpegBomb() throws {
        let bytes = try TestImages.jpegClaiming(width: 65000, height: 65000)
        #expect(throws: ImageError.tooLarge(width: 65000, height: 65000, limit: 100_000_000)) {
            try ImageDecoder.decode(bytes: bytes)
        }
        let smaller = try TestImages.jpegClaiming(width: 3000, height: 2000)
        #expect(throws: ImageError.tooLarge(width: 3000, height: 2000, limit: 1_000_000)) {
            try ImageDecoder.decode(bytes: smaller, options: DecodeOptions(maximumPixels: 1_000_000))
        }
        // Within the limit, the missing scan data is reported as truncation.
        #expect { try ImageDecoder.decode(bytes: smaller) } throws: { error in
            if case ImageError.truncated = error { return true } else { return false }
        }
    }

    @Test("regions outside the image are refused")
    func badRegion() throws {
        let bytes = try Self.bytes(.jpeg)
        let region = PixelRegion(x: 500, y: 0, width: 10, height: 10)
        #expect(throws: ImageError.invalidRegion(region, width: 120, height: 90)) {
            try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(region: region))
        }
    }
}

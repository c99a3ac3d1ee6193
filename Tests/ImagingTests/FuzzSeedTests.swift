import Foundation
import Imaging
import Testing

/// The fuzzer's seed corpus (fuzz/corpus/decode) is made here: tiny images covering every decode
/// path. The test checks that each seed decodes and that together they stay small; with
/// DOCSCREEN_WRITE_FUZZ_SEEDS=DIR set it also writes them to DIR.
@Suite("Fuzz seeds")
struct FuzzSeedTests {
    static func seeds() throws -> [(name: String, bytes: [UInt8])] {
        let gray = TestImages.page(width: 24, height: 16)
        let color = TestImages.colorPage(width: 24, height: 16)
        var ink = [UInt8](repeating: 0, count: 8 * 8 * 4)
        for i in 0..<ink.count { ink[i] = UInt8((i * 37) % 256) }
        let palette = PNGLayout(colorType: .palette, bitDepth: 4, palette: (0..<48).map { UInt8($0 * 5) }, paletteAlpha: [0, 128, 255])
        return [
            ("gray-baseline.jpg", try JPEGEncoder.encode(gray, quality: 75)),
            ("color-progressive.jpg", try JPEGEncoder.encode(color, quality: 75, progressive: true)),
            ("color-exif-right.jpg", try JPEGEncoder.encode(color, quality: 60, exif: ExifOrientation.right.exifPayload)),
            ("cmyk.jpg", try JPEGEncoder.encodeCMYK(pixels: ink, width: 8, height: 8, quality: 75)),
            ("ycck.jpg", try JPEGEncoder.encodeCMYK(pixels: ink, width: 8, height: 8, quality: 75, ycck: true)),
            ("gray-8.png", try PNGEncoder.encode(gray)),
            ("gray-1-interlaced.png", try PNGEncoder.encode(samples: gray.pixels.map { $0 > 128 ? 1 : 0 }, width: 24, height: 16,
                                                           layout: PNGLayout(colorType: .gray, bitDepth: 1, interlaced: true))),
            ("palette-4-trns.png", try PNGEncoder.encode(samples: gray.pixels.map { UInt16($0 % 16) }, width: 24, height: 16, layout: palette)),
            ("rgba-16.png", try PNGEncoder.encode(samples: (0..<(6 * 5 * 4)).map { UInt16($0 * 521) }, width: 6, height: 5,
                                                  layout: PNGLayout(colorType: .rgba, bitDepth: 16))),
            ("gray-alpha-8-interlaced.png", try PNGEncoder.encode(samples: (0..<(9 * 7 * 2)).map { UInt16($0 * 3 % 256) }, width: 9, height: 7,
                                                                  layout: PNGLayout(colorType: .grayAlpha, interlaced: true))),
        ]
    }

    @Test("seeds decode and stay under 20 KB together")
    func seeds() throws {
        let seeds = try Self.seeds()
        for seed in seeds {
            let decoded = try ImageDecoder.decode(bytes: seed.bytes)
            #expect(decoded.image.width > 0, "\(seed.name)")
        }
        #expect(seeds.reduce(0) { $0 + $1.bytes.count } < 20_000)
        if let directory = ProcessInfo.processInfo.environment["DOCSCREEN_WRITE_FUZZ_SEEDS"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for seed in seeds {
                try Data(seed.bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent(seed.name))
            }
        }
    }
}

import Foundation
import Imaging
import MRZText
import Screening
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A small deterministic generator (SplitMix64), so that every run damages files the same way.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Hostile files, built by the tests from small genuine ones.
enum Hostile {
    static let reference = CalendarDate(year: 2026, month: 11, day: 22)!
    /// The options every scan here uses: the production defaults (100 megapixels, 256 MiB files).
    static let scanOptions = ScanOptions(referenceDate: reference)
    /// The longest any single hostile case may take (debug build, shared machine): a hang fails the test.
    static let timeLimit = Duration.seconds(10)

    /// The repository's samples folder.
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples")

    /// A committed sample page (a generated document with a real MRZ).
    static func samplePage(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: samples.appendingPathComponent("pages").appendingPathComponent(name)))
    }

    /// A small page-like gray image with dark strokes but no MRZ.
    static func page(width: Int = 240, height: Int = 160, seed: UInt64 = 7) -> GrayImage {
        var rng = SplitMix64(seed: seed)
        var image = GrayImage(width: width, height: height, fill: 200)
        for y in 0..<height {
            for x in 0..<width {
                var v = 170 + (x * 60) / width
                if (y / 9) % 4 == 1 && (x / 5) % 6 != 0 { v -= 120 }
                v += Int.random(in: -6...6, using: &rng)
                image[x, y] = UInt8(clamping: v)
            }
        }
        return image
    }

    static func pagePNG() throws -> [UInt8] { try PNGEncoder.encode(page()) }
    static func pageJPEG(progressive: Bool = false) throws -> [UInt8] { try JPEGEncoder.encode(page(), quality: 85, progressive: progressive) }

    static func crc32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func putBE32(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(k))) }
    }

    /// A 16x16 PNG whose IHDR claims `width` × `height` (CRC fixed, so that libpng believes it): a
    /// decompression bomb's header with a body of a few dozen bytes.
    static func pngClaiming(width: UInt32, height: UInt32, bitDepth: UInt8 = 8) throws -> [UInt8] {
        var bytes = try PNGEncoder.encode(GrayImage(width: 16, height: 16, fill: 0))
        // Signature (8), IHDR length (4), "IHDR" (4): width at 16, height at 20, bit depth at 24; CRC at 29.
        putBE32(width, into: &bytes, at: 16)
        putBE32(height, into: &bytes, at: 20)
        bytes[24] = bitDepth
        putBE32(crc32(bytes[12..<29]), into: &bytes, at: 29)
        return bytes
    }

    /// A 32x32 JPEG whose frame header (SOF0/SOF2) claims `width` × `height`.
    static func jpegClaiming(width: UInt16, height: UInt16, progressive: Bool = false) throws -> [UInt8] {
        var bytes = try JPEGEncoder.encode(page(width: 32, height: 32), progressive: progressive)
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { i += 1; continue }
            let marker = bytes[i + 1]
            if marker == 0xC0 || marker == 0xC2 {
                bytes[i + 5] = UInt8(height >> 8); bytes[i + 6] = UInt8(height & 0xFF)
                bytes[i + 7] = UInt8(width >> 8); bytes[i + 8] = UInt8(width & 0xFF)
                return bytes
            }
            i += 2 + (Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]))
        }
        throw ImageError.invalidArgument("no frame header")
    }

    /// `bytes` with `count` single bits flipped at offsets drawn from `range` (clamped to the data).
    static func flipped(_ bytes: [UInt8], bits count: Int, in range: Range<Int>? = nil, rng: inout SplitMix64) -> [UInt8] {
        var out = bytes
        let r = range.map { $0.clamped(to: 0..<bytes.count) } ?? 0..<bytes.count
        for _ in 0..<count {
            let at = Int.random(in: r, using: &rng)
            out[at] ^= 1 << UInt8.random(in: 0...7, using: &rng)
        }
        return out
    }

    /// A fresh temporary path ending in `name`.
    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("docscreen-hostile-\(UUID().uuidString)-\(name)").path
    }
}

/// The process's peak resident set so far, in MiB (`getrusage`; Linux reports KiB).
func peakResidentMiB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss / 1024
}

/// Runs `body`, recording an issue when it takes longer than ``Hostile/timeLimit``.
func withinTimeLimit<R>(_ what: String, _ body: () throws -> R) rethrows -> R {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    #expect(elapsed < Hostile.timeLimit, "\(what) took \(elapsed)")
    return result
}

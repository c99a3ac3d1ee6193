import Imaging

/// A small deterministic generator (SplitMix64), so that every run sees the same "random" data.
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

enum TestImages {
    /// A page-like gray image: a smooth gradient, dark "text" strokes and a bright block at the top-left
    /// corner, so that orientation and cropping mistakes show.
    static func page(width: Int, height: Int, seed: UInt64 = 1) -> GrayImage {
        var rng = SplitMix64(seed: seed)
        var image = GrayImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                var v = 120 + (x * 80) / max(1, width) + (y * 40) / max(1, height)
                if (y / 6) % 3 == 1 && (x / 4) % 5 != 0 && x % 7 < 4 { v -= 90 }   // strokes
                v += Int.random(in: -4...4, using: &rng)
                image[x, y] = UInt8(clamping: v)
            }
        }
        for y in 0..<min(height, height / 5 + 1) {
            for x in 0..<min(width, width / 5 + 1) { image[x, y] = 250 }
        }
        return image
    }

    /// The gray page tinted into colour, as a scanner writes it.
    static func colorPage(width: Int, height: Int, seed: UInt64 = 2) -> RGBImage {
        let gray = page(width: width, height: height, seed: seed)
        var rgb = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let v = Int(gray[x, y])
                rgb[x, y] = RGBColor(red: UInt8(clamping: v + 12), green: UInt8(clamping: v), blue: UInt8(clamping: v - 15))
            }
        }
        return rgb
    }

    /// Big-endian 32-bit value written at `offset`.
    static func putBE32(_ value: UInt32, into bytes: inout [UInt8], at offset: Int) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(i))) }
    }

    /// CRC-32 as PNG chunks use it.
    static func crc32<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    /// A PNG whose IHDR is rewritten to claim `width` × `height` (CRC fixed, so libpng believes it).
    static func pngClaiming(width: UInt32, height: UInt32) throws -> [UInt8] {
        var bytes = try PNGEncoder.encode(GrayImage(width: 16, height: 16, fill: 0))
        // Signature (8), IHDR length (4), "IHDR" (4), then width at 16 and height at 20; CRC at 29.
        putBE32(width, into: &bytes, at: 16)
        putBE32(height, into: &bytes, at: 20)
        putBE32(crc32(bytes[12..<29]), into: &bytes, at: 29)
        return bytes
    }

    /// A JPEG whose frame header (SOFn) is rewritten to claim `width` × `height`.
    static func jpegClaiming(width: UInt16, height: UInt16) throws -> [UInt8] {
        var bytes = try JPEGEncoder.encode(page(width: 32, height: 32))
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { i += 1; continue }
            let marker = bytes[i + 1]
            if marker == 0xC0 || marker == 0xC2 {
                bytes[i + 5] = UInt8(height >> 8); bytes[i + 6] = UInt8(height & 0xFF)
                bytes[i + 7] = UInt8(width >> 8); bytes[i + 8] = UInt8(width & 0xFF)
                return bytes
            }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            i += 2 + length
        }
        throw ImageError.invalidArgument("no frame header")
    }
}

/// The facts of a baseline or progressive JPEG file the recompression check needs, read from its markers
/// without decoding: the luma quantisation table (natural order) and the frame size.
struct JPEGQuantization: Sendable, Equatable {
    /// The luma quantisation steps, natural (row-major) order: `steps[v * 8 + u]` for horizontal frequency `u`.
    var steps: [Int]
    var width: Int
    var height: Int

    /// The JPEG zig-zag order: `zigzag[i]` is the natural index of the `i`th coefficient.
    static let zigzag: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ]

    /// Reads the markers up to the first scan; `nil` when the bytes are not a JPEG with a frame header and the
    /// table its first component uses. O(header size).
    init?(_ bytes: [UInt8]) {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var tables: [Int: [Int]] = [:]
        var lumaTable: Int?
        var width = 0, height = 0
        var i = 2
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }
            if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 { i += 2; continue }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return nil }
            let body = (i + 4)..<(i + 2 + length)
            switch marker {
            case 0xDB:
                var j = body.lowerBound
                while j < body.upperBound {
                    let precision = Int(bytes[j] >> 4), id = Int(bytes[j] & 0x0F)
                    let size = precision == 0 ? 64 : 128
                    guard j + 1 + size <= body.upperBound else { return nil }
                    var steps = [Int](repeating: 1, count: 64)
                    for k in 0..<64 {
                        let value = precision == 0 ? Int(bytes[j + 1 + k]) : (Int(bytes[j + 1 + 2 * k]) << 8 | Int(bytes[j + 2 + 2 * k]))
                        steps[JPEGQuantization.zigzag[k]] = max(1, value)
                    }
                    tables[id] = steps
                    j += 1 + size
                }
            case 0xC0, 0xC1, 0xC2:
                guard length >= 8 + 3 else { return nil }
                height = Int(bytes[body.lowerBound + 1]) << 8 | Int(bytes[body.lowerBound + 2])
                width = Int(bytes[body.lowerBound + 3]) << 8 | Int(bytes[body.lowerBound + 4])
                lumaTable = Int(bytes[body.lowerBound + 8])
            case 0xDA:
                guard let id = lumaTable, let steps = tables[id], width > 0, height > 0 else { return nil }
                self.steps = steps
                self.width = width
                self.height = height
                return
            default:
                break
            }
            i += 2 + length
        }
        return nil
    }
}

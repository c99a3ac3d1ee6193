import CDocScreenPNG

/// A PNG colour type (IHDR), with the bit depths the format allows for it.
public enum PNGColorType: Int, Sendable, Equatable, Hashable, CaseIterable {
    /// Luma: 1, 2, 4, 8 or 16 bits.
    case gray = 0
    /// RGB: 8 or 16 bits.
    case rgb = 2
    /// Palette indexes: 1, 2, 4 or 8 bits.
    case palette = 3
    /// Luma and alpha: 8 or 16 bits.
    case grayAlpha = 4
    /// RGB and alpha: 8 or 16 bits.
    case rgba = 6

    /// Samples per pixel.
    public var channels: Int {
        switch self {
        case .gray, .palette: 1
        case .grayAlpha: 2
        case .rgb: 3
        case .rgba: 4
        }
    }

    /// The bit depths the PNG specification allows for this colour type.
    public var allowedBitDepths: [Int] {
        switch self {
        case .gray: [1, 2, 4, 8, 16]
        case .palette: [1, 2, 4, 8]
        case .rgb, .grayAlpha, .rgba: [8, 16]
        }
    }
}

/// How a PNG is to be laid out: colour type, bit depth, interlacing and optional palette/transparency.
public struct PNGLayout: Sendable, Equatable {
    /// The colour type.
    public var colorType: PNGColorType
    /// Bits per sample (see `PNGColorType.allowedBitDepths`).
    public var bitDepth: Int
    /// Adam7 interlacing.
    public var interlaced: Bool
    /// Palette entries as RGB triplets (`.palette` only), at most 256.
    public var palette: [UInt8]
    /// Alpha per palette entry (tRNS for `.palette`), possibly shorter than the palette.
    public var paletteAlpha: [UInt8]
    /// The single transparent gray (one value) or RGB (three values) sample (tRNS for `.gray`/`.rgb`).
    public var transparentColor: [UInt16]?

    /// A layout; palette and transparency default to none.
    public init(colorType: PNGColorType, bitDepth: Int = 8, interlaced: Bool = false, palette: [UInt8] = [],
                paletteAlpha: [UInt8] = [], transparentColor: [UInt16]? = nil) {
        self.colorType = colorType
        self.bitDepth = bitDepth
        self.interlaced = interlaced
        self.palette = palette
        self.paletteAlpha = paletteAlpha
        self.transparentColor = transparentColor
    }
}

/// Writes PNG through libpng: gray and RGB images, and any colour type/bit depth from raw samples.
public enum PNGEncoder {
    /// A gray image as an 8-bit gray PNG. `compression` 0...9 (zlib level). O(pixels).
    public static func encode(_ image: GrayImage, compression: Int = 6) throws(ImageError) -> [UInt8] {
        var packed = [UInt8]()
        packed.reserveCapacity(image.width * image.height)
        for y in 0..<image.height { packed += image.row(y) }
        return try encode(packedRows: packed, width: image.width, height: image.height,
                          layout: PNGLayout(colorType: .gray), compression: compression)
    }

    /// An RGB image as an 8-bit RGB PNG (annotated output). O(pixels).
    public static func encode(_ image: RGBImage, compression: Int = 6) throws(ImageError) -> [UInt8] {
        try encode(packedRows: image.pixels, width: image.width, height: image.height,
                   layout: PNGLayout(colorType: .rgb), compression: compression)
    }

    /// Samples (one `UInt16` per channel per pixel, row-major, each below 2^bitDepth) packed as the
    /// layout says and written. O(pixels).
    public static func encode(samples: [UInt16], width: Int, height: Int, layout: PNGLayout, compression: Int = 6) throws(ImageError) -> [UInt8] {
        let channels = layout.colorType.channels, depth = layout.bitDepth
        guard samples.count == width * height * channels else {
            throw .invalidArgument("\(samples.count) samples cannot fill \(width)x\(height)x\(channels)")
        }
        guard layout.colorType.allowedBitDepths.contains(depth) else {
            throw .invalidArgument("bit depth \(depth) is not allowed for \(layout.colorType)")
        }
        let limit = UInt16(truncatingIfNeeded: (1 << depth) - 1)
        let rowBytes = (width * channels * depth + 7) / 8
        var packed = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            for i in 0..<(width * channels) {
                let value = min(samples[y * width * channels + i], depth == 16 ? UInt16.max : limit)
                switch depth {
                case 16:
                    packed[y * rowBytes + 2 * i] = UInt8(value >> 8)
                    packed[y * rowBytes + 2 * i + 1] = UInt8(value & 0xFF)
                case 8:
                    packed[y * rowBytes + i] = UInt8(value)
                default:
                    let bit = i * depth, shift = 8 - depth - bit % 8
                    packed[y * rowBytes + bit / 8] |= UInt8(value) << shift
                }
            }
        }
        return try encode(packedRows: packed, width: width, height: height, layout: layout, compression: compression)
    }

    /// Rows already packed as PNG stores them (`ceil(width × channels × bitDepth / 8)` bytes a row,
    /// 16-bit samples big-endian, small depths high bit first). O(bytes).
    public static func encode(packedRows: [UInt8], width: Int, height: Int, layout: PNGLayout, compression: Int = 6) throws(ImageError) -> [UInt8] {
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .invalidArgument("PNG cannot hold \(width)x\(height) pixels")
        }
        let rowBytes = (width * layout.colorType.channels * layout.bitDepth + 7) / 8
        guard packedRows.count == rowBytes * height else {
            throw .invalidArgument("\(packedRows.count) bytes are not \(height) rows of \(rowBytes)")
        }
        guard layout.palette.count % 3 == 0, layout.palette.count <= 768, layout.paletteAlpha.count <= 256 else {
            throw .invalidArgument("palette must be at most 256 RGB triplets")
        }
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        var message = [CChar](repeating: 0, count: 256)
        let transparent: [UInt16] = layout.transparentColor.map { $0.count == 1 ? [$0[0], $0[0], $0[0]] : $0 } ?? []
        guard transparent.isEmpty || transparent.count == 3 else { throw .invalidArgument("transparent colour needs 1 or 3 samples") }
        let code: Int = packedRows.withUnsafeBufferPointer { rows in
            layout.palette.withUnsafeBufferPointer { palette in
                layout.paletteAlpha.withUnsafeBufferPointer { alpha in
                    transparent.withUnsafeBufferPointer { color in
                        message.withUnsafeMutableBufferPointer { text in
                            Int(dsp_encode(rows.baseAddress, rowBytes, UInt32(width), UInt32(height),
                                       Int32(layout.colorType.rawValue), Int32(layout.bitDepth), layout.interlaced ? 1 : 0,
                                       palette.isEmpty ? nil : palette.baseAddress, Int32(palette.count / 3),
                                       alpha.isEmpty ? nil : alpha.baseAddress, Int32(alpha.count),
                                       color.isEmpty ? nil : color.baseAddress, Int32(compression),
                                       &out, &length, text.baseAddress, text.count))
                        }
                    }
                }
            }
        }
        guard code == DSP_OK, let out else {
            let text = message.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw .encodingFailed(library: PNGDecoding.library, message: text)
        }
        defer { dsp_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: length))
    }
}

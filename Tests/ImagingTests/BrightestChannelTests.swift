import Imaging
import Testing

/// Decoding a colour file to its brightest channel (``GrayConversion/brightestChannel``): coloured print pales to
/// the paper, black and grey print stay as in luma.
@Suite("Brightest channel")
struct BrightestChannelTests {
    /// A patch of colour `colour` and what it decodes to in each conversion.
    struct Patch: Sendable {
        var x: Int, y: Int
        var colour: RGBColor
        var brightest: Double { Double(max(colour.red, colour.green, colour.blue)) }
        var luma: Double { 0.299 * Double(colour.red) + 0.587 * Double(colour.green) + 0.114 * Double(colour.blue) }
    }

    /// 16 × 16 patches on paper: black print, a red stamp, a blue mark, grey, green; 96 × 32 pixels.
    static let patches = [
        Patch(x: 0, y: 0, colour: RGBColor(red: 245, green: 243, blue: 238)),
        Patch(x: 16, y: 0, colour: RGBColor(red: 12, green: 12, blue: 14)),
        Patch(x: 32, y: 0, colour: RGBColor(red: 215, green: 35, blue: 40)),
        Patch(x: 48, y: 0, colour: RGBColor(red: 40, green: 50, blue: 190)),
        Patch(x: 64, y: 0, colour: RGBColor(red: 110, green: 110, blue: 110)),
        Patch(x: 80, y: 16, colour: RGBColor(red: 60, green: 170, blue: 70)),
    ]

    static func image() throws -> RGBImage {
        var pixels = [UInt8](repeating: 250, count: 96 * 32 * 3)
        for patch in patches {
            for y in patch.y..<(patch.y + 16) {
                for x in patch.x..<(patch.x + 16) {
                    let i = (y * 96 + x) * 3
                    pixels[i] = patch.colour.red
                    pixels[i + 1] = patch.colour.green
                    pixels[i + 2] = patch.colour.blue
                }
            }
        }
        return try RGBImage(width: 96, height: 32, pixels: pixels)
    }

    enum Encoding: String, CaseIterable, Sendable { case png, interlacedPNG, jpeg }

    static func encoded(_ encoding: Encoding) throws -> [UInt8] {
        let image = try image()
        switch encoding {
        case .png: return try PNGEncoder.encode(image)
        case .interlacedPNG:
            return try PNGEncoder.encode(packedRows: image.pixels, width: 96, height: 32, layout: PNGLayout(colorType: .rgb, interlaced: true))
        case .jpeg: return try JPEGEncoder.encode(image, quality: 98)
        }
    }

    @Test("colour pales to its brightest channel, black and grey do not", arguments: Encoding.allCases)
    func patchesDecode(encoding: Encoding) throws {
        let bytes = try Self.encoded(encoding)
        let brightest = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(grayConversion: .brightestChannel)).image
        let luma = try ImageDecoder.decode(bytes: bytes).image
        // Patch centres: JPEG's subsampled chroma blurs only the edges.
        let tolerance: Double = encoding == .jpeg ? 8 : 1
        for patch in Self.patches {
            let x = patch.x + 8, y = patch.y + 8
            #expect(abs(Double(brightest[x, y]) - patch.brightest) <= tolerance, "\(patch.colour): \(brightest[x, y])")
            #expect(abs(Double(luma[x, y]) - patch.luma) <= tolerance, "\(patch.colour): \(luma[x, y])")
        }
    }

    @Test("a region decodes to the same pixels as the whole image", arguments: Encoding.allCases)
    func region(encoding: Encoding) throws {
        let bytes = try Self.encoded(encoding)
        let whole = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(grayConversion: .brightestChannel)).image
        let region = PixelRegion(x: 24, y: 4, width: 48, height: 24)
        let part = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(region: region, grayConversion: .brightestChannel))
        #expect(part.region.x <= region.x && part.region.y <= region.y)
        #expect(part.region.x + part.region.width >= region.x + region.width && part.region.y + part.region.height >= region.y + region.height)
        for y in 0..<part.image.height {
            for x in 0..<part.image.width {
                let wx = part.region.x + x, wy = part.region.y + y
                #expect(abs(Int(part.image[x, y]) - Int(whole[wx, wy])) <= (encoding == .jpeg ? 2 : 0), "(\(wx), \(wy))")
            }
        }
    }

    @Test("a grey file decodes the same either way")
    func grayUnchanged() throws {
        let gray = TestImages.page(width: 64, height: 48)
        for bytes in [try PNGEncoder.encode(gray), try JPEGEncoder.encode(gray, quality: 90)] {
            let luma = try ImageDecoder.decode(bytes: bytes).image
            let brightest = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(grayConversion: .brightestChannel)).image
            #expect(luma == brightest)
        }
    }
}

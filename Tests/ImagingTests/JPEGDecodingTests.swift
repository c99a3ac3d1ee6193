import Imaging
import Testing

@Suite("JPEG decoding")
struct JPEGDecodingTests {
    static let page = TestImages.page(width: 213, height: 151)
    static let colorPage = TestImages.colorPage(width: 213, height: 151)

    enum Kind: String, CaseIterable, Sendable { case gray, grayProgressive, color, colorProgressive }

    static func encode(_ kind: Kind, exif: [UInt8]? = nil) throws -> [UInt8] {
        switch kind {
        case .gray: try JPEGEncoder.encode(page, quality: 92, exif: exif)
        case .grayProgressive: try JPEGEncoder.encode(page, quality: 92, progressive: true, exif: exif)
        case .color: try JPEGEncoder.encode(colorPage, quality: 92, exif: exif)
        case .colorProgressive: try JPEGEncoder.encode(colorPage, quality: 92, progressive: true, exif: exif)
        }
    }

    static func source(_ kind: Kind) -> GrayImage {
        kind == .gray || kind == .grayProgressive ? page : colorPage.luma()
    }

    @Test("baseline and progressive, gray and YCbCr decode close to the source", arguments: Kind.allCases)
    func roundTrip(_ kind: Kind) throws {
        let decoded = try ImageDecoder.decode(bytes: Self.encode(kind))
        #expect(decoded.format == .jpeg)
        #expect(decoded.info.progressive == (kind == .grayProgressive || kind == .colorProgressive))
        #expect(decoded.info.colorModel == (kind == .gray || kind == .grayProgressive ? .gray : .ycbcr))
        #expect(decoded.warningCount == 0)
        let mad = try #require(decoded.image.meanAbsoluteDifference(to: Self.source(kind)))
        #expect(mad < 3.0, "mean absolute difference \(mad)")
    }

    @Test("CMYK and YCCK JPEGs decode to the luma of the ink", arguments: [false, true])
    func cmyk(ycck: Bool) throws {
        // Ink from the page: dark strokes in K, a cyan tint growing to the right.
        let w = 64, h = 48
        let page = TestImages.page(width: w, height: h)
        var ink = [UInt8](repeating: 0, count: w * h * 4)
        var expected = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let k = 255 - Int(page[x, y]), c = x * 2
                ink[(y * w + x) * 4] = UInt8(c)
                ink[(y * w + x) * 4 + 3] = UInt8(k)
                let white = Double(255 - k) / 255
                expected[y * w + x] = UInt8((0.299 * Double(255 - c) * white + 0.587 * 255 * white + 0.114 * 255 * white).rounded())
            }
        }
        let bytes = try JPEGEncoder.encodeCMYK(pixels: ink, width: w, height: h, quality: 95, ycck: ycck)
        let decoded = try ImageDecoder.decode(bytes: bytes)
        #expect(decoded.info.colorModel == (ycck ? .ycck : .cmyk))
        let mad = try #require(decoded.image.meanAbsoluteDifference(to: GrayImage(width: w, height: h, pixels: expected)))
        #expect(mad < 3.0, "mean absolute difference \(mad)")
    }

    @Test("each EXIF orientation is read and applied", arguments: ExifOrientation.allCases)
    func orientation(_ orientation: ExifOrientation) throws {
        let bytes = try Self.encode(.gray, exif: orientation.exifPayload)
        let stored = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(appliesOrientation: false))
        #expect(stored.info.orientation == orientation)
        #expect(stored.orientationApplied == .up)
        #expect(stored.image.width == 213 && stored.image.height == 151)

        let shown = try ImageDecoder.decode(bytes: bytes)
        #expect(shown.orientationApplied == orientation)
        #expect(shown.image == stored.image.applying(orientation))
        let size = orientation.displaySize(width: 213, height: 151)
        #expect(shown.fullWidth == size.width && shown.fullHeight == size.height)
        // Independent check of the geometry: the bright block stored top-left must land where the
        // EXIF table says the stored top row and left column go.
        let corner: (x: Int, y: Int) = switch orientation {
        case .up, .leftMirrored: (2, 2)
        case .upMirrored, .right: (size.width - 3, 2)
        case .down, .rightMirrored: (size.width - 3, size.height - 3)
        case .downMirrored, .left: (2, size.height - 3)
        }
        #expect(shown.image[corner.x, corner.y] > 235)
        #expect(shown.image[size.width / 2, size.height / 2] < 235)
    }

    @Test("DCT-scaled decodes match the full decode box-averaged",
          arguments: [Kind.gray, .color, .colorProgressive], [DecodeScale.half, .quarter, .eighth])
    func scaled(_ kind: Kind, _ scale: DecodeScale) throws {
        let bytes = try Self.encode(kind)
        let full = try ImageDecoder.decode(bytes: bytes).image
        let small = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(scale: scale))
        let reference = full.downscaled(by: scale.denominator)
        #expect(small.image.width == reference.width && small.image.height == reference.height)
        #expect(small.scale == scale)
        let mad = try #require(small.image.meanAbsoluteDifference(to: reference))
        #expect(mad < 3.0, "mean absolute difference \(mad)")
    }

    @Test("region decodes equal the same region of a full decode",
          arguments: [Kind.gray, .color, .grayProgressive, .colorProgressive],
          [PixelRegion(x: 0, y: 120, width: 213, height: 31),   // bottom band, full width
           PixelRegion(x: 37, y: 50, width: 90, height: 41),    // crop off the iMCU grid
           PixelRegion(x: 200, y: 140, width: 100, height: 100)])  // runs past the corner: clamped
    func region(_ kind: Kind, _ region: PixelRegion) throws {
        let bytes = try Self.encode(kind)
        let full = try ImageDecoder.decode(bytes: bytes).image
        let part = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(region: region))
        let clamped = try #require(region.clamped(width: 213, height: 151))
        #expect(part.region == clamped)
        #expect(part.image == full.cropped(to: clamped))
    }

    @Test("a region is given in displayed coordinates when orientation is applied", arguments: [ExifOrientation.right, .left, .down, .rightMirrored])
    func orientedRegion(_ orientation: ExifOrientation) throws {
        let bytes = try Self.encode(.color, exif: orientation.exifPayload)
        let full = try ImageDecoder.decode(bytes: bytes).image
        let region = PixelRegion(x: 10, y: 30, width: 60, height: 100)
        let part = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(region: region))
        #expect(part.region == region)
        #expect(part.image == full.cropped(to: region))
    }

    @Test("a scaled region covers whole scaled pixels and matches the scaled full decode")
    func scaledRegion() throws {
        let bytes = try Self.encode(.color)
        let full = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(scale: .quarter)).image
        let part = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(scale: .quarter, region: PixelRegion(x: 50, y: 121, width: 100, height: 30)))
        #expect(part.region == PixelRegion(x: 48, y: 120, width: 104, height: 31))
        #expect(part.image == full.cropped(to: PixelRegion(x: 12, y: 30, width: 26, height: 8)))
    }

    @Test("libjpeg's corrupt-data warnings are routed into the result")
    func warnings() throws {
        var bytes = try Self.encode(.gray)
        // Junk between two marker segments (before SOS), which libjpeg skips with a warning.
        let sos = try #require((2..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA })
        bytes.insert(contentsOf: [0x12, 0x34, 0x56], at: sos)
        let decoded = try ImageDecoder.decode(bytes: bytes)
        #expect(decoded.warningCount == 1)
        #expect(decoded.warnings.first?.contains("extraneous bytes") == true)
        #expect(decoded.image == (try ImageDecoder.decode(bytes: Self.encode(.gray)).image))
    }

    @Test("header-only reads report the facts")
    func info() throws {
        let info = try ImageDecoder.info(bytes: Self.encode(.colorProgressive, exif: ExifOrientation.left.exifPayload))
        #expect(info == ImageInfo(format: .jpeg, width: 213, height: 151, colorModel: .ycbcr, bitDepth: 8, progressive: true, orientation: .left))
    }
}

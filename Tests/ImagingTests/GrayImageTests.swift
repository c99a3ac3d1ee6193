import Imaging
import Testing

@Suite("Gray images and orientation")
struct GrayImageTests {
    /// A 3x2 image with distinct pixels: 1 2 3 / 4 5 6.
    static let small = try! GrayImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])

    @Test("orientation transforms follow the EXIF table", arguments: [
        (ExifOrientation.up, [UInt8]([1, 2, 3, 4, 5, 6])),
        (.upMirrored, [3, 2, 1, 6, 5, 4]),
        (.down, [6, 5, 4, 3, 2, 1]),
        (.downMirrored, [4, 5, 6, 1, 2, 3]),
        (.leftMirrored, [1, 4, 2, 5, 3, 6]),
        (.right, [4, 1, 5, 2, 6, 3]),
        (.rightMirrored, [6, 3, 5, 2, 4, 1]),
        (.left, [3, 6, 2, 5, 1, 4]),
    ])
    func orientation(_ orientation: ExifOrientation, _ expected: [UInt8]) {
        let shown = Self.small.applying(orientation)
        #expect(shown.pixels == expected)
        #expect(shown.width == (orientation.swapsAxes ? 2 : 3))
        // Point and region mappings agree with the pixels moved.
        for y in 0..<shown.height {
            for x in 0..<shown.width {
                let s = orientation.storedPoint(x: x, y: y, width: 3, height: 2)
                #expect(shown[x, y] == Self.small[s.x, s.y])
                let back = orientation.displayedPoint(x: s.x, y: s.y, width: 3, height: 2)
                #expect(back.x == x && back.y == y)
            }
        }
        let region = PixelRegion(x: 0, y: 0, width: 1, height: 2)
        let stored = orientation.storedRegion(region, width: 3, height: 2)
        #expect(orientation.displayedRegion(stored, width: 3, height: 2) == region)
    }

    @Test("rotation helpers compose")
    func rotations() {
        let page = TestImages.page(width: 31, height: 17)
        #expect(page.rotated90().rotated90() == page.rotated180())
        #expect(page.rotated90().rotated270() == page)
        #expect(page.mirroredHorizontally().mirroredVertically() == page.rotated180())
    }

    @Test("downscaling averages blocks, partial blocks included")
    func downscale() throws {
        let image = try GrayImage(width: 3, height: 3, pixels: [0, 10, 100, 20, 30, 200, 50, 50, 7])
        let half = image.downscaled(by: 2)
        #expect(half.pixels == [15, 150, 50, 7])
    }

    @Test("downscaling matches the block mean at every width and factor", arguments: [1, 13, 16, 17, 35, 70], [2, 3, 4])
    func downscaleMatchesBlockMeans(width: Int, factor: Int) {
        let page = TestImages.page(width: width, height: 11, seed: UInt64(width * 10 + factor))
        let small = page.downscaled(by: factor)
        #expect(small.width == (width + factor - 1) / factor && small.height == (11 + factor - 1) / factor)
        for oy in 0..<small.height {
            for ox in 0..<small.width {
                var sum = 0, count = 0
                for y in (oy * factor)..<min(11, oy * factor + factor) {
                    for x in (ox * factor)..<min(width, ox * factor + factor) { sum += Int(page[x, y]); count += 1 }
                }
                #expect(Int(small[ox, oy]) == (2 * sum + count) / (2 * count), "block (\(ox), \(oy))")
            }
        }
    }

    @Test("doubling samples the image bilinearly at the output's pixel centres, clamped at the edges",
          arguments: [(1, 1), (2, 3), (13, 7), (31, 17)])
    func doubledMatchesBilinear(size: (Int, Int)) {
        let (w, h) = size
        let page = TestImages.page(width: w, height: h, seed: UInt64(w * 100 + h))
        let big = page.doubled()
        #expect(big.width == 2 * w && big.height == 2 * h)
        func at(_ x: Int, _ y: Int) -> Double { Double(page[min(max(x, 0), w - 1), min(max(y, 0), h - 1)]) }
        for oy in 0..<big.height {
            for ox in 0..<big.width {
                // The output pixel's centre in the image, clamped, and the four pixels around it.
                let sx = min(max((Double(ox) + 0.5) / 2 - 0.5, 0), Double(w - 1))
                let sy = min(max((Double(oy) + 0.5) / 2 - 0.5, 0), Double(h - 1))
                let x0 = Int(sx), y0 = Int(sy), fx = sx - Double(x0), fy = sy - Double(y0)
                let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
                let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
                let expected = top * (1 - fy) + bottom * fy
                #expect(abs(Double(big[ox, oy]) - expected) <= 0.5 + 1e-9, "pixel (\(ox), \(oy))")
            }
        }
    }

    @Test("cropping clamps to the image")
    func crop() {
        #expect(Self.small.cropped(to: PixelRegion(x: 1, y: 1, width: 5, height: 5))?.pixels == [5, 6])
        #expect(Self.small.cropped(to: PixelRegion(x: 3, y: 0, width: 1, height: 1)) == nil)
    }

    @Test("the EXIF parser reads both byte orders and refuses junk")
    func exifParser() {
        #expect(ExifOrientation(exif: ExifOrientation.left.exifPayload) == .left)
        let bigEndian: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]
        #expect(ExifOrientation(exif: bigEndian) == .right)
        #expect(ExifOrientation(exif: [UInt8](repeating: 0xFF, count: 40)) == nil)
        var outOfRange = ExifOrientation.up.exifPayload
        outOfRange[6 + 8 + 2 + 8] = 9
        #expect(ExifOrientation(exif: outOfRange) == nil)
        #expect(ExifOrientation(exif: Array(ExifOrientation.down.exifPayload.prefix(20))) == nil)
    }

    @Test("formats are sniffed from magic bytes", arguments: [
        ([UInt8]([0xFF, 0xD8, 0xFF, 0xE0]), ImageFormat?.some(.jpeg)),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], .png),
        ([0x89, 0x50, 0x4E, 0x47], nil),
        (Array("GIF89a".utf8), nil),
    ])
    func sniff(_ bytes: [UInt8], _ format: ImageFormat?) {
        #expect(ImageFormat.sniff(bytes) == format)
    }

    @Test("RGB images draw rectangles and give luma")
    func rgb() throws {
        var image = RGBImage(TestImages.page(width: 20, height: 20))
        image.strokeRectangle(PixelRegion(x: 2, y: 2, width: 10, height: 10), color: .red, thickness: 1)
        #expect(image[2, 5] == .red && image[11, 11] == .red)
        #expect(image[5, 5] != .red)
        let png = try PNGEncoder.encode(image)
        let decoded = try ImageDecoder.decode(bytes: png)
        #expect(decoded.info.colorModel == .rgb)
        #expect(decoded.image[2, 5] == 76)  // red's luma
    }
}

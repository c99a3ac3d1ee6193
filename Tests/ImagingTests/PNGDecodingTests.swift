import Imaging
import Testing

/// Expected luma of an 8-bit RGB colour as the decoder computes it (BT.601 weights).
private func luma(_ r: Double, _ g: Double, _ b: Double) -> Double { 0.299 * r + 0.587 * g + 0.114 * b }

/// Alpha composited on white, 8-bit.
private func onWhite(_ value: Double, alpha: Double) -> Double { value * alpha + 255 * (1 - alpha) }

struct PNGCase: CustomTestStringConvertible, Sendable {
    var colorType: PNGColorType
    var bitDepth: Int
    var interlaced: Bool
    var testDescription: String { "\(colorType) \(bitDepth)-bit\(interlaced ? " interlaced" : "")" }

    static let all: [PNGCase] = PNGColorType.allCases.flatMap { type in
        type.allowedBitDepths.flatMap { depth in [false, true].map { PNGCase(colorType: type, bitDepth: depth, interlaced: $0) } }
    }
}

@Suite("PNG decoding")
struct PNGDecodingTests {
    /// Samples for a `width` × `height` image of the case, and the luma (0...255) each pixel should decode to.
    static func fixture(_ c: PNGCase, width: Int, height: Int) -> (samples: [UInt16], layout: PNGLayout, expected: [Double]) {
        let maxValue = Double((1 << c.bitDepth) - 1)
        var samples: [UInt16] = []
        var expected: [Double] = []
        var layout = PNGLayout(colorType: c.colorType, bitDepth: c.bitDepth, interlaced: c.interlaced)
        var rng = SplitMix64(seed: UInt64(c.colorType.rawValue * 100 + c.bitDepth))
        func sample() -> UInt16 { UInt16(truncatingIfNeeded: rng.next() % UInt64(maxValue + 1)) }
        func to8(_ s: UInt16) -> Double { Double(s) * 255 / maxValue }
        if c.colorType == .palette {
            let entries = 1 << c.bitDepth
            var palette: [UInt8] = [], alpha: [UInt8] = []
            for i in 0..<entries {
                palette += [UInt8((i * 53) % 256), UInt8((i * 97 + 40) % 256), UInt8((i * 31 + 200) % 256)]
                alpha.append(UInt8((i * 71) % 256))
            }
            layout.palette = palette
            layout.paletteAlpha = alpha
            for _ in 0..<(width * height) {
                let index = Int(sample())
                samples.append(UInt16(index))
                let p = palette[(3 * index)..<(3 * index + 3)].map(Double.init)
                expected.append(onWhite(luma(p[0], p[1], p[2]), alpha: Double(alpha[index]) / 255))
            }
            return (samples, layout, expected)
        }
        for _ in 0..<(width * height) {
            switch c.colorType {
            case .gray:
                let v = sample(); samples.append(v); expected.append(to8(v))
            case .grayAlpha:
                let v = sample(), a = sample(); samples += [v, a]
                expected.append(onWhite(to8(v), alpha: Double(a) / maxValue))
            case .rgb:
                let r = sample(), g = sample(), b = sample(); samples += [r, g, b]
                expected.append(luma(to8(r), to8(g), to8(b)))
            case .rgba:
                let r = sample(), g = sample(), b = sample(), a = sample(); samples += [r, g, b, a]
                expected.append(onWhite(luma(to8(r), to8(g), to8(b)), alpha: Double(a) / maxValue))
            case .palette:
                break
            }
        }
        return (samples, layout, expected)
    }

    @Test("every colour type and bit depth decodes to luma on white", arguments: PNGCase.all)
    func everyLayout(_ c: PNGCase) throws {
        let width = 37, height = 23
        let (samples, layout, expected) = Self.fixture(c, width: width, height: height)
        let bytes = try PNGEncoder.encode(samples: samples, width: width, height: height, layout: layout)
        let decoded = try ImageDecoder.decode(bytes: bytes)
        #expect(decoded.format == .png)
        #expect(decoded.info.bitDepth == c.bitDepth)
        #expect(decoded.info.progressive == c.interlaced)
        #expect(decoded.image.width == width && decoded.image.height == height)
        #expect(decoded.warningCount == 0)
        var worst = 0.0
        for i in 0..<(width * height) {
            worst = max(worst, abs(Double(decoded.image.pixels[i]) - expected[i]))
        }
        // Fixed-point luma, 16-to-8 scaling and compositing each round once.
        #expect(worst <= 2.0, "largest error \(worst)")
    }

    @Test("a transparent gray colour (tRNS) is composited on white")
    func transparentGray() throws {
        let samples: [UInt16] = [0, 100, 200, 100]
        let layout = PNGLayout(colorType: .gray, bitDepth: 8, transparentColor: [100])
        let decoded = try ImageDecoder.decode(bytes: PNGEncoder.encode(samples: samples, width: 2, height: 2, layout: layout))
        #expect(decoded.image.pixels == [0, 255, 200, 255])
    }

    @Test("gray images round-trip exactly")
    func grayRoundTrip() throws {
        let page = TestImages.page(width: 101, height: 67)
        let decoded = try ImageDecoder.decode(bytes: PNGEncoder.encode(page))
        #expect(decoded.image == page)
        #expect(decoded.info.colorModel == .gray)
    }

    @Test("RGB encoding decodes to the image's luma")
    func rgbRoundTrip() throws {
        let page = TestImages.colorPage(width: 40, height: 30)
        let decoded = try ImageDecoder.decode(bytes: PNGEncoder.encode(page))
        let mad = try #require(decoded.image.meanAbsoluteDifference(to: page.luma()))
        // libpng's rgb_to_gray truncates instead of rounding: at most one level below the rounded luma.
        #expect(mad <= 1.0)
        for i in 0..<decoded.image.pixels.count {
            let difference = Int(page.luma().pixels[i]) - Int(decoded.image.pixels[i])
            #expect((0...1).contains(difference))
            if !(0...1).contains(difference) { break }
        }
    }

    @Test("scaled PNG decodes equal the full decode box-averaged", arguments: [DecodeScale.half, .quarter, .eighth])
    func scaled(_ scale: DecodeScale) throws {
        let page = TestImages.page(width: 203, height: 117)
        let bytes = try PNGEncoder.encode(page)
        let decoded = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(scale: scale))
        #expect(decoded.image == page.downscaled(by: scale.denominator))
        #expect(decoded.region == PixelRegion(x: 0, y: 0, width: 203, height: 117))
    }

    @Test("region decodes equal the same region of a full decode", arguments: [false, true])
    func region(interlaced: Bool) throws {
        let page = TestImages.page(width: 90, height: 70)
        let samples = page.pixels.map(UInt16.init)
        let bytes = try PNGEncoder.encode(samples: samples, width: 90, height: 70,
                                          layout: PNGLayout(colorType: .gray, interlaced: interlaced))
        let region = PixelRegion(x: 13, y: 50, width: 40, height: 30)  // runs past the bottom: clamped
        let decoded = try ImageDecoder.decode(bytes: bytes, options: DecodeOptions(region: region))
        let expectedRegion = PixelRegion(x: 13, y: 50, width: 40, height: 20)
        #expect(decoded.region == expectedRegion)
        #expect(decoded.image == page.cropped(to: expectedRegion))
    }

    @Test("an eXIf orientation in a PNG is applied")
    func exifChunk() throws {
        // PNG with an eXIf chunk before IDAT, written by hand: signature, IHDR, eXIf, then the rest.
        let page = TestImages.page(width: 20, height: 10)
        let plain = try PNGEncoder.encode(page)
        let tiff = Array(ExifOrientation.right.exifPayload.dropFirst(6))
        var chunk: [UInt8] = [0, 0, 0, 0] + Array("eXIf".utf8) + tiff + [0, 0, 0, 0]
        TestImages.putBE32(UInt32(tiff.count), into: &chunk, at: 0)
        TestImages.putBE32(TestImages.crc32(chunk[4..<(8 + tiff.count)]), into: &chunk, at: 8 + tiff.count)
        let bytes = Array(plain[0..<33]) + chunk + Array(plain[33...])
        let decoded = try ImageDecoder.decode(bytes: bytes)
        #expect(decoded.info.orientation == .right)
        #expect(decoded.image == page.rotated90())
    }
}

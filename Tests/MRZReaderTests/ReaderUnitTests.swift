import Imaging
import MRZText
import Testing
@testable import MRZReader

@Suite struct CellGridTests {
    @Test(arguments: [(Float(100), Float(20), Float(0)), (50, 18.5, 0.02), (10, 30, -0.05)])
    func quadraticFitRecoversTheGrid(a: Float, b: Float, c: Float) throws {
        let ks = (0..<40).map(Float.init)
        let xs = ks.map { a + b * $0 + c * $0 * $0 }
        let grid = try #require(MRZLocator.quadraticFit(ks, xs))
        #expect(abs(grid.a - a) < 0.05)
        #expect(abs(grid.b - b) < 0.01)
        #expect(abs(grid.c - c) < 0.001)
    }

    @Test func shiftingAndInverting() {
        let grid = CellGrid(a: 100, b: 20, c: 0.05)
        let shifted = grid.shifted(by: 3)
        for k in 0..<10 {
            #expect(abs(shifted.value(Float(k)) - grid.value(Float(k + 3))) < 1e-3)
            #expect(abs(grid.cell(at: grid.value(Float(k))) - Float(k)) < 1e-3)
        }
    }
}

/// A located line whose glyphs were binarised into several components each: the cell grid must still follow
/// the glyphs (a coarse locating scale breaks thin strokes apart).
@Suite struct BrokenGlyphGridTests {
    /// A 44-glyph line at `pitch` pixels, glyphs 5 × 7; the glyphs at `broken` are 6 wide and each cut into a
    /// left and a right piece 2 pixels wide with a 2-pixel gap (the stems of an `H` or `N` whose bars vanished).
    static func line(pitch: Float, broken: [Int]) -> MRZLocator.Line {
        var components: [TextComponent] = []
        for k in 0..<44 {
            let centre = 20 + pitch * Float(k)
            func component(_ minX: Int32, _ maxX: Int32) -> TextComponent {
                TextComponent(minX: minX, minY: 50, maxX: maxX, maxY: 56, count: Int32(maxX - minX + 1) * 5,
                              sumX: Int64((Float(minX + maxX) / 2) * Float(Int32(maxX - minX + 1) * 5)),
                              sumY: Int64(53 * (maxX - minX + 1) * 5))
            }
            let x = Int32(centre.rounded())
            if broken.contains(k) {
                components.append(component(x - 3, x - 2))
                components.append(component(x + 1, x + 2))
            } else {
                components.append(component(x - 2, x + 2))
            }
        }
        return MRZLocator.Line(components: components)
    }

    @Test(arguments: [(Float(9), [20]), (Float(9), [7, 31]), (Float(8.5), [3, 4, 40]), (Float(12), [10, 22, 23, 35])] as [(Float, [Int])])
    func gridFollowsTheGlyphs(pitch: Float, broken: [Int]) throws {
        let measured = try #require(MRZLocator.measure(Self.line(pitch: pitch, broken: broken)))
        #expect(measured.count == 44)
        for k in 0..<44 {
            let truth = 20 + pitch * Float(k)
            #expect(abs(measured.grid.value(Float(k)) - truth) < 0.15 * pitch, "cell \(k)")
        }
    }
}

@Suite struct GlyphSamplerTests {
    /// A synthetic image: a dark square on light paper.
    static func square(paper: UInt8, ink: UInt8) throws -> GrayImage {
        var pixels = [UInt8](repeating: paper, count: 64 * 64)
        for y in 24..<40 { for x in 26..<38 { pixels[y * 64 + x] = ink } }
        return try GrayImage(width: 64, height: 64, pixels: pixels)
    }

    static func features(_ image: GrayImage) -> [Float] {
        var out = [Float](repeating: 0, count: GlyphSampler.featureCount)
        out.withUnsafeMutableBufferPointer { buf in
            GlyphSampler.sample(image, cx: 32, cy: 32, ux: 1, uy: 0, pitch: 20, charHeight: 20, into: buf)
        }
        return out
    }

    @Test func featuresIgnoreBrightnessAndContrast() throws {
        let a = Self.features(try Self.square(paper: 230, ink: 20))
        let b = Self.features(try Self.square(paper: 180, ink: 90))
        #expect(zip(a, b).map { abs($0 - $1) }.max()! < 0.05)
        // Ink is positive: the centre cell is ink, the corner is paper.
        let centre = (GlyphSampler.rows / 2) * GlyphSampler.columns + GlyphSampler.columns / 2
        #expect(a[centre] > 0)
        #expect(a[0] < 0)
    }
}

@Suite struct ReaderRejectionTests {
    static let options = MRZReaderOptions(referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)

    @Test func shippedModelLoads() {
        #expect(OCRBModel.shipped.isUsable)
    }

    @Test func blankPageHasNoMRZ() throws {
        let blank = GrayImage(width: 800, height: 560, fill: 235)
        guard case .failure = MRZReader.read(blank, options: Self.options) else {
            Issue.record("an MRZ was invented on a blank page")
            return
        }
    }

    @Test func noiseHasNoMRZ() throws {
        var state: UInt64 = 42
        let pixels = (0..<(640 * 480)).map { _ -> UInt8 in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let noise = try GrayImage(width: 640, height: 480, pixels: pixels)
        guard case .failure = MRZReader.read(noise, options: Self.options) else {
            Issue.record("an MRZ was invented on noise")
            return
        }
    }
}

@Suite struct CheckEvidenceTests {
    static let lines = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]

    static func reading(_ lines: [String]) -> MRZReading {
        let bytes = Array(lines.joined().utf8)
        let glyphs = bytes.map { _ in MRZGlyphAlternatives(alternatives: [], isAmbiguous: false) }
        let options = MRZParseOptions(referenceDate: CalendarDate(year: 2010, month: 1, day: 1)!, correction: .glyphs(glyphs))
        let document = MRZParser.parse(bytes: bytes, lineCount: lines.count, options: options)
        return MRZReading(document: document, geometry: MRZGeometry(band: ImageQuad(corners: []), lines: [], documentOutline: nil, upsideDown: false),
                          meanConfidence: 0.9, minimumConfidence: 0.9)
    }

    /// Digits read as their letter look-alikes are corrected by class and the checks then hold, but each
    /// correction counts against the reading: a reading that needed them is weaker evidence.
    @Test(arguments: [[15], [15, 21], [15, 17, 22, 26]])
    func correctionsWeakenTheEvidence(offsets: [Int]) throws {
        let clean = Self.reading(Self.lines)
        var second = Array(Self.lines[1])
        let lookAlike: [Character: Character] = ["0": "O", "1": "I", "2": "Z", "5": "S", "8": "B"]
        for o in offsets { second[o] = try #require(lookAlike[second[o]]) }
        let misread = Self.reading([Self.lines[0], String(second)])
        let corrections = misread.document.findings.filter { $0.code == "mrz.corrected" }.count
        #expect(corrections == offsets.count)
        #expect(misread.document.checks.filter(\.valid).count == clean.document.checks.filter(\.valid).count)
        #expect(clean.checkEvidence == clean.document.checks.count)
        #expect(misread.checkEvidence == clean.checkEvidence - offsets.count)
    }
}

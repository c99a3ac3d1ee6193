import Foundation
import Imaging
@testable import MRZReader
import Testing
@testable import LayoutChecks

/// The measurements under the checks, on numbers whose answer is known.
@Suite("Layout measurements")
struct MeasurementUnits {
    struct Spacing: Sendable, CustomStringConvertible {
        var name: String
        /// Spacing between consecutive glyphs, pitches.
        var spacings: [Double]
        /// The glyphs expected off their places (indices), or nil.
        var run: Range<Int>?
        var description: String { name }
    }

    @Test("a condensed run closed by one gap is found; print jitter is not", arguments: [
        Spacing(name: "jitter", spacings: [1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.0, 1.02, 0.98, 1.0, 1.01, 0.99], run: nil),
        Spacing(name: "one wide gap alone", spacings: [1, 1, 1, 1, 1.2, 1, 1, 1, 1, 1, 1, 1], run: nil),
        Spacing(name: "condensed to 96% then a gap", spacings: [1, 1, 1, 0.96, 0.96, 0.96, 0.96, 0.96, 1.2, 1, 1, 1], run: 4..<9),
        Spacing(name: "spread out then a short gap", spacings: [1, 1, 1.05, 1.05, 1.05, 1.05, 0.8, 1, 1, 1, 1, 1], run: 3..<7),
    ])
    func condensedRuns(c: Spacing) {
        let pitch = 30.0
        var x = [100.0]
        for s in c.spacings { x.append(x[x.count - 1] + s * pitch) }
        let positions = x.indices.map(Double.init)
        let drift = PitchCheck.condensedRun(positions: positions, x: x, reliable: x.map { _ in true }, pitch: pitch, options: .standard)
        #expect(drift?.range == c.run)
    }

    @Test("perspective's pitch gradient is recovered from glyph positions", arguments: [0.0, 2e-4, -5e-4])
    func perspectiveGradient(g: Double) throws {
        // Positions whose pitch goes as (D − x)², D = −2/g: (dpitch/dx)/pitch = g at the centre.
        let n = 44
        var along: [Double] = []
        var x = 0.0
        let base = 30.0
        for j in 0..<n {
            along.append(x)
            let t = Double(j) - Double(n - 1) / 2
            x += base * (1 + g * base * t)
        }
        let line = MeasuredLine(index: 0, glyphs: [], expectedCount: 0, characters: [], letterHeight: 28, inkContrast: 100,
                                shapes: [], frame: try #require(LineFrame(centres: [SIMD2(0, 0), SIMD2(30, 0)], pitch: 30, height: 28)))
        let model = AlignmentCheck.LineModel(line: line, fit: .init(intercept: 0, slope: 0), start: 0, end: 0, along: along, across: along.map { _ in 0 })
        let measured = AlignmentCheck.perspectiveGradient([model], requireComplete: false)
        #expect(abs(measured - g) < 2e-5, "measured \(measured) for \(g)")
    }

    /// Glyph centres along a line photographed at a slant (pitch 30 px growing smoothly), with a block of
    /// characters shifted by 14 px (about half a pitch) at the line's start, in its middle or at its end, or
    /// none (the plain fit stands).
    @Test("a robust parabola started from the least median of residuals leaves a shifted block at its offset",
          arguments: [0..<0, 0..<7, 14..<20, 30..<36])
    func leastMedianStart(block: Range<Int>) throws {
        let x = (0..<36).map(Double.init)
        let y = x.map { k in 30 * k + 0.02 * k * k + (block.contains(Int(k)) ? -14 : 0) + (Int(k) % 3 == 0 ? 0.3 : -0.2) }
        let fit = try #require(RobustStatistics.fitQuadratic(x: x, y: y, floor: 0.9, leastMedianStart: true))
        for k in x.indices {
            let residual = y[k] - fit(x[k])
            if block.contains(k) {
                #expect(abs(residual + 14) < 1.5, "shifted glyph \(k): residual \(residual)")
            } else {
                #expect(abs(residual) < 1, "glyph \(k) on the grid: residual \(residual)")
            }
        }
    }

    @Test("a first compression at q1 leaves holes a second at q2 cannot fill",
          arguments: [(q1: 11, q2: 3, holes: [1, 2, 3, 5, 6, 8, 9, 10]), (q1: 3, q2: 2, holes: [1, 4, 7, 10]), (q1: 2, q2: 3, holes: [])])
    func reachability(q1: Int, q2: Int, holes: [Int]) {
        let reachable = RecompressionCheck.reachableBins(q1: q1, q2: q2)
        let found = (1...10).filter { reachable & (1 << UInt32($0)) == 0 }
        #expect(found == holes)
        // A histogram with those holes empty scores near 0; a smooth one near 1.
        let smooth = (0...RecompressionCheck.reach).map { 1000 * exp(-Double($0) / 4) }
        let holed = smooth.indices.map { reachable & (1 << UInt32($0)) == 0 ? 0 : smooth[$0] }
        if !holes.isEmpty {
            #expect(RecompressionCheck.holeRatio(holed, reachable: reachable).0 < 0.05)
            #expect(abs(RecompressionCheck.holeRatio(smooth, reachable: reachable).0 - 1) < 0.05)
        }
    }

    @Test("the luma quantisation table is read from the file's markers", arguments: [50, 90])
    func quantisationTable(quality: Int) throws {
        let bytes = try JPEGEncoder.encode(GrayImage(width: 64, height: 48, fill: 200), quality: quality)
        let table = try #require(JPEGQuantization(bytes))
        #expect(table.width == 64 && table.height == 48)
        // libjpeg scales the Annex K table (DC step 16) by quality: 16 at 50, 3 at 90.
        #expect(table.steps[0] == (quality == 50 ? 16 : 3))
        #expect(JPEGQuantization(Array(bytes.prefix(20))) == nil)
    }

    /// A drawn line of `H`-like glyphs (stems and a bar across the middle, ink 60 on paper 200); those at
    /// `thin` have stems of ink 150: thin print, where a stroke prints far lighter than a crossing.
    static func barLine(thin: Set<Int>) throws -> (GrayImage, MRZLineGeometry) {
        let pitch = 26, height = 24, count = 30
        let width = pitch * (count + 4), rows = 120
        var pixels = [UInt8](repeating: 200, count: width * rows)
        var characters: [MRZCharacterReading] = []
        for k in 0..<count {
            let cx = pitch * (k + 2) + pitch / 2, top = 60 - height / 2
            for y in top..<(top + height) {
                for x in [cx - 5, cx - 4, cx + 4, cx + 5] { pixels[y * width + x] = thin.contains(k) ? 150 : 60 }
            }
            for y in 58..<62 { for x in (cx - 5)...(cx + 5) { pixels[y * width + x] = 60 } }
            let x0 = Double(cx) - 13, x1 = Double(cx) + 13, y0 = 48.0, y1 = 72.0
            characters.append(MRZCharacterReading(
                character: "H", confidence: 1, runnerUp: "N", runnerUpConfidence: 0,
                box: ImageQuad(corners: [ImagePoint(x: x0, y: y1), ImagePoint(x: x1, y: y1), ImagePoint(x: x1, y: y0), ImagePoint(x: x0, y: y0)]),
                center: ImagePoint(x: Double(cx), y: 60), modelDistance: 0.2))
        }
        let line = MRZLineGeometry(baselineStart: ImagePoint(x: Double(2 * pitch), y: 72), baselineEnd: ImagePoint(x: Double((count + 2) * pitch), y: 72),
                                   angleDegrees: 0, pitch: Double(pitch), characterHeight: Double(height), characters: characters)
        return (try GrayImage(width: width, height: rows, pixels: pixels), line)
    }

    @Test("a glyph whose stems print far lighter than its bar has its full height in faint ink", arguments: [[7], [7, 8], [0, 29]] as [[Int]])
    func faintInkHeight(thin: [Int]) throws {
        let (image, geometry) = try Self.barLine(thin: Set(thin))
        let line = try #require(GlyphMeasurement.measure(image, line: geometry, index: 0))
        #expect(line.isComplete)
        for (k, glyph) in line.glyphs.enumerated() {
            #expect(abs(glyph.faintInkHeight - 24) <= 2, "glyph \(k): \(glyph.faintInkHeight)")
        }
    }

    struct Scores: Sendable, CustomStringConvertible {
        var name: String
        /// Per glyph: line, position on it, typeface score (threshold 7, runs of 2).
        var glyphs: [(line: Int, position: Int, score: Double)]
        var run: Range<Int>?
        var statistic: Double
        var description: String { name }
    }

    @Test("typeface runs: the longest over the threshold, two one untouched glyph apart joined, never across lines or gaps",
          arguments: [
              Scores(name: "two runs one glyph apart are one",
                     glyphs: [1, 1, 8, 9, 5, 8, 8, 1, 1, 1].enumerated().map { (0, $0, $1) }, run: 2..<7, statistic: 8),
              Scores(name: "two glyphs apart: the stronger of two as long",
                     glyphs: [1, 8, 8, 5, 5, 9, 9, 1].enumerated().map { (0, $0, $1) }, run: 5..<7, statistic: 9),
              Scores(name: "a single glyph over the threshold is not joined",
                     glyphs: [1, 8, 9, 5, 8, 1].enumerated().map { (0, $0, $1) }, run: 1..<3, statistic: 8),
              Scores(name: "not across a touched glyph",
                     glyphs: [1, 8, 8, -.infinity, 9, 9, 1].enumerated().map { (0, $0, $1) }, run: 4..<6, statistic: 9),
              Scores(name: "not across a change of line",
                     glyphs: [(0, 0, 1), (0, 1, 8), (0, 2, 8), (1, 0, 5), (1, 1, 9), (1, 2, 9), (1, 3, 1)], run: 4..<6, statistic: 9),
              Scores(name: "not across a position not measured",
                     glyphs: [(0, 0, 8), (0, 1, 8), (0, 2, 5), (0, 4, 9), (0, 5, 9), (0, 6, 1)], run: 3..<5, statistic: 9),
              Scores(name: "nothing over the threshold",
                     glyphs: [1, 6.9, 6.9, 1].enumerated().map { (0, $0, $1) }, run: nil, statistic: 6.9),
          ])
    func typefaceRuns(c: Scores) {
        let scores = c.glyphs.map { FontCheck.GlyphScore(line: $0.line, position: $0.position, shape: nil, model: 0, template: nil, score: $0.score) }
        let (run, statistic) = FontCheck.strongestRun(scores, options: .standard)
        #expect(run == c.run)
        #expect(abs(statistic - c.statistic) < 1e-9)
    }
}

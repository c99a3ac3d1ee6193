import Imaging
import Testing
@testable import MRZReader

/// Glyph heights as the classifier is given them, on a drawn line whose answer is known.
@Suite struct LineMetricsTests {
    static let pitch: Float = 26, height = 24, count = 24, paper: UInt8 = 200

    /// A line of `count` glyphs like an `H` (two stems and a bar across the middle, ink 60), those at `thin` with
    /// stems of ink `stem` and only the bar dark: thin print, where a stroke prints far lighter than a crossing.
    static func line(thin: Set<Int>, stem: UInt8) throws -> (GrayImage, LocatedLine) {
        let width = Int(pitch) * (count + 2), rows = 100
        var pixels = [UInt8](repeating: paper, count: width * rows)
        var centres: [SIMD2<Float>] = []
        for k in 0..<count {
            let cx = Int(pitch) * (k + 1) + Int(pitch) / 2, top = 50 - height / 2
            for y in top..<(top + height) {
                for x in [cx - 5, cx - 4, cx + 4, cx + 5] { pixels[y * width + x] = thin.contains(k) ? stem : 60 }
            }
            for y in 48..<52 { for x in (cx - 5)...(cx + 5) { pixels[y * width + x] = 60 } }
            centres.append(SIMD2(Float(cx), 50))
        }
        return (try GrayImage(width: width, height: rows, pixels: pixels), LocatedLine(centers: centres, pitch: pitch, charHeight: Float(height)))
    }

    @Test("a glyph whose stems print far lighter than its bar measures its full height", arguments: [[5], [3, 4, 17]] as [[Int]])
    func thinStemsCount(thin: [Int]) throws {
        let (image, line) = try Self.line(thin: Set(thin), stem: 150)
        let refined = LineMetrics.refine(line, direction: SIMD2(1, 0), in: image)
        #expect(refined.relativeHeights.count == Self.count)
        for (k, relative) in refined.relativeHeights.enumerated() {
            #expect(abs(relative - 1) < 0.1, "glyph \(k): \(relative)")
        }
        // The line's height is the glyphs' body all the same.
        #expect(abs(refined.charHeight - Float(Self.height)) < 2)
    }

    /// Faint ink (a background pattern) across every cell's window near its edges: no glyph's faint extent can be
    /// measured, and the heights of the glyphs' bodies stand.
    @Test("faint ink at the window's edges leaves the bodies' heights")
    func faintInkAtTheEdges() throws {
        let (image, line) = try Self.line(thin: [], stem: 60)
        var pixels = image.pixels
        for y in Array(27...31) + Array(69...73) {
            for x in 0..<image.width { pixels[y * image.rowStride + x] = 155 }
        }
        let striped = try GrayImage(width: image.width, height: image.height, pixels: pixels)
        let refined = LineMetrics.refine(line, direction: SIMD2(1, 0), in: striped)
        #expect(refined.relativeHeights.count == Self.count)
        for relative in refined.relativeHeights { #expect(abs(relative - 1) < 0.1) }
    }
}

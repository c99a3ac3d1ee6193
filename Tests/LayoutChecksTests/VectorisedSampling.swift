import Foundation
import Imaging
import Testing
@testable import LayoutChecks

/// The vectorised sampling and transforms give the very bits of the one-at-a-time computations they replace.
@Suite("Vectorised sampling")
struct VectorisedSampling {
    /// A noisy page: every grey level, no two neighbours alike.
    static func page(width: Int = 640, height: Int = 480) throws -> GrayImage {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let pixels = (0..<(width * height)).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        return try GrayImage(width: width, height: height, pixels: pixels)
    }

    /// The template window one cell at a time, with clamping at the border (the reference).
    static func scalarWindow(_ image: GrayImage, centre: SIMD2<Double>, u direction: SIMD2<Double>, cell: Double) -> [Float] {
        let reach = TemplateMatch.reach
        let w = OCRBTemplates.columns + 2 * reach, h = OCRBTemplates.rows + 2 * reach
        var out = [Float](repeating: 0, count: w * h)
        let u = SIMD2<Float>(direction * cell), v = SIMD2<Float>(-Float(direction.y), Float(direction.x)) * Float(cell)
        let origin = SIMD2<Float>(centre) - u * (Float(w) / 2 - 0.5) - v * (Float(h) / 2 - 0.5) - SIMD2<Float>(0.5, 0.5)
        let maxX = Float(image.width - 1) - 0.001, maxY = Float(image.height - 1) - 0.001
        for j in 0..<h {
            let row = origin + v * Float(j)
            for i in 0..<w {
                let q = row + u * Float(i)
                let p = SIMD2(min(max(q.x, 0), maxX), min(max(q.y, 0), maxY))
                let xi = Int(p.x), yi = Int(p.y), dx = p.x - Float(xi), dy = p.y - Float(yi)
                let a = Float(image[xi, yi]), b = Float(image[xi + 1, yi]), c = Float(image[xi, yi + 1]), d = Float(image[xi + 1, yi + 1])
                let top = a + (b - a) * dx
                out[j * w + i] = 255 - (top + (c + (d - c) * dx - top) * dy)
            }
        }
        return out
    }

    @Test("template windows inside the page and over its border match the one-at-a-time samples bit for bit")
    func windows() throws {
        let image = try Self.page()
        let cases: [(SIMD2<Double>, Double, Double)] = [
            (SIMD2(320, 240), 0, 1.3), (SIMD2(321.37, 199.81), 0.031, 1.71), (SIMD2(100.5, 300.25), -0.2, 0.9),
            (SIMD2(12, 15), 0.05, 1.2), (SIMD2(630, 470), -0.01, 1.4), (SIMD2(200, 3), 0.0, 2.1),
        ]
        for (centre, angle, cell) in cases {
            let u = SIMD2(cos(angle), sin(angle))
            let window = TemplateMatch.window(image, centre: centre, u: u, cell: cell)
            let reference = Self.scalarWindow(image, centre: centre, u: u, cell: cell)
            #expect(window.ink.map(\.bitPattern) == reference.map(\.bitPattern), "centre \(centre), angle \(angle)")
        }
    }

    /// The DCT histograms one coefficient at a time (the reference).
    static func scalarHistograms(_ image: GrayImage, blocks: [(Int, Int)], steps: [Int]) -> [[Double]] {
        let modes = RecompressionCheck.modes, reach = RecompressionCheck.reach
        var basis = [Float](repeating: 0, count: 4 * 8)
        for f in 0..<4 {
            let alpha = f == 0 ? (1.0 / 2.0).squareRoot() : 1
            for x in 0..<8 { basis[f * 8 + x] = Float(alpha * cos(Double(2 * x + 1) * Double(f) * Double.pi / 16) / 2) }
        }
        var counts = [[Double]](repeating: [Double](repeating: 0, count: reach + 1), count: modes.count)
        for (bx, by) in blocks {
            var rows = [[Float]](repeating: [0, 0, 0, 0], count: 8)
            for y in 0..<8 {
                for f in 0..<4 {
                    var s: Float = 0
                    for x in 0..<8 { s += (Float(image[bx * 8 + x, by * 8 + y]) - 128) * basis[f * 8 + x] }
                    rows[y][f] = s
                }
            }
            for (m, mode) in modes.enumerated() {
                var c: Float = 0
                for y in 0..<8 { c += rows[y][mode.0] * basis[mode.1 * 8 + y] }
                let k = Int((abs(c) * (1 / Float(steps[mode.1 * 8 + mode.0]))).rounded())
                if k <= reach { counts[m][k] += 1 }
            }
        }
        return counts
    }

    @Test("DCT histograms match the one-coefficient-at-a-time transform exactly")
    func histograms() throws {
        let image = try Self.page()
        let blocks = (0..<(480 / 8)).flatMap { y in (0..<(640 / 8)).map { x in (x, y) } }
        for steps in [[Int](repeating: 1, count: 64), (0..<64).map { 1 + $0 % 7 }, (0..<64).map { 2 + ($0 * 5) % 11 }] {
            let vectorised = RecompressionCheck.histograms(image, blocks: blocks, steps: steps)
            #expect(vectorised == Self.scalarHistograms(image, blocks: blocks, steps: steps))
        }
    }
}

import Foundation
import Imaging
import Testing
@testable import MRZReader

@Suite struct TextComponentsTests {
    /// A gradient with dark strokes and speckle, `width` × `height`.
    static func page(width: Int, height: Int) throws -> GrayImage {
        var state: UInt64 = UInt64(width * 7919 + height)
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                var v = 150 + x % 60 - y % 30 + Int((state >> 60) & 7)
                if (x / 5) % 3 == 0 && (y / 4) % 2 == 0 { v -= 110 }
                pixels.append(UInt8(clamping: v))
            }
        }
        return try GrayImage(width: width, height: height, pixels: pixels)
    }

    @Test("binarisation follows its definition at the borders and inside", arguments: [(1, 1), (5, 3), (23, 9), (40, 41), (97, 30)], [2, 12])
    func binarizeMatchesTheWindowMean(size: (Int, Int), radius: Int) throws {
        let (w, h) = size
        let image = try Self.page(width: w, height: h)
        let contrast: Float = 0.12
        let binary = TextComponents.binarize(image, radius: radius, contrast: contrast)
        #expect(binary.count == w * h)
        for y in 0..<h {
            for x in 0..<w {
                var sum = 0, area = 0
                for yy in max(0, y - radius)..<min(h, y + radius + 1) {
                    for xx in max(0, x - radius)..<min(w, x + radius + 1) { sum += Int(image[xx, yy]); area += 1 }
                }
                let dark = Float(image[x, y]) * Float(area) < (1 - contrast) * Float(sum) - 2 * Float(area)
                #expect(binary[y * w + x] == (dark ? 1 : 0), "pixel (\(x), \(y))")
            }
        }
    }

    @Test("labelling finds each blob once with its box and size, across word-sized runs of paper")
    func labelFindsBlobs() {
        let w = 37, h = 9
        var binary = [UInt8](repeating: 0, count: w * h)
        // An L at the left, a diagonal touching only at corners (one component under 8-connectivity), a dot at the right end.
        for y in 1..<6 { binary[y * w + 1] = 1 }
        for x in 1..<5 { binary[5 * w + x] = 1 }
        for k in 0..<5 { binary[(2 + k) * w + 20 + k] = 1 }
        binary[8 * w + 36] = 1
        let components = TextComponents.label(binary, width: w, height: h).sorted { $0.minX < $1.minX }
        #expect(components.count == 3)
        #expect(components.map(\.count) == [8, 5, 1])
        #expect(components.map { [$0.minX, $0.minY, $0.maxX, $0.maxY] } == [[1, 1, 4, 5], [20, 2, 24, 6], [36, 8, 36, 8]])
    }
}

@Suite struct TurnedCellTests {
    /// Reading a cell upside down reuses its upright sampling reversed; that holds only if the grid is symmetric.
    @Test("a cell sampled along −u is the cell sampled along u in reverse order", arguments: [Float(0), 0.3, 2.0, 3.14159])
    func turnedCellIsReversed(angle: Float) throws {
        let image = try TextComponentsTests.page(width: 120, height: 90)
        let u = SIMD2<Float>(cos(angle), sin(angle))
        var upright = [Float](repeating: 0, count: GlyphSampler.featureCount)
        var turned = upright
        upright.withUnsafeMutableBufferPointer {
            GlyphSampler.sample(image, cx: 60.3, cy: 44.7, ux: u.x, uy: u.y, pitch: 21, charHeight: 21, into: $0)
        }
        turned.withUnsafeMutableBufferPointer {
            GlyphSampler.sample(image, cx: 60.3, cy: 44.7, ux: -u.x, uy: -u.y, pitch: 21, charHeight: 21, into: $0)
        }
        let worst = zip(upright, turned.reversed()).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-3)
        #expect((upright.max() ?? 0) - (upright.min() ?? 0) > 1)   // the cell is not blank: the comparison means something
    }
}

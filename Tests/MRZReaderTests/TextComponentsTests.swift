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

    /// Components by flood fill, pixel by pixel (8-connectivity), in the order of their first pixel row by row:
    /// box, pixel count and the sums of the pixels' coordinates (each run's sum of x as `label` keeps it).
    static func floodFill(_ binary: [UInt8], width w: Int, height h: Int) -> [[Int64]] {
        var seen = [Bool](repeating: false, count: w * h)
        var out: [[Int64]] = []
        for start in 0..<(w * h) where binary[start] != 0 && !seen[start] {
            var stack = [start], pixels: [Int] = []
            seen[start] = true
            while let p = stack.popLast() {
                pixels.append(p)
                let x = p % w, y = p / w
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, nx < w, ny >= 0, ny < h else { continue }
                        let q = ny * w + nx
                        if binary[q] != 0 && !seen[q] { seen[q] = true; stack.append(q) }
                    }
                }
            }
            let xs = pixels.map { $0 % w }, ys = pixels.map { $0 / w }
            // Sum of x per row-run midpoint, as the labeller accumulates it: n × (x0 + x1) / 2 per run.
            var sumX: Int64 = 0
            for y in Set(ys) {
                let row = pixels.filter { $0 / w == y }.map { $0 % w }.sorted()
                var k = 0
                while k < row.count {
                    var end = k
                    while end + 1 < row.count && row[end + 1] == row[end] + 1 { end += 1 }
                    let n = Int64(end - k + 1)
                    sumX += n * Int64(row[k] + row[end]) / 2
                    k = end + 1
                }
            }
            out.append([Int64(xs.min()!), Int64(ys.min()!), Int64(xs.max()!), Int64(ys.max()!), Int64(pixels.count),
                        sumX, Int64(ys.reduce(0, +))])
        }
        return out
    }

    @Test("labelling agrees with a flood fill on random ink: long runs, row ends, any nonzero byte as ink",
          arguments: [(5, 7, UInt8(1)), (8, 8, 1), (13, 11, 255), (37, 23, 1), (64, 17, 7), (101, 29, 1)])
    func labelAgreesWithFloodFill(width w: Int, height h: Int, ink: UInt8) {
        var state = UInt64(w * 31 + h)
        var binary = [UInt8](repeating: 0, count: w * h)
        for y in 0..<h {
            var x = 0
            while x < w {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let paper = Int((state >> 40) % 12), run = Int((state >> 20) % 19) + 1
                x += paper
                if x < w { for k in x..<min(w, x + run) { binary[y * w + k] = 1 } }
                x += run
            }
        }
        if ink != 1 { binary = binary.map { $0 == 0 ? 0 : ink } }
        let found = TextComponents.label(binary, width: w, height: h).map {
            [Int64($0.minX), Int64($0.minY), Int64($0.maxX), Int64($0.maxY), Int64($0.count), $0.sumX, $0.sumY]
        }
        #expect(found == Self.floodFill(binary, width: w, height: h))
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

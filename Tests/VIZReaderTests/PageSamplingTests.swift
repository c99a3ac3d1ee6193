import Foundation
import Imaging
import Testing
@testable import VIZReader

/// The page region's resampling and the line finder's local contrast, against their definitions.
@Suite("Page sampling")
struct PageSamplingTests {
    static func randomImage(width: Int, height: Int, seed: UInt64) -> GrayImage {
        var state = seed
        var pixels = [UInt8](repeating: 0, count: width * height)
        for i in pixels.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            pixels[i] = UInt8(truncatingIfNeeded: state >> 56)
        }
        return try! GrayImage(width: width, height: height, pixels: pixels)
    }

    @Test("local darkness is the window's integer mean less the pixel, clamped at 0", arguments: [
        (37, 23, 4), (64, 48, 9), (9, 9, 12), (1, 5, 4),
    ])
    func localDarkness(width: Int, height: Int, radius: Int) {
        let image = Self.randomImage(width: width, height: height, seed: UInt64(width * 1000 + radius))
        let fast = TextLineFinder.localDarkness(image, radius: radius)
        var expected: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                var total = 0, count = 0
                for v in max(0, y - radius)...min(height - 1, y + radius) {
                    for u in max(0, x - radius)...min(width - 1, x + radius) {
                        total += Int(image.pixels[v * image.rowStride + u])
                        count += 1
                    }
                }
                expected.append(UInt8(clamping: total / count - Int(image.pixels[y * image.rowStride + x])))
            }
        }
        #expect(fast == expected)
    }

    @Test("the frame's resampling is bilinear within one grey level; outside the image it is the fill", arguments: [
        (0.0, 1.0), (0.31, 0.8), (Double.pi - 0.05, 1.7),
    ])
    func resampling(angle: Double, scale: Double) throws {
        let image = Self.randomImage(width: 90, height: 70, seed: 7)
        let frame = PageFrame(originX: 45, originY: 35, ux: cos(angle), uy: sin(angle), pitch: 10, columns: 44)
        let width = 80, height = 60, a0 = -4.0, b0 = -3.0
        let out = frame.sample(image, a0: a0, b0: b0, width: width, height: height, scale: 10 * scale, xScale: 9 * scale, fill: 7)
        var inside = 0
        for row in 0..<height {
            for col in 0..<width {
                // The output pixel's centre in frame coordinates, then in the image (pixel centres at integer + 0.5).
                let p = frame.point(a0 + (Double(col) + 0.5) / (9 * scale), b0 + (Double(row) + 0.5) / (10 * scale))
                let x = p.x - 0.5, y = p.y - 0.5
                let got = Double(out.pixels[row * out.rowStride + col])
                // Points within a hair of the image's last row or column may fall either side in fixed point.
                if x < -1e-3 || y < -1e-3 || x > Double(image.width - 1) - 1e-3 || y > Double(image.height - 1) - 1e-3 {
                    if x < -0.01 || y < -0.01 || x > Double(image.width - 1) + 0.01 || y > Double(image.height - 1) + 0.01 {
                        #expect(got == 7, "(\(col), \(row)) outside")
                    }
                    continue
                }
                let ix = Int(x), iy = Int(y), fx = x - Double(ix), fy = y - Double(iy)
                func at(_ u: Int, _ v: Int) -> Double { Double(image.pixels[min(v, image.height - 1) * image.rowStride + min(u, image.width - 1)]) }
                let top = at(ix, iy) + (at(ix + 1, iy) - at(ix, iy)) * fx
                let bottom = at(ix, iy + 1) + (at(ix + 1, iy + 1) - at(ix, iy + 1)) * fx
                #expect(abs(got - (top + (bottom - top) * fy)) <= 1, "(\(col), \(row))")
                inside += 1
            }
        }
        #expect(inside > width * height / 4)
    }
}

import Foundation
import Imaging
import Testing
@testable import MRZReader

/// A small deterministic generator for test inputs (64-bit linear congruential, top bits).
private struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 11
    }
    mutating func unit() -> Double { Double(next()) / Double(1 << 53) }
}

/// The sampler against its definition: each feature the mean of `s × s` bilinear samples (clamped to the image)
/// on the rotated grid, then ink-positive z-scores; vectorised (inside the image) and clamped (at its edge) alike.
@Suite struct GlyphSamplerDefinitionTests {
    static let image: GrayImage = {
        var random = TestRandom(state: 9303)
        let width = 160, height = 120
        // Smooth shading plus noise: every bilinear weight matters.
        let pixels = (0..<(width * height)).map { i -> UInt8 in
            let x = Double(i % width), y = Double(i / width)
            let shade = 128 + 60 * sin(x / 7) * cos(y / 5)
            return UInt8(max(0, min(255, shade + 50 * (random.unit() - 0.5))))
        }
        return try! GrayImage(width: width, height: height, pixels: pixels)
    }()

    static func definition(cx: Double, cy: Double, angle: Double, pitch: Double) -> [Double] {
        let image = Self.image
        let ux = cos(angle), uy = sin(angle), vx = -uy, vy = ux
        let cw = pitch, ch = Double(GlyphSampler.cellHeight) * pitch
        let s = GlyphSampler.supersampling, columns = GlyphSampler.columns, rows = GlyphSampler.rows
        func pixel(_ x: Int, _ y: Int) -> Double { Double(image[x, y]) }
        func bilinear(_ x: Double, _ y: Double) -> Double {
            let xc = min(max(x, 0), Double(image.width) - 1.001), yc = min(max(y, 0), Double(image.height) - 1.001)
            let x0 = Int(xc), y0 = Int(yc), fx = xc - Double(x0), fy = yc - Double(y0)
            let top = pixel(x0, y0) * (1 - fx) + pixel(x0 + 1, y0) * fx
            let bottom = pixel(x0, y0 + 1) * (1 - fx) + pixel(x0 + 1, y0 + 1) * fx
            return top * (1 - fy) + bottom * fy
        }
        var values: [Double] = []
        for j in 0..<rows {
            for i in 0..<columns {
                var sum = 0.0
                for b in 0..<s {
                    for a in 0..<s {
                        let fu = ((Double(i) + (Double(a) + 0.5) / Double(s)) / Double(columns) - 0.5) * cw
                        let fv = ((Double(j) + (Double(b) + 0.5) / Double(s)) / Double(rows) - 0.5) * ch
                        sum += bilinear(cx + ux * fu + vx * fv, cy + uy * fu + vy * fv)
                    }
                }
                values.append(sum / Double(s * s))
            }
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
        let sd = max(variance.squareRoot(), 8)
        return values.map { (mean - $0) / sd }
    }

    @Test("features follow the definition", arguments: [
        (80.3, 60.7, 0.0, 23.7),      // inside, level
        (71.9, 55.2, 0.12, 14.0),     // inside, skewed
        (90.0, 64.4, 3.3, 31.5),      // inside, upside down and skewed
        (77.7, 58.1, -0.52, 19.2),    // inside, steep
        (6.0, 8.5, 0.05, 26.0),       // at the top-left corner: clamped
        (154.0, 115.0, 2.9, 22.0),    // at the bottom-right corner: clamped
    ])
    func matchesDefinition(cx: Double, cy: Double, angle: Double, pitch: Double) {
        var features = [Float](repeating: 0, count: GlyphSampler.featureCount)
        features.withUnsafeMutableBufferPointer { out in
            GlyphSampler.sample(Self.image, cx: Float(cx), cy: Float(cy), ux: Float(cos(angle)), uy: Float(sin(angle)),
                                pitch: Float(pitch), charHeight: Float(pitch), into: out)
        }
        let expected = Self.definition(cx: cx, cy: cy, angle: angle, pitch: pitch)
        let worst = zip(features, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
        #expect(worst < 2e-3, "largest difference \(worst)")
    }
}

/// Batches are an arrangement of the work, not of the arithmetic: a cell's probabilities are the same whether it
/// is classified alone or with others, paired or left over, sure or sent on to the second member.
@Suite struct BatchClassificationTests {
    static func cells(_ count: Int, seed: UInt64) -> [Float] {
        var random = TestRandom(state: seed)
        return (0..<(count * OCRBModel.inputCount)).map { _ in Float(3 * (random.unit() - 0.5)) }
    }

    static func classify(_ features: [Float], count: Int) -> [Float] {
        var probabilities = [Float](repeating: -1, count: count * OCRBModel.classCount)
        features.withUnsafeBufferPointer { input in
            probabilities.withUnsafeMutableBufferPointer { out in
                OCRBModel.shipped.classify(batch: input, count: count, into: out)
            }
        }
        return probabilities
    }

    @Test("a cell classifies the same alone and in a batch", arguments: [1, 2, 7, 16])
    func batchEqualsSingles(count: Int) {
        let features = Self.cells(count, seed: UInt64(100 + count))
        let batch = Self.classify(features, count: count)
        let n = OCRBModel.inputCount, k = OCRBModel.classCount
        for cell in 0..<count {
            let alone = Self.classify(Array(features[(cell * n)..<((cell + 1) * n)]), count: 1)
            #expect(Array(batch[(cell * k)..<((cell + 1) * k)]) == alone, "cell \(cell) of \(count)")
            let total = alone.reduce(0, +)
            #expect(abs(total - 1) < 1e-4)
        }
        // Noise is not read with certainty: the cells that went on to the second member are among those compared.
        if count >= 7 {
            let unsure = (0..<count).filter { cell in (0..<k).map { batch[cell * k + $0] }.max()! < OCRBModel.soleMemberAbove }
            #expect(OCRBModel.shipped.networks.count == 2 && !unsure.isEmpty)
        }
    }
}

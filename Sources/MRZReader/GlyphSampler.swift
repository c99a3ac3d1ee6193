import Imaging

/// Samples one MRZ character cell into the classifier's input: a 16 × 20 grid around the cell centre,
/// `pitch` wide and 1.5 `charHeight` tall (the reader passes the pitch), along the line's direction, 2 × 2 supersampled with
/// bilinear interpolation, then normalised to ink-positive z-scores. `scripts/train-ocrb.py` samples its
/// training cells the same way; change both together.
enum GlyphSampler {
    static let columns = 16
    static let rows = 20
    static let featureCount = columns * rows
    static let supersampling = 2
    static let cellHeight: Float = 1.5

    /// Writes the features of the cell centred at (`cx`, `cy`) into `out` (`featureCount` values).
    /// `ux`, `uy` is the unit reading direction; `pitch` and `charHeight` are in pixels.
    static func sample(_ image: GrayImage, cx: Float, cy: Float, ux: Float, uy: Float, pitch: Float, charHeight: Float,
                       into out: UnsafeMutableBufferPointer<Float>) {
        let vx = -uy, vy = ux
        let cw = pitch, ch = cellHeight * charHeight
        let s = supersampling
        let w = image.width, h = image.height, stride = image.rowStride
        image.pixels.withUnsafeBufferPointer { px in
            @inline(__always) func bilinear(_ x: Float, _ y: Float) -> Float {
                let xc = min(max(x, 0), Float(w) - 1.001), yc = min(max(y, 0), Float(h) - 1.001)
                let x0 = Int(xc), y0 = Int(yc)
                let fx = xc - Float(x0), fy = yc - Float(y0)
                let o = y0 * stride + x0
                let a = Float(px[o]), b = Float(px[o + 1]), c = Float(px[o + stride]), d = Float(px[o + stride + 1])
                return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy
            }
            var sum: Float = 0, sumSquares: Float = 0
            let inv = 1 / Float(s * s)
            for j in 0..<rows {
                for i in 0..<columns {
                    var acc: Float = 0
                    for b in 0..<s {
                        let fv = ((Float(j) + (Float(b) + 0.5) / Float(s)) / Float(rows) - 0.5) * ch
                        for a in 0..<s {
                            let fu = ((Float(i) + (Float(a) + 0.5) / Float(s)) / Float(columns) - 0.5) * cw
                            acc += bilinear(cx + ux * fu + vx * fv, cy + uy * fu + vy * fv)
                        }
                    }
                    let v = acc * inv
                    out[j * columns + i] = v
                    sum += v
                    sumSquares += v * v
                }
            }
            let n = Float(featureCount)
            let mean = sum / n
            let sd = max((max(sumSquares / n - mean * mean, 0)).squareRoot(), 8)
            for k in 0..<featureCount { out[k] = (mean - out[k]) / sd }
        }
    }
}

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
            guard let base = px.baseAddress else { return }
            // The cell's corners: when all lie safely inside the image no sample needs clamping.
            let reachU = cw / 2 + 1, reachV = ch / 2 + 1
            let extentX = abs(ux) * reachU + abs(vx) * reachV, extentY = abs(uy) * reachU + abs(vy) * reachV
            let inside = cx - extentX >= 0 && cy - extentY >= 0 && cx + extentX < Float(w) - 1.001 && cy + extentY < Float(h) - 1.001
            let maxX = Float(w) - 1.001, maxY = Float(h) - 1.001
            @inline(__always) func bilinear(_ x: Float, _ y: Float) -> Float {
                let xc = inside ? x : min(max(x, 0), maxX), yc = inside ? y : min(max(y, 0), maxY)
                let x0 = Int(xc), y0 = Int(yc)
                let fx = xc - Float(x0), fy = yc - Float(y0)
                let p = base + (y0 * stride + x0)
                let a = Float(p[0]), b = Float(p[1]), c = Float(p[stride]), d = Float(p[stride + 1])
                return (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy
            }
            var sum: Float = 0, sumSquares: Float = 0
            let inv = 1 / Float(s * s)
            // Sample (i, a; j, b) sits at fu = ((i + (a + 0.5)/s)/columns − 0.5)·cw, fv likewise: steps of
            // cw/(columns·s) and ch/(rows·s) from the first. The offsets along the line are the same for every
            // sample row, so they are computed once; each feature sums its s × s samples in the same order.
            let du = cw / Float(columns * s), dv = ch / Float(rows * s)
            let u0 = (0.5 / Float(s) / Float(columns) - 0.5) * cw, v0 = (0.5 / Float(s) / Float(rows) - 0.5) * ch
            let across = columns * s
            // Inside the image, a row of samples is gathered four at a time (``BilinearCorners``) and interpolated
            // with the same operations as one at a time.
            let vectorised = inside && across % 4 == 0 && BilinearCorners.canGather(width: w, height: h, stride: stride)
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 3 * across + columns) { scratch in
                guard let offsetX = scratch.baseAddress else { return }
                let offsetY = offsetX + across, samples = offsetY + across, acc = samples + across
                for k in 0..<across {
                    let fu = u0 + Float(k) * du
                    offsetX[k] = ux * fu
                    offsetY[k] = uy * fu
                }
                let pixels = UnsafeRawPointer(base)
                for j in 0..<rows {
                    for i in 0..<columns { acc[i] = 0 }
                    for b in 0..<s {
                        let fv = v0 + Float(j * s + b) * dv
                        let rowX = cx + vx * fv, rowY = cy + vy * fv
                        if vectorised {
                            let shiftX = SIMD4<Float>(repeating: rowX), shiftY = SIMD4<Float>(repeating: rowY)
                            var k = 0
                            while k < across {
                                let x = shiftX + UnsafeRawPointer(offsetX + k).loadUnaligned(as: SIMD4<Float>.self)
                                let y = shiftY + UnsafeRawPointer(offsetY + k).loadUnaligned(as: SIMD4<Float>.self)
                                let p = BilinearCorners(x: x, y: y, pixels: pixels, stride: stride)
                                let value = (p.a + (p.b - p.a) * p.fx) * (1 - p.fy) + (p.c + (p.d - p.c) * p.fx) * p.fy
                                UnsafeMutableRawPointer(samples + k).storeBytes(of: value, as: SIMD4<Float>.self)
                                k += 4
                            }
                            for i in 0..<columns {
                                for a in 0..<s { acc[i] += samples[i * s + a] }
                            }
                            continue
                        }
                        for i in 0..<columns {
                            for a in 0..<s {
                                let k = i * s + a
                                acc[i] += bilinear(rowX + offsetX[k], rowY + offsetY[k])
                            }
                        }
                    }
                    for i in 0..<columns {
                        let v = acc[i] * inv
                        out[j * columns + i] = v
                        sum += v
                        sumSquares += v * v
                    }
                }
            }
            let n = Float(featureCount)
            let mean = sum / n
            let sd = max((max(sumSquares / n - mean * mean, 0)).squareRoot(), 8)
            for k in 0..<featureCount { out[k] = (mean - out[k]) / sd }
        }
    }
}

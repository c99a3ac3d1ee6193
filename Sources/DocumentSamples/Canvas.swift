import Imaging

/// An RGB drawing surface (interleaved `R G B`, rows of `width × 3` bytes) that the page is painted on and
/// the captures are resampled from. Coordinates are continuous: pixel (i, j) covers [i, i+1) × [j, j+1).
struct Canvas {
    let width: Int
    let height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, fill: RGBColor) {
        self.width = width
        self.height = height
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < p.count {
                p[i] = fill.red
                p[i + 1] = fill.green
                p[i + 2] = fill.blue
                i += 3
            }
        }
    }

    init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The canvas as an `Imaging` image.
    func rgbImage() throws(SampleError) -> RGBImage {
        do {
            return try RGBImage(width: width, height: height, pixels: pixels)
        } catch {
            throw .encoding(error)
        }
    }

    /// Composites `glyph` in `ink`: coverage is raised to `gamma` (above 1 thins strokes, below 1 thickens)
    /// and scaled by `strength`.
    mutating func blend(_ glyph: GlyphBitmap, ink: RGBColor, strength: Double = 1, gamma: Double = 1) {
        var table = [UInt16](repeating: 0, count: 256)
        for v in 0..<256 {
            let a = gamma == 1 ? Double(v) / 255 : power(Double(v) / 255, gamma)
            table[v] = UInt16((a * strength * 256).rounded())
        }
        let x0 = max(0, glyph.left), y0 = max(0, glyph.top)
        let x1 = min(width, glyph.left + glyph.width), y1 = min(height, glyph.top + glyph.height)
        guard x0 < x1, y0 < y1 else { return }
        let ir = UInt16(ink.red), ig = UInt16(ink.green), ib = UInt16(ink.blue)
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in y0..<y1 {
                let g = (y - glyph.top) * glyph.width - glyph.left
                for x in x0..<x1 {
                    let a = table[Int(glyph.coverage[g + x])]
                    if a == 0 { continue }
                    let i = (y * w + x) * 3, na = 256 - a
                    p[i] = UInt8((UInt16(p[i]) * na + ir * a) >> 8)
                    p[i + 1] = UInt8((UInt16(p[i + 1]) * na + ig * a) >> 8)
                    p[i + 2] = UInt8((UInt16(p[i + 2]) * na + ib * a) >> 8)
                }
            }
        }
    }

    /// Fills the pixels whose centres lie in [x0, x1) × [y0, y1) with `colour` at opacity `alpha`.
    mutating func fill(x0: Double, y0: Double, x1: Double, y1: Double, colour: RGBColor, alpha: Double = 1) {
        let ax = max(0, Int((x0 - 0.5).rounded(.up))), bx = min(width, Int((x1 - 0.5).rounded(.up)))
        let ay = max(0, Int((y0 - 0.5).rounded(.up))), by = min(height, Int((y1 - 0.5).rounded(.up)))
        guard ax < bx, ay < by else { return }
        let a = UInt16((alpha * 256).rounded()), na = 256 - a
        let r = UInt16(colour.red) * a, g = UInt16(colour.green) * a, b = UInt16(colour.blue) * a
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in ay..<by {
                for x in ax..<bx {
                    let i = (y * w + x) * 3
                    p[i] = UInt8((UInt16(p[i]) * na + r) >> 8)
                    p[i + 1] = UInt8((UInt16(p[i + 1]) * na + g) >> 8)
                    p[i + 2] = UInt8((UInt16(p[i + 2]) * na + b) >> 8)
                }
            }
        }
    }

    /// Each `factor × factor` block averaged into one pixel (partial blocks at the edges dropped).
    func downscaled(by factor: Int) -> Canvas {
        guard factor > 1 else { return self }
        let ow = width / factor, oh = height / factor
        var out = [UInt8](repeating: 0, count: ow * oh * 3)
        let n = UInt32(factor * factor), w = width
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for oy in 0..<oh {
                    for ox in 0..<ow {
                        var r: UInt32 = 0, g: UInt32 = 0, b: UInt32 = 0
                        for dy in 0..<factor {
                            var i = ((oy * factor + dy) * w + ox * factor) * 3
                            for _ in 0..<factor {
                                r += UInt32(src[i]); g += UInt32(src[i + 1]); b += UInt32(src[i + 2])
                                i += 3
                            }
                        }
                        let o = (oy * ow + ox) * 3
                        dst[o] = UInt8((r + n / 2) / n)
                        dst[o + 1] = UInt8((g + n / 2) / n)
                        dst[o + 2] = UInt8((b + n / 2) / n)
                    }
                }
            }
        }
        return Canvas(width: ow, height: oh, pixels: out)
    }

    /// Gaussian blur of standard deviation `sigma` pixels (separable, fixed-point weights, edges
    /// repeated). O(pixels × sigma).
    mutating func blur(sigma: Double) {
        guard sigma > 0.05, width > 1, height > 1 else { return }
        let radius = max(1, Int((sigma * 3).rounded(.up)))
        var raw = [Double](repeating: 0, count: 2 * radius + 1)
        for k in -radius...radius { raw[k + radius] = exponential(-Double(k * k) / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        var weights = raw.map { Int32(($0 / total * 4096).rounded()) }
        weights[radius] += 4096 - weights.reduce(0, +)
        let w = width, h = height, rowBytes = width * 3
        var temp = [UInt8](repeating: 0, count: pixels.count)
        var padded = [Int32](repeating: 0, count: (w + 2 * radius) * 3)
        var acc = [Int32](repeating: 0, count: rowBytes)
        weights.withUnsafeBufferPointer { wt in
            padded.withUnsafeMutableBufferPointer { pad in
                acc.withUnsafeMutableBufferPointer { sum in
                    // Horizontal: each row copied with its end pixels repeated, then convolved.
                    pixels.withUnsafeBufferPointer { src in
                        temp.withUnsafeMutableBufferPointer { dst in
                            for y in 0..<h {
                                let row = y * rowBytes
                                for x in 0..<(w + 2 * radius) {
                                    let sx = min(w - 1, max(0, x - radius)) * 3
                                    pad[x * 3] = Int32(src[row + sx])
                                    pad[x * 3 + 1] = Int32(src[row + sx + 1])
                                    pad[x * 3 + 2] = Int32(src[row + sx + 2])
                                }
                                for i in 0..<rowBytes { sum[i] = 2048 }
                                for k in 0...(2 * radius) {
                                    let weight = wt[k], offset = k * 3
                                    for i in 0..<rowBytes { sum[i] &+= pad[i + offset] &* weight }
                                }
                                for i in 0..<rowBytes { dst[row + i] = Canvas.byte(sum[i] >> 12) }
                            }
                        }
                    }
                    // Vertical: rows accumulated whole, the row index clamped at the edges.
                    temp.withUnsafeBufferPointer { src in
                        pixels.withUnsafeMutableBufferPointer { dst in
                            for y in 0..<h {
                                for i in 0..<rowBytes { sum[i] = 2048 }
                                for k in -radius...radius {
                                    let weight = wt[k + radius], row = min(h - 1, max(0, y + k)) * rowBytes
                                    for i in 0..<rowBytes { sum[i] &+= Int32(src[row + i]) &* weight }
                                }
                                let row = y * rowBytes
                                for i in 0..<rowBytes { dst[row + i] = Canvas.byte(sum[i] >> 12) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `value` clamped to 0...255 (non-generic, so that debug builds stay quick).
    @inline(__always) static func byte(_ value: Int32) -> UInt8 {
        value < 0 ? 0 : value > 255 ? 255 : UInt8(truncatingIfNeeded: value)
    }

    /// `value` clamped to 0...255.
    @inline(__always) static func byte(_ value: Int) -> UInt8 {
        value < 0 ? 0 : value > 255 ? 255 : UInt8(truncatingIfNeeded: value)
    }

    /// `value` rounded down and clamped to 0...255.
    @inline(__always) static func byte(_ value: Double) -> UInt8 {
        value <= 0 ? 0 : value >= 255 ? 255 : UInt8(truncatingIfNeeded: Int(value))
    }

    /// Adds luminance noise of standard deviation `sigma` grey levels (the same offset on all three channels)
    /// to the pixels of `region` (the whole canvas when `nil`).
    mutating func addNoise(sigma: Double, random: inout SplitMix64, region: (x0: Int, y0: Int, x1: Int, y1: Int)? = nil) {
        guard sigma > 0 else { return }
        let r = region ?? (0, 0, width, height)
        let x0 = max(0, r.x0), y0 = max(0, r.y0), x1 = min(width, r.x1), y1 = min(height, r.y1)
        guard x0 < x1, y0 < y1 else { return }
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in y0..<y1 {
                for x in x0..<x1 {
                    let n = Int((random.gaussian() * sigma).rounded())
                    let i = (y * w + x) * 3
                    p[i] = Canvas.byte(Int(p[i]) + n)
                    p[i + 1] = Canvas.byte(Int(p[i + 1]) + n)
                    p[i + 2] = Canvas.byte(Int(p[i + 2]) + n)
                }
            }
        }
    }

    /// The average colour of the pixels of a rectangle (clamped to the canvas).
    func mean(x0: Int, y0: Int, x1: Int, y1: Int) -> (Double, Double, Double) {
        let ax = max(0, x0), bx = min(width, x1), ay = max(0, y0), by = min(height, y1)
        guard ax < bx, ay < by else { return (0, 0, 0) }
        var r = 0, g = 0, b = 0
        for y in ay..<by {
            for x in ax..<bx {
                let i = (y * width + x) * 3
                r += Int(pixels[i]); g += Int(pixels[i + 1]); b += Int(pixels[i + 2])
            }
        }
        let n = Double((bx - ax) * (by - ay))
        return (Double(r) / n, Double(g) / n, Double(b) / n)
    }
}

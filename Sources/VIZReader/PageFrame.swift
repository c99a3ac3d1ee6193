import Imaging
import MRZReader
import MRZText

/// The document's own frame, measured from the MRZ band: `a` along the MRZ lines and `b` down the page,
/// both in MRZ pitches (2.54 mm), from the top-left corner of the band's first cell.
///
/// The VIZ sits above the band (`b < 0`). Everything above it is placed in this frame so that rotation,
/// scale and a page lying upside down in the image are taken out once.
struct PageFrame: Sendable, Hashable {
    /// Image point of `(a, b) = (0, 0)`.
    var originX: Double, originY: Double
    /// Unit vector along the lines (reading direction) and down the page, image coordinates.
    var ux: Double, uy: Double
    var vx: Double, vy: Double
    /// Pixels per pitch in the image.
    var pitch: Double
    /// Characters per MRZ line.
    var columns: Int

    /// The frame of `geometry`'s top line, or `nil` when the band is degenerate.
    init?(_ geometry: MRZGeometry) {
        guard let top = geometry.lines.first, top.characters.count >= 2, top.pitch > 1, top.pitch.isFinite else { return nil }
        let dx = top.baselineEnd.x - top.baselineStart.x, dy = top.baselineEnd.y - top.baselineStart.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length > 2 * top.pitch, length.isFinite else { return nil }
        ux = dx / length
        uy = dy / length
        vx = -uy
        vy = ux
        pitch = length / Double(top.characters.count)
        columns = top.characters.count
        originX = top.baselineStart.x - vx * top.characterHeight
        originY = top.baselineStart.y - vy * top.characterHeight
    }

    /// The frame with `(0, 0)` at image point `(originX, originY)`, lines along the unit vector `(ux, uy)`, `pitch` pixels
    /// per pitch and `columns` characters per MRZ line.
    init(originX: Double, originY: Double, ux: Double, uy: Double, pitch: Double, columns: Int) {
        self.originX = originX
        self.originY = originY
        self.ux = ux
        self.uy = uy
        vx = -uy
        vy = ux
        self.pitch = pitch
        self.columns = columns
    }

    /// The image point of frame coordinates `(a, b)`.
    func point(_ a: Double, _ b: Double) -> ImagePoint {
        ImagePoint(x: originX + (ux * a + vx * b) * pitch, y: originY + (uy * a + vy * b) * pitch)
    }

    /// The image quad of the frame rectangle `a0...a1` × `b0...b1`, corners as the page reads.
    func quad(a0: Double, a1: Double, b0: Double, b1: Double) -> ImageQuad {
        ImageQuad(corners: [point(a0, b0), point(a1, b0), point(a1, b1), point(a0, b1)])
    }

    /// Height of the page above the band's top, in pitches, for the MRZ's line length and line count:
    /// a generous bound from the format's page size (Doc 9303 Parts 4-7).
    static func vizHeight(columns: Int, lines: Int) -> Double {
        switch (columns, lines) {
        case (30, _): 16       // TD1: 54 mm card, MRZ top line about 17 mm above the bottom edge
        case (36, _): 25       // TD2 / MRV-B: 74 mm
        default: 30            // TD3 / MRV-A: 88 mm
        }
    }

    /// Samples the frame rectangle starting at `(a0, b0)` into a `width` × `height` image with
    /// `scale` pixels per pitch down the page and `xScale` (`scale` when `nil`) along the lines (bilinear in 16.16
    /// fixed point; outside the image: `fill`). O(width × height).
    func sample(_ image: GrayImage, a0: Double, b0: Double, width: Int, height: Int, scale: Double, xScale: Double? = nil,
                fill: UInt8 = 255) -> GrayImage {
        var out = [UInt8](repeating: fill, count: max(0, width * height))
        guard width > 0, height > 0, image.width > 1, image.height > 1 else { return GrayImage(width: max(0, width), height: max(0, height), fill: fill) }
        let step = pitch / scale, columnStep = pitch / (xScale ?? scale)
        let sx = ux * columnStep, sy = uy * columnStep     // one output column
        let tx = vx * step, ty = vy * step                 // one output row
        let start = point(a0, b0)
        let stride = image.rowStride
        // Positions in 1/65536 pixel; a sample needs its pixel and the next one right and down inside the image.
        let one = 65536.0
        let limitX = UInt((image.width - 1) << 16), limitY = UInt((image.height - 1) << 16)
        let range = Double(1 << 40)
        guard (sx * one).magnitude < range, (sy * one).magnitude < range else { return GrayImage(width: width, height: height, fill: fill) }
        let stepX = Int((sx * one).rounded()), stepY = Int((sy * one).rounded())
        image.pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for row in 0..<height {
                    // Pixel centres: +0.5 in the output maps to the sample point; image pixel centres at integer + 0.5.
                    let x = start.x + (Double(row) + 0.5) * tx + 0.5 * sx - 0.5
                    let y = start.y + (Double(row) + 0.5) * ty + 0.5 * sy - 0.5
                    guard (x * one).magnitude < range, (y * one).magnitude < range else { continue }
                    var fx = Int((x * one).rounded(.down)), fy = Int((y * one).rounded(.down))
                    let base = row * width
                    for col in 0..<width {
                        if UInt(bitPattern: fx) < limitX, UInt(bitPattern: fy) < limitY {
                            let wx = fx & 0xFFFF, wy = fy & 0xFFFF
                            let i = (fy >> 16) * stride + (fx >> 16)
                            let p00 = Int(src[i]), p10 = Int(src[i + 1]), p01 = Int(src[i + stride]), p11 = Int(src[i + stride + 1])
                            let top = (p00 << 16) + (p10 - p00) * wx, bottom = (p01 << 16) + (p11 - p01) * wx
                            dst[base + col] = UInt8(truncatingIfNeeded: ((top << 16) + (bottom - top) * wy + (1 << 31)) >> 32)
                        }
                        fx &+= stepX
                        fy &+= stepY
                    }
                }
            }
        }
        return (try? GrayImage(width: width, height: height, pixels: out)) ?? GrayImage(width: width, height: height, fill: fill)
    }
}

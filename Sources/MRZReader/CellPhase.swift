import Imaging

/// Places a line's cells along the line from its glyphs: an OCR-B glyph's ink lies within the middle 0.6
/// pitch of its cell, and the boundaries it shares with its neighbours cross paper. A photographed page's
/// perspective can leave a line's cells a sixth of a pitch off, and by different amounts at its two ends, so
/// each stretch of ``stretch`` cells is placed on its own.
enum CellPhase {
    /// Cells placed together.
    static let stretch = 11
    /// The moves tried, in pitches: −0.3 to 0.3 in steps of 0.05.
    static let moves: [Float] = (-6...6).map { Float($0) * 0.05 }

    /// `line` with each stretch of its cells moved by the move of ``moves`` that best separates the ink in the
    /// cells' middle 0.6 pitch from the ink on their boundaries (darkness summed over the middle 0.8 character
    /// height). O(cells × moves × character height).
    static func aligned(_ line: LocatedLine, direction u: SIMD2<Float>, in image: GrayImage) -> LocatedLine {
        let v = SIMD2<Float>(-u.y, u.x)
        let p = line.pitch, h = line.charHeight
        guard p > 4, h > 4, !line.centers.isEmpty, image.width > 1, image.height > 1 else { return line }
        let w = image.width, hgt = image.height, strideBytes = image.rowStride
        let samples = 9
        var moved = line
        image.pixels.withUnsafeBufferPointer { px in
            // The darkness (255 − grey) summed down the upright through `b`, over the middle 0.8 character height.
            func ink(at b: SIMD2<Float>) -> Float {
                var total: Float = 0
                for k in 0..<samples {
                    let q = b + v * ((Float(k) / Float(samples - 1) - 0.5) * 0.8 * h)
                    let x = min(max(Int(q.x + 0.5), 0), w - 1), y = min(max(Int(q.y + 0.5), 0), hgt - 1)
                    total += 255 - Float(px[y * strideBytes + x])
                }
                return total
            }
            var start = 0
            while start < line.centers.count {
                let end = min(line.centers.count, start + stretch)
                func separation(_ move: Float) -> Float {
                    var total: Float = 0
                    for k in start..<end {
                        let c = line.centers[k] + u * (move * p)
                        // Ink anywhere across the middle 0.6 pitch (every glyph's body), less the boundaries' ink
                        // weighted to the same number of columns.
                        for j in -3...3 { total += ink(at: c + u * (Float(j) * 0.1 * p)) }
                        total -= 3.5 * (ink(at: c - u * (0.5 * p)) + ink(at: c + u * (0.5 * p)))
                    }
                    return total
                }
                var best = (move: Float(0), separation: separation(0))
                for move in moves where move != 0 {
                    let value = separation(move)
                    if value > best.separation { best = (move, value) }
                }
                if best.move != 0 {
                    for k in start..<end { moved.centers[k] = line.centers[k] + u * (best.move * p) }
                }
                start = end
            }
        }
        return moved
    }
}

import Imaging

/// Measures a located line's character height and vertical centre at full resolution, the way the
/// classifier's training measures them: the median height of the tall glyphs (over 0.75 × the 80th
/// percentile of glyph heights) and the mean of their centres; and each glyph's height relative to the line,
/// the classifier's last input, with its faint strokes (training takes it from the glyph's outline). Coarse
/// locating resolutions get these wrong by a pixel or two, which is a tenth of a small character.
enum LineMetrics {
    /// The line with its centres moved onto the measured centre line and its height replaced, or unchanged
    /// when too few glyphs could be measured.
    static func refine(_ line: LocatedLine, direction u: SIMD2<Float>, in image: GrayImage) -> LocatedLine {
        let v = SIMD2<Float>(-u.y, u.x)
        let h = line.charHeight, p = line.pitch
        let rows = 64
        let span = 2.6 * h
        let step = span / Float(rows)
        var heights: [Float] = []
        var offsets: [Float] = []
        var perCell = [Float](repeating: -1, count: line.centers.count)
        // Across the middle 0.6 pitch of the cell at least every pixel: a hairline stroke between two samples
        // would otherwise vanish and the glyph would measure short.
        let across = max(3, Int((0.3 * p).rounded(.up)))
        let acrossStep = 0.3 * p / Float(across)
        // The offsets across a row are the same for every row of every cell: computed once, and again in
        // fixed point (16 fractional bits) for the cells away from the image's edges.
        let acrossOffsets = (-across...across).map { k in u * (Float(k) * acrossStep) }
        let fixedOne: Float = 65536
        let fixedOffsets = acrossOffsets.map { SIMD2<Int32>(Int32(($0.x * fixedOne).rounded()), Int32(($0.y * fixedOne).rounded())) }
        let cellCount = line.centers.count
        // Every cell's profile: its darkest value across the middle of the cell, row by row. Sampled a row
        // at a time over all cells, so that the image is read along its rows, not down 64 rows per cell.
        var profiles = [Float](repeating: 0, count: cellCount * rows)
        image.pixels.withUnsafeBufferPointer { px in
            let w = image.width, hgt = image.height, stride = image.rowStride
            @inline(__always) func at(_ q: SIMD2<Float>) -> Float {
                // Nearest pixel; truncation of x + 0.5 rounds every coordinate that survives the clamp.
                let x = min(max(Int(q.x + 0.5), 0), w - 1), y = min(max(Int(q.y + 0.5), 0), hgt - 1)
                return Float(px[y * stride + x])
            }
            // Within this distance of the centre lies every sample of a cell (rows reach span/2, offsets 0.3 pitch).
            let cellReach = span / 2 + 0.3 * p + 1
            let inside = line.centers.map { c in
                c.x - cellReach >= 0 && c.y - cellReach >= 0 && c.x + cellReach < Float(w - 1) && c.y + cellReach < Float(hgt - 1)
            }
            fixedOffsets.withUnsafeBufferPointer { offsets in
                profiles.withUnsafeMutableBufferPointer { profile in
                    for r in 0..<rows {
                        let dv = -span / 2 + (Float(r) + 0.5) * step
                        for (index, c) in line.centers.enumerated() {
                            let rowCentre = c + v * dv
                            var m = Float.infinity
                            if inside[index] {
                                // No clamping needed: every coordinate rounds inside the image; the minimum is
                                // taken over the bytes and converted once.
                                var darkestByte = UInt8.max
                                // Inside the image the coordinates are positive: truncation after adding a half rounds.
                                let x0 = Int32((rowCentre.x + 0.5) * fixedOne + 0.5), y0 = Int32((rowCentre.y + 0.5) * fixedOne + 0.5)
                                for offset in offsets {
                                    let x = Int((x0 &+ offset.x) &>> 16), y = Int((y0 &+ offset.y) &>> 16)
                                    darkestByte = min(darkestByte, px[y &* stride &+ x])
                                }
                                m = Float(darkestByte)
                            } else {
                                for offset in acrossOffsets { m = min(m, at(rowCentre + offset)) }
                            }
                            profile[index * rows + r] = m
                        }
                    }
                }
            }
        }
        for index in 0..<cellCount {
            let base = index * rows
            var darkest = Float.infinity, lightest = -Float.infinity
            for m in profiles[base..<(base + rows)] {
                darkest = min(darkest, m)
                lightest = max(lightest, m)
            }
            guard lightest - darkest > 25 else { continue }
            // The outermost ink rows within ±0.8 pitch of the centre line (broken thin strokes leave gaps,
            // so the extent, not the run through the centre); they must not touch the window's edge. Ink is
            // darker than `fraction` of the way down from the paper to the cell's darkest.
            let reach = Int((0.8 * p / step).rounded())
            let lo = max(0, rows / 2 - reach), hi = min(rows - 1, rows / 2 + reach)
            func extent(_ fraction: Float) -> (top: Int, bottom: Int)? {
                let threshold = lightest - fraction * (lightest - darkest)
                var top = -1, bottom = -1
                for r in lo...hi where profiles[base + r] < threshold {
                    if top < 0 { top = r }
                    bottom = r
                }
                guard top > lo, bottom >= 0, bottom < hi else { return nil }
                return (top, bottom)
            }
            // The line's height and centre: ink from 40% of the way down (the glyph's body).
            guard let body = extent(0.4) else { continue }
            heights.append(Float(body.bottom - body.top + 1) * step)
            offsets.append(-span / 2 + (Float(body.top + body.bottom + 1) / 2) * step)
            // Each glyph's own height for the classifier: from 25% of the way down. Thin strokes print much
            // lighter than where two of them cross, so at 40% a thin 4 or K measures half its height (its
            // stem lighter than that) and reads as a short glyph, a filler. Where faint ink (a background
            // pattern) reaches the window's edge at 25%, the body's height stands.
            let whole = extent(0.25) ?? body
            perCell[index] = Float(whole.bottom - whole.top + 1) * step
        }
        guard heights.count >= 8 else { return line }
        let sorted = heights.sorted()
        let tall = sorted[Int(Float(sorted.count) * 0.8)]
        var letterHeights: [Float] = [], letterOffsets: [Float] = []
        for (hh, o) in zip(heights, offsets) where hh > 0.75 * tall {
            letterHeights.append(hh)
            letterOffsets.append(o)
        }
        guard letterHeights.count >= 5 else { return line }
        let height = letterHeights.sorted()[letterHeights.count / 2]
        let offset = letterOffsets.reduce(0, +) / Float(letterOffsets.count)
        guard height > 0.6 * h, height < 1.6 * h else { return line }
        var refined = line
        let measured = perCell.filter { $0 > 0 }.sorted()
        let reference = measured[min(measured.count - 1, Int((Float(measured.count - 1) * 0.9).rounded()))]
        refined.relativeHeights = perCell.map { $0 > 0 ? $0 / reference : 1 }
        refined.charHeight = height
        refined.centers = line.centers.map { $0 + v * offset }
        return refined
    }
}

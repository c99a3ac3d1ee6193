import Imaging
import MRZReader

/// One printed MRZ glyph as found in the image, independently of the reader's fixed-pitch cells.
public struct MeasuredGlyph: Sendable, Hashable {
    /// Left ink edge along the line, in cells of the reader's grid (cell `i` is centred at `i`).
    public var left: Double
    /// Right ink edge along the line, in cells of the reader's grid.
    public var right: Double
    /// Top edge of the ink across the line, pixels from the reader's centre line (positive down the page).
    public var top: Double
    /// Bottom edge of the ink across the line, pixels from the reader's centre line.
    public var bottom: Double
    /// Height of the ink including faint strokes (over ``GlyphMeasurement/faintInk`` of the line's contrast),
    /// pixels. A thin stroke prints much lighter than a crossing or a bar along the line: the box of a thin 7
    /// or 4 (ink over 45%) can be its bar alone.
    public var faintInkHeight: Double
    /// The ink box in image coordinates (top left, top right, bottom right, bottom left as the line reads).
    public var box: ImageQuad
    /// Ink darkness summed over the glyph (grey levels × samples).
    public var mass: Double
    /// Stroke width, pixels (twice the ink area over its outline).
    public var strokeWidth: Double

    /// The centre of the ink box along the line, in cells.
    public var centre: Double { (left + right) / 2 }
    /// The middle of the ink box across the line, pixels from the reader's centre line.
    public var middle: Double { (top + bottom) / 2 }
    /// Ink box width in cells.
    public var width: Double { right - left }
    /// Ink box height in pixels.
    public var height: Double { bottom - top }
    /// Whether the blob reaches well above or below a character (ink that is not the glyph's touches it: a
    /// drawn line, a stamp); such a glyph is not measured.
    public var isTouched = false
}

/// One MRZ line's glyphs, measured from the image along the reader's line.
public struct MeasuredLine: Sendable {
    /// The line's index in the MRZ, from 0.
    public var index: Int
    /// The glyphs found, left to right; normally one per character.
    public var glyphs: [MeasuredGlyph]
    /// The number of characters the line should have.
    public var expectedCount: Int
    /// The characters the reader read, one per cell.
    public var characters: [Character]
    /// Median height of the glyphs other than `<`, pixels.
    public var letterHeight: Double
    /// The ink contrast: grey levels between the paper and the darkest ink (99th percentile).
    public var inkContrast: Double
    /// Each glyph's shape, zero-mean and unit length, sampled on a `FontSampling.columns × FontSampling.rows`
    /// grid of one cell by 1.3 letter heights around the glyph centre (for the typeface check).
    var shapes: [[Float]]
    var frame: LineFrame

    /// Whether there is exactly one glyph per character.
    public var isComplete: Bool { glyphs.count == expectedCount }
}

/// The grid glyph shapes are compared on.
enum FontSampling {
    static let columns = 12
    static let rows = 16
    static let verticalSpan = 1.3
}

/// Finds the glyphs of an MRZ line in the image: samples a strip along the reader's line (8 to 16 samples
/// per cell, at most 16 per character height; 2 character heights tall), takes the paper level per cell, thresholds the ink at 45% of
/// the line's contrast and splits the strip into glyphs at the blank columns between them; a blob wider
/// than 1.3 cells is cut at its lightest columns, fragments closer than 0.12 cell are joined.
enum GlyphMeasurement {
    /// Darkness, as a fraction of the line's contrast, from which ink counts towards
    /// ``MeasuredGlyph/faintInkHeight`` (fainter than the 45% that finds glyphs, boxes them and weighs their ink).
    static let faintInk = 0.3
    /// The strip starts this many cells before the reader's first (cell coordinate of its first column).
    static let firstCell = -2.0
    /// The measured line, or `nil` when the line is too short or has too little contrast (< 20 grey levels)
    /// to measure. O(line length × character height).
    static func measure(_ image: GrayImage, line: MRZLineGeometry, index: Int) -> MeasuredLine? {
        guard let frame = LineFrame(line), let found = glyphs(image, frame: frame) else { return nil }
        return finish(found, characters: line.characters.map(\.character), index: index)
    }

    /// A line's glyphs as found in the image before its characters are known: what ``measure(_:line:index:)``
    /// does first, and all it does that depends on the image.
    struct FoundGlyphs: Sendable {
        /// The frame they were found along (one cell per character).
        var frame: LineFrame
        var glyphs: [MeasuredGlyph]
        /// The strip's darkness below the paper, `rows × columns` samples.
        var dark: [Float]
        var columns: Int
        var rows: Int
        /// Samples per cell along the line, and pixels per sample row across it.
        var samplesPerCell: Int
        var rowStep: Double
        var contrast: Double
        var count: Int { frame.centres.count }
        var half: Int { rows / 2 }
    }

    /// The glyphs along `frame`, or `nil` when the line is too short or has too little contrast to measure.
    static func glyphs(_ image: GrayImage, frame: LineFrame) -> FoundGlyphs? {
        guard frame.centres.count >= 8, image.width > 1, image.height > 1 else { return nil }
        let n = frame.centres.count
        let s = min(16, max(8, Int(frame.pitch.rounded())))
        let rowStep = max(1, frame.height / 16)
        // From two cells before the reader's first to two after its last: a reader's grid misled by a
        // tampered line may end short of the print.
        let cols = (n + 3) * s + 1
        let half = Int((1.0 * frame.height / rowStep).rounded(.up))
        let rows = 2 * half + 1
        guard cols * rows <= 4_000_000 else { return nil }
        let k0 = GlyphMeasurement.firstCell
        func kAt(_ c: Double) -> Double { k0 + c / Double(s) }

        // Working buffers for the whole measurement: the strip, its darkness, per-column sums and counts, a
        // histogram (counted in four parts by column, so that runs of one grey level do not wait on each other).
        let area = rows * cols
        let strip = UnsafeMutableBufferPointer<Float>.allocate(capacity: area)
        let dark = UnsafeMutableBufferPointer<Float>.allocate(capacity: area)
        let columns = UnsafeMutableBufferPointer<Float>.allocate(capacity: 3 * cols)
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * cols)
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: cols + 2 * rows)
        let parts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 4 * 256)
        defer {
            strip.deallocate()
            dark.deallocate()
            columns.deallocate()
            sums.deallocate()
            counts.deallocate()
            parts.deallocate()
        }
        let xs = UnsafeMutableBufferPointer(rebasing: columns[0..<cols])
        let ys = UnsafeMutableBufferPointer(rebasing: columns[cols..<(2 * cols)])
        let paper = UnsafeMutableBufferPointer(rebasing: columns[(2 * cols)..<(3 * cols)])
        for c in 0..<cols {
            let p = frame.centre(at: kAt(Double(c)))
            xs[c] = Float(p.x) - 0.5
            ys[c] = Float(p.y) - 0.5
        }

        // Sample the strip (bilinear, clamped at the image border), row by row.
        let v = frame.v
        image.pixels.withUnsafeBufferPointer { px in
            let w = image.width, h = image.height, stride = image.rowStride
            let maxX = Float(w - 1), maxY = Float(h - 1)
            let vx = Float(v.x * rowStep), vy = Float(v.y * rowStep)
            // A row's sample positions are `xs` and `ys` shifted by the same amount, and a rounded sum is
            // monotonic in each term: a row whose shifted extremes lie inside the image (short of the last
            // column and row) needs no clamping. There four columns are sampled at once (``BilinearCorners``),
            // with the same operations as one at a time.
            var xLow = Float.infinity, xHigh = -Float.infinity, yLow = Float.infinity, yHigh = -Float.infinity
            for c in 0..<cols {
                xLow = min(xLow, xs[c]); xHigh = max(xHigh, xs[c])
                yLow = min(yLow, ys[c]); yHigh = max(yHigh, ys[c])
            }
            let vectorised = BilinearCorners.canGather(width: w, height: h, stride: stride) && px.count >= h * stride
            let pixelBytes = UnsafeRawPointer(px.baseAddress)
            let xBytes = UnsafeRawPointer(xs.baseAddress), yBytes = UnsafeRawPointer(ys.baseAddress)
            let stripBytes = UnsafeMutableRawPointer(strip.baseAddress)
            for r in 0..<rows {
                let t = Float(r - half)
                let dx = vx * t, dy = vy * t
                let base = r * cols
                if vectorised, let pixelBytes, let xBytes, let yBytes, let stripBytes,
                   xLow + dx >= 0, xHigh + dx < maxX, yLow + dy >= 0, yHigh + dy < maxY {
                    let shiftX = SIMD4<Float>(repeating: dx), shiftY = SIMD4<Float>(repeating: dy)
                    var c = 0
                    while c + 4 <= cols {
                        let x = xBytes.loadUnaligned(fromByteOffset: c &* 4, as: SIMD4<Float>.self) + shiftX
                        let y = yBytes.loadUnaligned(fromByteOffset: c &* 4, as: SIMD4<Float>.self) + shiftY
                        let p = BilinearCorners(x: x, y: y, pixels: pixelBytes, stride: stride)
                        let value = (p.a + (p.b - p.a) * p.fx) * (1 - p.fy) + (p.c + (p.d - p.c) * p.fx) * p.fy
                        stripBytes.storeBytes(of: value, toByteOffset: (base &+ c) &* 4, as: SIMD4<Float>.self)
                        c &+= 4
                    }
                    while c < cols {
                        let x = xs[c] + dx, y = ys[c] + dy
                        let xi = Int(x), yi = Int(y)
                        let fx = x - Float(xi), fy = y - Float(yi)
                        let i = yi &* stride &+ xi
                        let a = Float(px[i]), b = Float(px[i &+ 1]), cc = Float(px[i &+ stride]), d = Float(px[i &+ stride &+ 1])
                        strip[base &+ c] = (a + (b - a) * fx) * (1 - fy) + (cc + (d - cc) * fx) * fy
                        c &+= 1
                    }
                    continue
                }
                for c in 0..<cols {
                    let x = min(max(xs[c] + dx, 0), maxX), y = min(max(ys[c] + dy, 0), maxY)
                    let xi = min(Int(x), w - 2), yi = min(Int(y), h - 2)
                    let fx = x - Float(xi), fy = y - Float(yi)
                    let i = yi * stride + xi
                    let a = Float(px[i]), b = Float(px[i + 1]), cc = Float(px[i + stride]), d = Float(px[i + stride + 1])
                    strip[base + c] = (a + (b - a) * fx) * (1 - fy) + (cc + (d - cc) * fx) * fy
                }
            }
        }

        // Paper level: 80th percentile per cell-wide block, interpolated between block centres. The histogram
        // takes four samples at a time: their truncations (their floors, none being negative) from the bits
        // of `value + 2^23` less one where that is above the value, at most 255.
        let blocks = (cols + s - 1) / s
        var blockLevel = [Double](repeating: 255, count: blocks)
        let stripBytes = UnsafeRawPointer(strip.baseAddress)
        for b in 0..<blocks {
            parts.update(repeating: 0)
            let c0 = b * s, c1 = min(cols, (b + 1) * s)
            for r in 0..<rows {
                let base = r &* cols
                var c = c0
                if let stripBytes {
                    while c + 4 <= c1 {
                        let values = stripBytes.loadUnaligned(fromByteOffset: (base &+ c) &* 4, as: SIMD4<Float>.self)
                        var whole = unsafeBitCast(values + 0x1p23, to: SIMD4<Int32>.self) & 0x7F_FFFF
                        whole = whole.replacing(with: whole &- 1, where: values .< SIMD4<Float>(whole))
                        whole = pointwiseMin(pointwiseMax(whole, SIMD4()), SIMD4(repeating: 255))
                        parts[Int(whole[0])] &+= 1
                        parts[256 &+ Int(whole[1])] &+= 1
                        parts[512 &+ Int(whole[2])] &+= 1
                        parts[768 &+ Int(whole[3])] &+= 1
                        c &+= 4
                    }
                }
                while c < c1 {
                    parts[(c & 3) &* 256 &+ min(255, Int(strip[base &+ c]))] &+= 1
                    c &+= 1
                }
            }
            blockLevel[b] = Double(percentile(parts, count: rows * (c1 - c0), 0.8))
        }
        for c in 0..<cols {
            let position = (Double(c) + 0.5) / Double(s) - 0.5
            let b = min(max(Int(position.rounded(.down)), 0), blocks - 1), b1 = min(b + 1, blocks - 1)
            let f = min(max(position - Double(b), 0), 1)
            paper[c] = Float(blockLevel[b] * (1 - f) + blockLevel[b1] * f)
        }
        // Darkness, its histogram and each column's total darkness (summed down the rows).
        let columnDark = UnsafeMutableBufferPointer(rebasing: sums[0..<cols])
        let columnInk = UnsafeMutableBufferPointer(rebasing: sums[cols..<(2 * cols)])
        sums.update(repeating: 0)
        parts.update(repeating: 0)
        for r in 0..<rows {
            let base = r &* cols
            for c in 0..<cols {
                let d = max(0, paper[c] - strip[base &+ c])
                dark[base &+ c] = d
                columnDark[c] += Double(d)
                parts[(c & 3) &* 256 &+ min(255, Int(d))] &+= 1
            }
        }
        let contrast = Double(percentile(parts, count: area, 0.99))
        guard contrast >= 20 else { return nil }
        let threshold = Float(0.45 * contrast)
        let coreHalf = Int((0.8 * frame.height / rowStep).rounded())

        // Per column: ink samples in the core rows, and darkness above the threshold (adding zero elsewhere
        // leaves the non-negative sums as they are).
        let profile = UnsafeMutableBufferPointer(rebasing: counts[0..<cols])
        profile.update(repeating: 0)
        for r in 0..<rows {
            let core = abs(r - half) <= coreHalf ? 1 : 0
            let base = r &* cols
            for c in 0..<cols {
                let value = dark[base &+ c]
                let inked = value > threshold
                columnInk[c] += inked ? Double(value) : 0
                profile[c] &+= inked ? core : 0
            }
        }
        var runs: [(Int, Int)] = []
        var c = 0
        while c < cols {
            if profile[c] > 0 {
                let start = c
                while c < cols, profile[c] > 0 { c += 1 }
                runs.append((start, c))
            } else {
                c += 1
            }
        }
        let masses = runs.map { run in (run.0..<run.1).reduce(0.0) { $0 + columnInk[$1] } }
        let typicalMass = RobustStatistics.median(masses)
        var kept: [(Int, Int)] = []
        for (run, m) in zip(runs, masses) where m > 0.08 * typicalMass {
            if let last = kept.last, Double(run.0 - last.1) < 0.12 * Double(s), Double(run.1 - last.0) < 0.9 * Double(s) {
                kept[kept.count - 1].1 = run.1
            } else {
                kept.append(run)
            }
        }
        var pieces: [(Int, Int)] = []
        for (a, b) in kept {
            let width = Double(b - a) / Double(s)
            let parts = width > 1.3 ? Int(width.rounded()) : 1
            guard parts > 1 else {
                pieces.append((a, b))
                continue
            }
            var cuts = [a]
            for m in 1..<parts {
                let expected = Double(a) + Double(b - a) * Double(m) / Double(parts)
                let lo = max(a + 1, Int(expected - 0.35 * Double(s))), hi = min(b - 1, Int(expected + 0.35 * Double(s)))
                var best = Int(expected), bestValue = Double.infinity
                if hi > lo {
                    for x in lo...hi {
                        let smooth = (columnDark[max(x - 1, 0)] + columnDark[x] + columnDark[min(x + 1, cols - 1)]) / 3
                        if smooth < bestValue { bestValue = smooth; best = x }
                    }
                }
                cuts.append(best)
            }
            cuts.append(b)
            for i in 0..<(cuts.count - 1) where cuts[i + 1] > cuts[i] { pieces.append((cuts[i], cuts[i + 1])) }
        }

        // Each piece's vertical extent: the run of ink rows through its densest central row (gaps of up to
        // `gap` rows bridged); also the run through rows of fainter ink (over `faint`).
        let gap = max(1, Int((0.12 * frame.height / rowStep).rounded()))
        let centralHalf = Int((0.5 * frame.height / rowStep).rounded())
        let faint = Float(GlyphMeasurement.faintInk * contrast)
        var glyphs: [MeasuredGlyph] = []
        let rowCounts = UnsafeMutableBufferPointer(rebasing: counts[cols..<(cols + rows)])
        let rowFaint = UnsafeMutableBufferPointer(rebasing: counts[(cols + rows)..<(cols + 2 * rows)])
        func extent(from r0: Int, _ inked: UnsafeMutableBufferPointer<Int>) -> (top: Int, bottom: Int) {
            var top = r0, miss = 0, r = r0
            while r > 0 {
                r -= 1
                if inked[r] > 0 { top = r; miss = 0 } else { miss += 1; if miss > gap { break } }
            }
            var bottom = r0
            miss = 0
            r = r0
            while r < rows - 1 {
                r += 1
                if inked[r] > 0 { bottom = r; miss = 0 } else { miss += 1; if miss > gap { break } }
            }
            return (top, bottom)
        }
        for (a, b) in pieces {
            for r in 0..<rows {
                var count = 0, faintCount = 0
                let base = r &* cols
                for c in a..<b {
                    let d = dark[base &+ c]
                    count &+= d > threshold ? 1 : 0
                    faintCount &+= d > faint ? 1 : 0
                }
                rowCounts[r] = count
                rowFaint[r] = faintCount
            }
            var r0 = half
            for r in max(0, half - centralHalf)...min(rows - 1, half + centralHalf) where rowCounts[r] > rowCounts[r0] { r0 = r }
            guard rowCounts[r0] > 0 else { continue }
            let (top, bottom) = extent(from: r0, rowCounts)
            let faintExtent = extent(from: r0, rowFaint)
            // Darkness, and the stroke width as twice the inked area over its outline (in samples).
            var mass = 0.0, area = 0, outline = 0
            for rr in top...bottom {
                for c in a..<b where dark[rr * cols + c] > threshold {
                    mass += Double(dark[rr * cols + c])
                    area += 1
                    let k = rr * cols + c
                    let edge = rr == top || rr == bottom || c == a || c == b - 1
                        || dark[k - 1] <= threshold || dark[k + 1] <= threshold || dark[k - cols] <= threshold || dark[k + cols] <= threshold
                    if edge { outline += 1 }
                }
            }
            // Darkness over the contrast counts partly inked edge samples partly: sub-sample precision.
            let stroke = outline > 0 && area > 0 ? 2 * mass / contrast / Double(outline) : 0
            let left = kAt(Double(a)), right = kAt(Double(b - 1))
            let t0 = (Double(top - half) - 0.5) * rowStep, t1 = (Double(bottom - half) + 0.5) * rowStep
            let box = ImageQuad(corners: [frame.point(k: left - 0.5 / Double(s), t: t0), frame.point(k: right + 0.5 / Double(s), t: t0),
                                          frame.point(k: right + 0.5 / Double(s), t: t1), frame.point(k: left - 0.5 / Double(s), t: t1)]
                .map { ImagePoint($0) })
            glyphs.append(MeasuredGlyph(left: left, right: right, top: t0, bottom: t1,
                                        faintInkHeight: Double(faintExtent.bottom - faintExtent.top + 1) * rowStep, box: box, mass: mass,
                                        strokeWidth: stroke * (rowStep + frame.pitch / Double(s)) / 2))
        }
        // Blobs beyond the line's ends that stand apart from it (other print, an edge) are not characters.
        while glyphs.count > n, let first = glyphs.first, glyphs[1].centre - first.centre > 1.6 { glyphs.removeFirst() }
        while glyphs.count > n, let last = glyphs.last, last.centre - glyphs[glyphs.count - 2].centre > 1.6 { glyphs.removeLast() }
        guard glyphs.count >= n / 2 else { return nil }
        return FoundGlyphs(frame: frame, glyphs: glyphs, dark: Array(dark), columns: cols, rows: rows, samplesPerCell: s,
                           rowStep: rowStep, contrast: contrast)
    }

    /// The line `found` holds `characters` (one per cell, as read): its letter height, the glyphs touched by other
    /// ink, and each glyph's shape for the typeface check.
    static func finish(_ found: FoundGlyphs, characters: [Character], index: Int) -> MeasuredLine {
        var glyphs = found.glyphs
        let n = found.count, frame = found.frame, dark = found.dark, rowStep = found.rowStep
        let cols = found.columns, rows = found.rows, half = found.half, s = found.samplesPerCell
        let k0 = GlyphMeasurement.firstCell
        var letterHeights: [Double] = []
        if glyphs.count == n {
            for (g, ch) in zip(glyphs, characters) where ch != "<" { letterHeights.append(g.height) }
        }
        if letterHeights.count < 3 { letterHeights = glyphs.map(\.height) }
        let letterHeight = RobustStatistics.quantile(letterHeights, 0.5)
        for i in glyphs.indices where glyphs[i].height > 1.3 * letterHeight { glyphs[i].isTouched = true }

        // Shapes on a common grid around each glyph's centre and the line's fitted middle (where a typeface
        // sets its glyphs vertically is part of its look).
        let middleLine = RobustStatistics.fitLine(x: glyphs.map(\.centre), y: glyphs.map(\.middle), floor: 0.5)
            ?? RobustStatistics.Line(intercept: 0, slope: 0)
        var shapes: [[Float]] = []
        let gw = FontSampling.columns, gh = FontSampling.rows
        let span = FontSampling.verticalSpan * letterHeight / rowStep
        // A grid column's strip column and fraction, a grid row's likewise (-1 outside the strip): the grid
        // is separable, so each is found once per glyph.
        let gridIndex = UnsafeMutableBufferPointer<Int>.allocate(capacity: gw + gh)
        let gridFraction = UnsafeMutableBufferPointer<Float>.allocate(capacity: gw + gh)
        defer {
            gridIndex.deallocate()
            gridFraction.deallocate()
        }
        for g in glyphs {
            var shape = [Float](repeating: 0, count: gw * gh)
            let centreColumn = (g.centre - k0) * Double(s)
            let middleRow = middleLine(g.centre) / rowStep + Double(half)
            for i in 0..<gw {
                let x = centreColumn + ((Double(i) + 0.5) / Double(gw) - 0.5) * Double(s)
                let inside = x >= 0 && x <= Double(cols - 1)
                let xi = inside ? min(Int(x), cols - 2) : -1
                gridIndex[i] = xi
                gridFraction[i] = inside ? Float(x - Double(xi)) : 0
            }
            for j in 0..<gh {
                let y = middleRow + ((Double(j) + 0.5) / Double(gh) - 0.5) * span
                let inside = y >= 0 && y <= Double(rows - 1)
                let yi = inside ? min(Int(y), rows - 2) : -1
                gridIndex[gw + j] = yi
                gridFraction[gw + j] = inside ? Float(y - Double(yi)) : 0
            }
            var mean: Float = 0
            shape.withUnsafeMutableBufferPointer { out in
                for j in 0..<gh {
                    let yi = gridIndex[gw + j], fy = gridFraction[gw + j]
                    for i in 0..<gw {
                        let xi = gridIndex[i], fx = gridFraction[i]
                        var value: Float = 0
                        if xi >= 0, yi >= 0 {
                            let k = yi * cols + xi
                            value = (dark[k] * (1 - fx) + dark[k + 1] * fx) * (1 - fy) + (dark[k + cols] * (1 - fx) + dark[k + cols + 1] * fx) * fy
                        }
                        out[j * gw + i] = value
                        mean += value
                    }
                }
            }
            mean /= Float(gw * gh)
            var norm: Float = 0
            for i in shape.indices {
                shape[i] -= mean
                norm += shape[i] * shape[i]
            }
            norm = norm.squareRoot()
            if norm > 0 { for i in shape.indices { shape[i] /= norm } }
            shapes.append(shape)
        }
        return MeasuredLine(index: index, glyphs: glyphs, expectedCount: n, characters: characters, letterHeight: letterHeight,
                            inkContrast: found.contrast, shapes: shapes, frame: frame)
    }

    /// The `q` quantile of a 256-bin histogram holding `count` samples, counted in four parts (`parts[p × 256 +
    /// value]`): the first value at which the samples up to it exceed `q × count`. Found from the top (the
    /// quantiles wanted are high ones) by taking each value's samples away.
    static func percentile(_ parts: UnsafeMutableBufferPointer<Int>, count: Int, _ q: Double) -> Int {
        let target = Int((Double(count) * q).rounded(.down))
        guard count > target else { return 255 }
        // `seen` holds the samples up to `value`; step down while those below `value` still exceed the target.
        var value = 255, seen = count
        while value > 0 {
            let here = parts[value] &+ parts[256 &+ value] &+ parts[512 &+ value] &+ parts[768 &+ value]
            guard seen - here > target else { break }
            seen -= here
            value -= 1
        }
        return value
    }
}

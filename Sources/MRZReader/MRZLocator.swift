import Foundation
import Imaging
import MRZText

/// One located MRZ line in full-resolution image coordinates, cells in reading order of the located frame
/// (which may still be upside down; the reader decides).
struct LocatedLine: Sendable {
    /// Cell centres, left to right in the located frame.
    var centers: [SIMD2<Float>]
    /// Character pitch (at the first cell as located; each cell's is ``pitch(ofCell:)``) and height in
    /// full-resolution pixels.
    var pitch: Float
    var charHeight: Float
    /// Each cell's glyph height relative to the line's 90th percentile (1 where it was not measured).
    var relativeHeights: [Float] = []
    /// Each cell's own pitch, pixels, from the located cell grid's slope at the cell, within a fifth of the
    /// line's median (empty: ``pitch`` for all). On a page photographed at a slant the characters at the near
    /// end are larger, by a tenth or more: sampled at one pitch they would be read too tight there and too loose
    /// at the far end.
    var cellPitches: [Float] = []

    /// The pitch of cell `index`, pixels.
    func pitch(ofCell index: Int) -> Float { index < cellPitches.count ? cellPitches[index] : pitch }
}

/// A located machine-readable zone: its lines (top to bottom in the located frame) and the frame's axes.
struct LocatedBand: Sendable {
    var lines: [LocatedLine]
    /// Unit vector along the lines (left to right in the located frame), in image coordinates.
    var direction: SIMD2<Float>
    var format: MRZFormat
}

/// Cell centres along a line: x(k) = a + b·k + c·k² for cell k (b is the pitch at k = 0).
struct CellGrid: Sendable {
    var a: Float
    var b: Float
    var c: Float

    func value(_ k: Float) -> Float { a + b * k + c * k * k }

    /// The (fractional) cell at position `x`, by Newton steps from the linear guess.
    func cell(at x: Float) -> Float {
        var k = (x - a) / b
        for _ in 0..<3 {
            let slope = slope(atCell: k)
            guard abs(slope) > 1e-3 else { break }
            k -= (value(k) - x) / slope
        }
        return k
    }

    /// The grid's slope at (fractional) cell `k`: the cells' spacing there, pixels.
    func slope(atCell k: Float) -> Float { b + 2 * c * k }

    /// The cells' spacing at position `x` (the grid's slope there), within half and twice the pitch at cell 0.
    func pitch(at x: Float) -> Float { min(max(slope(atCell: cell(at: x)), 0.5 * b), 2 * b) }

    /// The same grid re-indexed so that cell `s` becomes cell 0.
    func shifted(by s: Float) -> CellGrid { CellGrid(a: value(s), b: slope(atCell: s), c: c) }
}

/// Finds the MRZ band at any orientation: local binarisation, connected components, the dominant text
/// direction from nearest-neighbour pairs, a deskewed pass that chains components into lines, then
/// 2 or 3 parallel, aligned, evenly pitched lines of 30, 36 or 44 characters.
enum MRZLocator {
    struct Line {
        var components: [TextComponent]
        var minX: Float { Float(components.first?.minX ?? 0) }
        var maxX: Float { Float(components.last?.maxX ?? 0) }
        var height: Float = 0
        var centerY: Float = 0
        var slope: Float = 0
        var pitch: Float = 0
        var first: Float = 0   // centre of the first cell
        var count: Int = 0     // estimated characters
        var grid = CellGrid(a: 0, b: 1, c: 0)
    }

    /// The band candidates, best first (empty when there is none).
    static func locate(_ image: GrayImage) -> [LocatedBand] {
        let maxSide = max(image.width, image.height)
        let factor = max(1, Int((Float(maxSide) / 900).rounded(.up)))
        // Faint or thin print: a lower contrast threshold, then a coarser image that joins broken strokes.
        // (A first look at a coarser image is cheaper but places cells too roughly for the reader.)
        // Last, lines that touch (a line moved onto its neighbour): glyphs of both lines joined into one component
        // are cut apart (``splitJoinedLines(_:)``).
        for splitting in [false, true] {
            for (scale, contrast) in [(factor, Float(0.12)), (factor, 0.06), (factor * 2, 0.08), (factor * 2, 0.04), (factor, 0.03)] {
                let work = scale > 1 ? image.downscaled(by: scale) : image
                let bands = locate(work: work, factor: scale, contrast: contrast, splittingJoinedLines: splitting)
                if !bands.isEmpty { return bands }
            }
        }
        return []
    }

    static func locate(work: GrayImage, factor: Int, contrast: Float, splittingJoinedLines: Bool = false) -> [LocatedBand] {
        let binary = TextComponents.binarize(work, radius: 12, contrast: contrast)
        let all = TextComponents.label(binary, width: work.width, height: work.height)
        var components = all.filter { c in
            let s = max(c.width, c.height)
            let fill = Float(c.count) / Float(c.width * c.height)
            return s >= 4 && s <= 90 && fill > 0.08
        }
        if splittingJoinedLines {
            // Nothing cut apart: the same components as the pass without cutting, which found nothing.
            let cut = splitJoinedLines(components)
            guard cut.count > components.count else { return [] }
            components = cut
        }
        guard components.count >= 40, let angle = dominantAngle(components) else { return [] }
        var bands: [LocatedBand] = []
        for candidate in [angle, angle + Float.pi / 2] {
            // Within 20° of a quarter turn the components are turned arithmetically (boxes de-skewed);
            // beyond, the image itself is resampled.
            let quarter = (candidate / (Float.pi / 2)).rounded()
            let residual = candidate - quarter * Float.pi / 2
            if abs(residual) <= 20 * Float.pi / 180 {
                let (turned, frame) = turn(components, angle: candidate, residual: residual, quarterTurns: Int(quarter))
                bands += bandsIn(chainLines(turned), frame: frame, factor: Float(factor))
            } else {
                bands += locateAt(angle: candidate, work: work, factor: Float(factor), contrast: contrast)
            }
            if !bands.isEmpty { break }
        }
        return bands
    }

    /// `components` with each one about twice as tall as the typical glyph (1.7-2.8 times the median height of
    /// those at least 4 pixels tall, and no wider than 1.6 times that height) cut into its upper and lower half: two
    /// MRZ lines printed onto each other join a glyph of one with the glyph under it, and the joined components chain
    /// with neither line. Each half keeps the box's width, half its height and half its pixels. O(n log n).
    static func splitJoinedLines(_ components: [TextComponent]) -> [TextComponent] {
        let heights = components.map(\.height).filter { $0 >= 4 }.sorted()
        guard heights.count >= 20 else { return components }
        let median = Float(heights[heights.count / 2])
        var out: [TextComponent] = []
        out.reserveCapacity(components.count + components.count / 4)
        for c in components {
            let h = Float(c.height)
            guard h >= 1.7 * median, h <= 2.8 * median, Float(c.width) <= 1.6 * median else {
                out.append(c)
                continue
            }
            let middle = (c.minY + c.maxY) / 2
            let half = max(1, c.count / 2)
            var top = c, bottom = c
            top.maxY = middle
            bottom.minY = middle + 1
            top.count = half
            bottom.count = half
            top.sumX = Int64(c.centroidX * Float(half))
            bottom.sumX = top.sumX
            top.sumY = Int64(Float(c.minY + middle) / 2 * Float(half))
            bottom.sumY = Int64(Float(middle + 1 + c.maxY) / 2 * Float(half))
            out.append(top)
            out.append(bottom)
        }
        return out
    }

    /// The components as they would be in the image turned by −`angle`: centres rotated, boxes de-skewed by
    /// inverting the box of a rectangle rotated by `residual` (quarter turns swap width and height exactly).
    static func turn(_ components: [TextComponent], angle: Float, residual: Float, quarterTurns: Int) -> ([TextComponent], Frame) {
        let u = SIMD2<Float>(cos(angle), sin(angle))
        let v = SIMD2<Float>(-u.y, u.x)
        let frame = Frame(u: u, v: v, cw: .zero, cr: .zero)
        let c = cos(residual), s = abs(sin(residual))
        let d = max(c * c - s * s, 0.3)
        let swap = quarterTurns % 2 != 0
        let turned = components.map { comp -> TextComponent in
            let p = SIMD2<Float>(comp.centerX, comp.centerY)
            let x = (p * u).sum(), y = (p * v).sum()
            let bw = Float(swap ? comp.height : comp.width), bh = Float(swap ? comp.width : comp.height)
            let w = max(1, (bw * c - bh * s) / d), h = max(1, (bh * c - bw * s) / d)
            var t = comp
            t.minX = Int32((x - w / 2).rounded()); t.maxX = Int32((x + w / 2).rounded()) - 1
            t.minY = Int32((y - h / 2).rounded()); t.maxY = Int32((y + h / 2).rounded()) - 1
            if t.maxX < t.minX { t.maxX = t.minX }
            if t.maxY < t.minY { t.maxY = t.minY }
            return t
        }
        return (turned, frame)
    }

    /// The text direction (radians, modulo π) from the angles between components and their nearest similar neighbour.
    static func dominantAngle(_ components: [TextComponent]) -> Float? {
        let cell: Float = 48
        // Components bucketed by grid cell (counting sort: each bucket keeps index order), with a border of
        // empty cells so that every neighbour lookup is in range.
        let gxs = components.map { Int($0.centroidX / cell) + 1 }, gys = components.map { Int($0.centroidY / cell) + 1 }
        let columns = (gxs.max() ?? 0) + 2, rows = (gys.max() ?? 0) + 2
        var bucketStart = [Int](repeating: 0, count: columns * rows + 1)
        for (gx, gy) in zip(gxs, gys) { bucketStart[gy * columns + gx + 1] += 1 }
        for k in 0..<(columns * rows) { bucketStart[k + 1] += bucketStart[k] }
        var members = [Int](repeating: 0, count: components.count)
        var fill = bucketStart
        for i in components.indices {
            let k = gys[i] * columns + gxs[i]
            members[fill[k]] = i
            fill[k] += 1
        }
        var histogram = [Float](repeating: 0, count: 180)
        // Each component's size and centroid, computed once for the neighbour search's inner loop.
        let sizes = components.map { Float(max($0.width, $0.height)) }
        let centroids = components.map { SIMD2<Float>($0.centroidX, $0.centroidY) }
        for i in components.indices {
            let sa = sizes[i], ca = centroids[i]
            let gx = gxs[i], gy = gys[i]
            var best: (d: Float, dx: Float, dy: Float)?
            for ox in -1...1 {
                for oy in -1...1 {
                    let k = (gy + oy) * columns + gx + ox
                    for j in members[bucketStart[k]..<bucketStart[k + 1]] where j != i {
                        let sb = sizes[j]
                        guard max(sa, sb) / min(sa, sb) < 1.8 else { continue }
                        let dx = centroids[j].x - ca.x, dy = centroids[j].y - ca.y
                        let d = (dx * dx + dy * dy).squareRoot()
                        guard d < 2.2 * max(sa, sb), d < cell, d > 0 else { continue }
                        if best == nil || d < best!.d { best = (d, dx, dy) }
                    }
                }
            }
            if let best {
                var deg = atan2(best.dy, best.dx) * 180 / .pi
                if deg < 0 { deg += 180 }
                if deg >= 180 { deg -= 180 }
                histogram[Int(deg) % 180] += 1
            }
        }
        var smoothed = [Float](repeating: 0, count: 180)
        for k in 0..<180 {
            for o in -2...2 { smoothed[k] += histogram[(k + o + 180) % 180] * (o == 0 ? 2 : 1) }
        }
        guard let peak = smoothed.indices.max(by: { smoothed[$0] < smoothed[$1] }), smoothed[peak] > 10 else { return nil }
        // Refine: weighted mean of the bins around the peak (circular).
        var sum: Float = 0, weight: Float = 0
        for o in -3...3 {
            let k = (peak + o + 180) % 180
            sum += Float(peak + o) * histogram[k]
            weight += histogram[k]
        }
        return (sum / max(weight, 1) + 0.5) * .pi / 180
    }

    /// Deskews by `angle`, chains components into lines and finds the bands.
    static func locateAt(angle: Float, work: GrayImage, factor: Float, contrast: Float) -> [LocatedBand] {
        let (lines, frame) = linesAt(angle: angle, work: work, contrast: contrast)
        return bandsIn(lines, frame: frame, factor: factor)
    }

    /// The bands among `lines`, mapped back to full-resolution image coordinates.
    static func bandsIn(_ lines: [Line], frame: Frame, factor: Float) -> [LocatedBand] {
        findBands(lines).map { band in
            LocatedBand(
                lines: band.lines.map { line in
                    let centers = (0..<line.count).map { k -> SIMD2<Float> in
                        let x = line.grid.value(Float(k))
                        return frame.toImage(SIMD2(x, line.centerY + line.slope * (x - line.first))) * factor
                    }
                    // The grid's slope at each cell, within a fifth of its median (a quadratic's ends can run wild).
                    let slopes = (0..<line.count).map { line.grid.slope(atCell: Float($0)) }
                    let typical = slopes.sorted()[slopes.count / 2]
                    let pitches = typical.isFinite && typical > 0 ? slopes.map { min(max($0, 0.8 * typical), 1.25 * typical) * factor } : []
                    return LocatedLine(centers: centers, pitch: line.pitch * factor, charHeight: line.height * factor, cellPitches: pitches)
                },
                direction: frame.u, format: band.format)
        }
    }

    /// A deskewed frame: point (x', y') of the rotated image lies at `cw + (x' − crx)·u + (y' − cry)·v` of the work image.
    struct Frame {
        var u: SIMD2<Float>, v: SIMD2<Float>, cw: SIMD2<Float>, cr: SIMD2<Float>
        func toImage(_ p: SIMD2<Float>) -> SIMD2<Float> {
            let d = p - cr
            return cw + d.x * u + d.y * v
        }
    }

    /// The text lines of the work image deskewed by `angle`.
    static func linesAt(angle: Float, work: GrayImage, contrast: Float) -> ([Line], Frame) {
        let u = SIMD2<Float>(cos(angle), sin(angle))
        let v = SIMD2<Float>(-u.y, u.x)
        let w = Float(work.width), h = Float(work.height)
        let rw = Int((abs(w * u.x) + abs(h * u.y)).rounded(.up)), rh = Int((abs(w * u.y) + abs(h * u.x)).rounded(.up))
        let cw = SIMD2<Float>(w / 2, h / 2), cr = SIMD2<Float>(Float(rw) / 2, Float(rh) / 2)
        // R(x', y') = W(cw + (x' − crx)·u + (y' − cry)·v)
        var pixels = [UInt8](repeating: 255, count: rw * rh)
        work.pixels.withUnsafeBufferPointer { px in
            pixels.withUnsafeMutableBufferPointer { out in
                let stride = work.rowStride
                for y in 0..<rh {
                    let dy = Float(y) - cr.y
                    for x in 0..<rw {
                        let dx = Float(x) - cr.x
                        let sx = cw.x + dx * u.x + dy * v.x, sy = cw.y + dx * u.y + dy * v.y
                        guard sx >= 0, sy >= 0, sx < w - 1, sy < h - 1 else { continue }
                        let x0 = Int(sx), y0 = Int(sy)
                        let fx = sx - Float(x0), fy = sy - Float(y0)
                        let o = y0 * stride + x0
                        let a = Float(px[o]), b = Float(px[o + 1]), c = Float(px[o + stride]), d = Float(px[o + stride + 1])
                        out[y * rw + x] = UInt8(min(255, max(0, (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy)))
                    }
                }
            }
        }
        let frame = Frame(u: u, v: v, cw: cw, cr: cr)
        guard let rotated = try? GrayImage(width: rw, height: rh, pixels: pixels) else { return ([], frame) }
        let binary = TextComponents.binarize(rotated, radius: 12, contrast: contrast)
        let components = TextComponents.label(binary, width: rw, height: rh).filter { c in
            c.height >= 4 && c.height <= 80 && c.width <= 400 && Float(c.count) / Float(c.width * c.height) > 0.08
        }
        return (chainLines(components), frame)
    }

    /// Chains components left to right into text lines (nearest compatible successor, greedy by gap).
    static func chainLines(_ components: [TextComponent]) -> [Line] {
        let sorted = components.sorted { $0.minX < $1.minX }
        var successor = [Int](repeating: -1, count: sorted.count)
        var predecessor = [Int](repeating: -1, count: sorted.count)
        var pairs: [(gap: Float, a: Int, b: Int)] = []
        for i in sorted.indices {
            let a = sorted[i]
            let ha = Float(a.height)
            var j = i + 1
            while j < sorted.count {
                let b = sorted[j]
                let gap = Float(b.minX) - Float(a.maxX)
                if gap > 1.6 * ha + 4 { break }
                let hb = Float(b.height)
                let hmax = max(ha, hb)
                if gap > -0.3 * hmax, abs(b.centerY - a.centerY) < 0.35 * hmax + 1, max(ha, hb) / min(ha, hb) < 2.6,
                   Float(b.maxX) > Float(a.maxX) {
                    pairs.append((max(gap, 0) + abs(b.centerY - a.centerY), i, j))
                }
                j += 1
            }
        }
        pairs.sort { $0.gap < $1.gap }
        for p in pairs where successor[p.a] < 0 && predecessor[p.b] < 0 {
            successor[p.a] = p.b
            predecessor[p.b] = p.a
        }
        var lines: [Line] = []
        for start in sorted.indices where predecessor[start] < 0 && successor[start] >= 0 {
            var members: [TextComponent] = []
            var k = start
            while k >= 0 {
                members.append(sorted[k])
                k = successor[k]
            }
            if members.count >= 12 { lines.append(Line(components: members)) }
        }
        return lines.compactMap(measure)
    }

    /// Height, baseline fit, pitch and cell grid of a chained line; `nil` when it is not evenly pitched text.
    static func measure(_ input: Line) -> Line? {
        var line = input
        let heights = line.components.map { Float($0.height) }.sorted()
        let tall = heights[Int(Float(heights.count) * 0.8)]
        // Specks at either end (narrow and short: neither a letter nor a filler) are not characters. Short
        // against the print at that end: on a page photographed at a slant the far end's glyphs are smaller, and
        // a narrow `N` or `1` there measured against the near end's height was dropped, its line starting a cell
        // late. The height is scaled by the spacing at that end over the line's (the median of six); the
        // glyphs shrink less than that (about its square root), so the rule errs towards keeping a glyph, and a
        // speck is far smaller than any.
        let endGaps = zip(line.components.dropFirst(), line.components).map { $0.centerX - $1.centerX }.filter { $0 > 0 }
        let lineGap = endGaps.isEmpty ? 1 : endGaps.sorted()[endGaps.count / 2]
        func endScale(_ end: ArraySlice<Float>) -> Float {
            guard end.count >= 3, lineGap > 0 else { return 1 }
            return min(1, max(0.7, end.sorted()[end.count / 2] / lineGap))
        }
        let startTall = tall * endScale(endGaps.prefix(6)), endTall = tall * endScale(endGaps.suffix(6))
        func speck(_ c: TextComponent, _ tall: Float) -> Bool { Float(c.width) < 0.4 * tall && Float(c.height) < 0.8 * tall }
        while let f = line.components.first, speck(f, startTall), line.components.count > 12 { line.components.removeFirst() }
        while let l = line.components.last, speck(l, endTall), line.components.count > 12 { line.components.removeLast() }
        let letters = line.components.filter { Float($0.height) > 0.75 * tall && Float($0.width) < 1.3 * tall }
        guard letters.count >= 6 else { return nil }
        line.height = letters.map { Float($0.height) }.sorted()[letters.count / 2]
        // Centre line: least squares over the letters' box centres.
        let n = Float(letters.count)
        let mx = letters.reduce(0) { $0 + $1.centerX } / n, my = letters.reduce(0) { $0 + $1.centerY } / n
        var sxx: Float = 0, sxy: Float = 0
        for c in letters { sxx += (c.centerX - mx) * (c.centerX - mx); sxy += (c.centerX - mx) * (c.centerY - my) }
        line.slope = sxx > 0 ? sxy / sxx : 0
        // Pitch: median gap between neighbouring single characters.
        var singles = line.components.filter { Float($0.width) < 1.25 * line.height }
        var gaps: [Float] = []
        for k in 1..<max(singles.count, 1) {
            let g = singles[k].centerX - singles[k - 1].centerX
            if g > 0.5 * line.height && g < 1.8 * line.height { gaps.append(g) }
        }
        guard gaps.count >= 5 else { return nil }
        let pitch0 = gaps.sorted()[gaps.count / 2]
        singles = joiningPieces(singles, pitch: pitch0)
        // Grid fit: walk the singles left to right counting cells (the local pitch follows perspective),
        // then fit x(k) = first + pitch·k + curve·k² by least squares, dropping outliers once. A component
        // less than half a pitch from the one before is still in the same cell: counted as a cell of its own,
        // it would shift every later cell by one, and the fit would bend to follow.
        var ks: [Float] = [0]
        var local = pitch0
        for i in 1..<singles.count {
            let gap = singles[i].centerX - singles[i - 1].centerX
            let steps = max(0, (gap / local).rounded())
            ks.append(ks[i - 1] + steps)
            if steps == 1 { local = 0.8 * local + 0.2 * gap }
        }
        var fit = quadraticFit(ks, singles.map(\.centerX))
        if let f = fit {
            var keepK: [Float] = [], keepX: [Float] = []
            for (k, c) in zip(ks, singles) where abs(f.value(k) - c.centerX) < 0.25 * pitch0 {
                keepK.append(k)
                keepX.append(c.centerX)
            }
            if keepK.count >= 6 { fit = quadraticFit(keepK, keepX) }
        }
        guard let grid = fit, grid.b > 0.5 * line.height, grid.b < 1.8 * line.height else { return nil }
        // Extend to the components at either end (a merged run of fillers still ends on a cell), half a pitch in
        // from each end's edge at the pitch there: on a page photographed at a slant the far end's pitch is half
        // as large again as the near end's, and half the near end's pitch in from the far edge lies past the last
        // glyph's centre, adding a cell (a TD3 line of 45 cells was then read from its second glyph).
        let startCell = grid.cell(at: line.minX + 0.5 * grid.pitch(at: line.minX)).rounded(.down)
        let endCell = grid.cell(at: line.maxX - 0.5 * grid.pitch(at: line.maxX)).rounded(.up)
        line.grid = grid.shifted(by: startCell)
        line.pitch = line.grid.b
        line.first = line.grid.a
        line.count = Int(endCell - startCell) + 1
        line.centerY = my + line.slope * (line.first - mx)
        return line
    }

    /// `components` (left to right) with neighbours that fit together in three quarters of `pitch` joined into
    /// one box: the pieces of a glyph whose thin strokes broke apart when binarised (an OCR-B glyph is about 0.6
    /// of a pitch wide, and two glyphs side by side are at least a pitch wide). O(n).
    static func joiningPieces(_ components: [TextComponent], pitch: Float) -> [TextComponent] {
        var out: [TextComponent] = []
        out.reserveCapacity(components.count)
        for c in components {
            if let last = out.last, Float(max(last.maxX, c.maxX) - min(last.minX, c.minX) + 1) <= 0.75 * pitch {
                out[out.count - 1] = TextComponent(
                    minX: min(last.minX, c.minX), minY: min(last.minY, c.minY), maxX: max(last.maxX, c.maxX),
                    maxY: max(last.maxY, c.maxY), count: last.count + c.count, sumX: last.sumX + c.sumX, sumY: last.sumY + c.sumY)
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// Least-squares x = a + b·k + c·k² (c kept small: it models mild perspective along one line).
    static func quadraticFit(_ k: [Float], _ x: [Float]) -> CellGrid? {
        let n = Float(k.count)
        guard k.count >= 6 else { return nil }
        var s1: Float = 0, s2: Float = 0, s3: Float = 0, s4: Float = 0, t0: Float = 0, t1: Float = 0, t2: Float = 0
        for (kk, xx) in zip(k, x) {
            let k2 = kk * kk
            s1 += kk; s2 += k2; s3 += k2 * kk; s4 += k2 * k2
            t0 += xx; t1 += kk * xx; t2 += k2 * xx
        }
        // Solve [[n s1 s2][s1 s2 s3][s2 s3 s4]] · [a b c] = [t0 t1 t2] by Cramer's rule (in Double for range).
        let m = [[Double(n), Double(s1), Double(s2)], [Double(s1), Double(s2), Double(s3)], [Double(s2), Double(s3), Double(s4)]]
        let r = [Double(t0), Double(t1), Double(t2)]
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        guard abs(d) > 1e-9 else { return nil }
        func replaced(_ col: Int) -> [[Double]] { m.enumerated().map { i, row in row.enumerated().map { j, v in j == col ? r[i] : v } } }
        let a = det(replaced(0)) / d, b = det(replaced(1)) / d, c = det(replaced(2)) / d
        return CellGrid(a: Float(a), b: Float(b), c: Float(c))
    }

    struct Band {
        var lines: [Line]
        var format: MRZFormat
        var score: Float
    }

    /// Groups parallel lines of one length into 3 × 30 or 2 × 36 / 2 × 44 bands.
    static func findBands(_ lines: [Line]) -> [Band] {
        let candidates = lines.filter { $0.count >= 26 && $0.count <= 50 }.sorted { $0.centerY < $1.centerY }
        var bands: [Band] = []
        for i in candidates.indices {
            for size in [3, 2] where i + size <= candidates.count {
                let group = Array(candidates[i..<(i + size)])
                let pitch = group.map(\.pitch).reduce(0, +) / Float(size)
                let height = group.map(\.height).reduce(0, +) / Float(size)
                guard group.allSatisfy({ abs($0.pitch - pitch) < 0.12 * pitch && abs($0.first - group[0].first) < 1.5 * pitch }) else { continue }
                var spacingOK = true
                for k in 1..<size {
                    let dy = group[k].centerY - group[k - 1].centerY
                    if dy < 0.8 * height || dy > 3.2 * height { spacingOK = false }
                }
                guard spacingOK else { continue }
                let span = group.map { Float($0.count) }.reduce(0, +) / Float(size)
                let format: MRZFormat
                if size == 3 {
                    guard abs(span - 30) <= 3 else { continue }
                    format = .td1
                } else {
                    if abs(span - 44) <= 4 { format = .td3 } else if abs(span - 36) <= 3 { format = .td2 } else { continue }
                }
                var chosen = group
                let n = format.lineLength
                // Lines are left-aligned and equally long: the consensus start comes from the lines whose
                // length already fits (else from all), and each line takes its own grid cell nearest to it.
                let fitting = group.filter { $0.count == n }
                let starts = (fitting.isEmpty ? group : fitting).map(\.first).sorted()
                let ends = (fitting.isEmpty ? group : fitting).map { $0.grid.value(Float($0.count - 1)) }.sorted()
                let consensusStart = starts[starts.count / 2]
                let consensusEnd = ends[ends.count / 2]
                for k in chosen.indices where group[k].count != n {
                    let line = group[k]
                    var bestShift: Float = 0, bestCost = Float.infinity
                    for shift in -3...3 {
                        let start = line.grid.value(Float(shift))
                        let end = line.grid.value(Float(shift + n - 1))
                        let cost = abs(start - consensusStart) + (fitting.isEmpty ? 0.5 : 1) * abs(end - consensusEnd)
                        if cost < bestCost { bestCost = cost; bestShift = Float(shift) }
                    }
                    chosen[k].grid = line.grid.shifted(by: bestShift)
                    chosen[k].first = chosen[k].grid.a
                    chosen[k].pitch = chosen[k].grid.b
                    chosen[k].count = n
                    chosen[k].centerY = line.centerY + line.slope * (chosen[k].first - line.first)
                }
                let score = Float(group.map { $0.components.count }.reduce(0, +))
                bands.append(Band(lines: chosen, format: format, score: score))
            }
        }
        return bands.sorted { $0.score > $1.score }
    }
}

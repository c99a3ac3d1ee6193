import Imaging

/// A run of printed text on the page found without reading it: glyph-sized dark components chained
/// left to right, split where the gap is wider than the text is tall (so fields side by side stay apart).
struct TextSegment: Sendable, Hashable {
    /// The box in frame coordinates (pitches): `a` along the lines, `b` down the page.
    var a0: Double, a1: Double, b0: Double, b1: Double
    /// Median glyph height, pitches.
    var glyphHeight: Double
    /// Number of glyph components.
    var components: Int
    /// Mean darkness of the glyph pixels against the local paper, grey levels (labels print lighter).
    var darkness: Double

    var height: Double { b1 - b0 }
    var width: Double { a1 - a0 }
}

/// Finds the text segments of a page region sampled in the frame (``PageFrame/sample(_:a0:b0:width:height:scale:fill:)``):
/// local-contrast binarisation, connected components of glyph size, chaining. O(pixels).
enum TextLineFinder {
    /// Segments of `image` (sampled at `scale` pixels per pitch with its top-left at frame `(a0, b0)`),
    /// top to bottom, then left to right.
    static func segments(in image: GrayImage, scale: Double, a0: Double, b0: Double) -> [TextSegment] {
        let w = image.width, h = image.height
        guard w > 8, h > 8 else { return [] }
        let darkness = localDarkness(image, radius: max(4, Int(scale.rounded())))
        // Threshold from the strongest contrasts in the region: text is the darkest print on the page.
        var histogram = [Int](repeating: 0, count: 256)
        for d in darkness { histogram[Int(d)] += 1 }
        let strong = percentile(histogram, 0.995, total: darkness.count)
        let threshold = max(22, Int(0.38 * Double(strong)))
        let components = label(darkness, width: w, height: h, threshold: UInt8(clamping: threshold))

        // Glyph-sized components only: not the portrait, not background lines, not specks.
        let minHeight = max(3, Int(0.14 * scale)), maxHeight = Int(1.6 * scale), maxWidth = Int(7 * scale)
        let glyphs = components.filter { c in
            let cw = c.x1 - c.x0 + 1, ch = c.y1 - c.y0 + 1
            guard ch >= minHeight, ch <= maxHeight, cw <= maxWidth, c.count >= 4 else { return false }
            let fill = Double(c.count) / Double(cw * ch)
            return fill >= 0.1 && (cw < ch * 3 || fill >= 0.2)
        }.sorted { $0.x0 < $1.x0 }

        // Chain each glyph to its nearest right neighbour on the same line.
        var parent = Array(0..<glyphs.count)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        // The reach of the tallest glyphs: beyond it no glyph can be a neighbour (those sorted after it start further right).
        let farthest = 2 * maxHeight + 1
        for (i, g) in glyphs.enumerated() {
            let gh = g.y1 - g.y0 + 1
            var best: (Int, Int)?
            var j = i + 1
            while j < glyphs.count {
                let n = glyphs[j]
                let nh = n.y1 - n.y0 + 1
                // A word space or ` / ` (whose thin slash may be lost), not a column gap: at least 0.45 pitch so that lower-case captions hold together.
                let reach = Int(max(2 * Double(max(gh, nh)), 0.45 * scale)) + 1
                if n.x0 > g.x1 + farthest { break }
                j += 1
                if n.x0 > g.x1 + reach { continue }
                let overlap = min(g.y1, n.y1) - max(g.y0, n.y0) + 1
                let ratio = Double(max(gh, nh)) / Double(min(gh, nh))
                if overlap >= (min(gh, nh) + 1) / 2, ratio <= 2.6 {
                    let gap = n.x0 - g.x1
                    if best == nil || gap < best!.1 { best = (j - 1, gap) }
                }
            }
            if let (j, _) = best {
                let a = find(i), b = find(j)
                if a != b { parent[a] = b }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in glyphs.indices { groups[find(i), default: []].append(i) }

        let lines = split(groups.values.compactMap { line($0, glyphs: glyphs, scale: scale) }, glyphs: glyphs, scale: scale)
        var out: [TextSegment] = []
        for l in lines {
            var mass = 0, sum = 0
            for m in l.members { mass += glyphs[m].count; sum += glyphs[m].darknessSum }
            out.append(TextSegment(a0: a0 + Double(l.x0) / scale, a1: a0 + Double(l.x1 + 1) / scale,
                                   b0: b0 + Double(l.y0) / scale, b1: b0 + Double(l.y1 + 1) / scale,
                                   glyphHeight: Double(l.median) / scale, components: l.members.count,
                                   darkness: Double(sum) / Double(max(mass, 1))))
        }
        return out.sorted { ($0.b0 + $0.b1, $0.a0) < ($1.b0 + $1.b1, $1.a0) }
    }

    /// A chain of glyphs, in pixels of the searched region.
    struct Line {
        /// Indices of its glyphs, left to right.
        var members: [Int]
        var x0: Int, y0: Int, x1: Int, y1: Int
        /// Median glyph height.
        var median: Int
    }

    /// The line of the glyphs `members` (sorted left to right), or nil when it is too small to be print.
    static func line(_ members: [Int], glyphs: [Component], scale: Double) -> Line? {
        let members = withoutEdgeRules(members, glyphs: glyphs)
        let heights = members.map { glyphs[$0].y1 - glyphs[$0].y0 + 1 }.sorted()
        let median = heights[heights.count / 2]
        let tallest = heights.last ?? 0
        guard Double(tallest) >= (members.count >= 3 ? 0.2 : 0.3) * scale else { return nil }
        var x0 = Int.max, y0 = Int.max, x1 = Int.min, y1 = Int.min
        for m in members {
            let g = glyphs[m]
            // Marks and ascenders far taller than the line's glyphs do not widen its box.
            let gh = g.y1 - g.y0 + 1
            x0 = min(x0, g.x0); x1 = max(x1, g.x1)
            if gh <= 2 * median { y0 = min(y0, g.y0); y1 = max(y1, g.y1) }
        }
        guard members.count >= 2 || x1 - x0 + 1 >= Int(0.25 * scale) else { return nil }
        return Line(members: members, x0: x0, y0: y0, x1: x1, y1: y1, median: median)
    }

    /// `members` (left to right) without a rule at either end: a component at most 0.3 times as wide as it is tall, at
    /// least 1.3 times as tall as the median of the others and apart from its neighbour by at least 0.6 of that median.
    /// A photo's or a frame's edge next to a value is chained to it like a glyph; it would widen the line's box, lift its
    /// glyph height (so that the caption over the value no longer pairs with it) and be read as a letter. A tall letter
    /// in a word (`l` after `a`) is not apart from its neighbour. O(m log m) for m members, per end component dropped.
    static func withoutEdgeRules(_ members: [Int], glyphs: [Component]) -> [Int] {
        var members = members
        func isRule(_ end: Int, neighbour: Int) -> Bool {
            let others = members.filter { $0 != end }.map { glyphs[$0].y1 - glyphs[$0].y0 + 1 }.sorted()
            let median = Double(others[others.count / 2])
            let g = glyphs[end], n = glyphs[neighbour]
            let height = Double(g.y1 - g.y0 + 1), width = Double(g.x1 - g.x0 + 1)
            let gap = Double(max(n.x0 - g.x1, g.x0 - n.x1) - 1)
            return width <= 0.3 * height && height >= 1.3 * median && gap >= 0.6 * median
        }
        while members.count >= 2, isRule(members[0], neighbour: members[1]) { members.removeFirst() }
        while members.count >= 2, isRule(members[members.count - 1], neighbour: members[members.count - 2]) { members.removeLast() }
        return members
    }

    /// Splits a line printed under two or more captions side by side (values of fields side by side that the
    /// chaining joined: two dates whose gap is narrower than the reach of their type) where the page's own
    /// print says a field begins. A cut is a gap of the line
    /// - at the left edge of a caption above it (the value begins where its caption does, within 0.6 of the
    ///   line's glyph height), while another caption above it lies wholly to its left;
    /// - wider than the line's type is tall and 1.4 times its median word space (a column gap, not a word space
    ///   or ` / `: on generated TD3 and TD2 pages column gaps measured 1.3-1.5 glyph heights, word spaces at
    ///   most 0.75, also where a blurred capture broke a bilingual caption into pieces over one value).
    /// Captions are lines printed smaller (below 0.85 of the glyph height) right above it, as ``VIZReader``
    /// pairs them. No fixed offsets: layouts whose values do not line up with their captions are left whole.
    /// O(lines² + glyphs).
    static func split(_ lines: [Line], glyphs: [Component], scale: Double) -> [Line] {
        var out: [Line] = []
        for v in lines {
            let vh = Double(v.median)
            guard v.members.count >= 4 else { out.append(v); continue }
            let captions = lines.filter { c in
                let ch = Double(c.median)
                let gap = Double(v.y0 - c.y1)
                return ch < 0.85 * vh && gap > -0.25 * ch && gap < 1.5 * vh + 0.3 * scale && c.x1 > v.x0 && c.x0 < v.x1
            }
            guard captions.count >= 2 else { out.append(v); continue }
            // The line's gaps: between the union of its glyphs' extents, left to right.
            var gaps: [(x0: Int, x1: Int)] = []
            var reach = glyphs[v.members[0]].x1
            for m in v.members.dropFirst() {
                let g = glyphs[m]
                if g.x0 > reach + 1 { gaps.append((reach + 1, g.x0 - 1)) }
                reach = max(reach, g.x1)
            }
            let words = gaps.map { Double($0.x1 - $0.x0 + 1) }.filter { $0 >= 0.25 * vh }.sorted()
            let wordSpace = words.isEmpty ? 0 : words[words.count / 2]
            let tolerance = 0.6 * vh
            var cuts: [Int] = []
            for c in captions where captions.contains(where: { $0.x1 < c.x0 && $0.x1 > v.x0 }) {
                let fits = gaps.filter { g in
                    let width = Double(g.x1 - g.x0 + 1)
                    let start = Double(g.x1 + 1), edge = Double(c.x0)
                    return width >= vh && width >= 1.4 * wordSpace
                        && (abs(start - edge) <= tolerance || (g.x0 <= c.x0 && c.x0 <= g.x1))
                }
                if let g = fits.max(by: { $0.x1 - $0.x0 < $1.x1 - $1.x0 }) { cuts.append(g.x1 + 1) }
            }
            guard !cuts.isEmpty else { out.append(v); continue }
            var parts: [[Int]] = Array(repeating: [], count: cuts.count + 1)
            let sortedCuts = Set(cuts).sorted()
            for m in v.members {
                parts[sortedCuts.filter { glyphs[m].x0 >= $0 }.count].append(m)
            }
            for part in parts where !part.isEmpty {
                if let l = line(part, glyphs: glyphs, scale: scale) { out.append(l) }
            }
        }
        return out
    }

    /// `max(0, local mean − pixel)` over a square window of `radius` (running column and row sums). O(pixels).
    static func localDarkness(_ image: GrayImage, radius: Int) -> [UInt8] {
        let w = image.width, h = image.height, stride = image.rowStride
        var out = [UInt8](repeating: 0, count: w * h)
        guard w > 0, h > 0 else { return out }
        // Column sums over the window's rows, kept as the window moves down; each row's window sums from them, kept as
        // the window moves right. Exact integer sums, as from an integral image, read in row order.
        var columns = [Int32](repeating: 0, count: w)
        image.pixels.withUnsafeBufferPointer { p in
            columns.withUnsafeMutableBufferPointer { c in
                out.withUnsafeMutableBufferPointer { o in
                    for y in 0..<min(h, radius) {
                        for x in 0..<w { c[x] += Int32(p[y * stride + x]) }
                    }
                    for y in 0..<h {
                        let ya = max(0, y - radius), yb = min(h, y + radius + 1)
                        if y + radius < h { for x in 0..<w { c[x] += Int32(p[(y + radius) * stride + x]) } }
                        if y - radius - 1 >= 0 { for x in 0..<w { c[x] -= Int32(p[(y - radius - 1) * stride + x]) } }
                        let rows = Double(yb - ya)
                        var total: Int32 = 0
                        for x in 0..<min(w, radius) { total += c[x] }
                        let source = y * stride, target = y * w
                        for x in 0..<w {
                            if x + radius < w { total += c[x + radius] }
                            if x - radius - 1 >= 0 { total -= c[x - radius - 1] }
                            let xa = max(0, x - radius), xb = min(w, x + radius + 1)
                            // The integer mean by a floating division, cheaper than a 64-bit integer one and as exact:
                            // t/a for integers below 2^53 lies at least 1/a below the next integer, far more than its
                            // rounding error, so truncation gives the integer quotient.
                            let mean = Int(Double(total) / (rows * Double(xb - xa)))
                            o[target + x] = UInt8(clamping: mean - Int(p[source + x]))
                        }
                    }
                }
            }
        }
        return out
    }

    /// The value below which `fraction` of the histogram's `total` samples lie.
    static func percentile(_ histogram: [Int], _ fraction: Double, total: Int) -> Int {
        let target = Int(Double(total) * fraction)
        var seen = 0
        for (v, n) in histogram.enumerated() {
            seen += n
            if seen > target { return v }
        }
        return histogram.count - 1
    }

    struct Component {
        var x0: Int, y0: Int, x1: Int, y1: Int
        var count: Int
        var darknessSum: Int
    }

    /// 8-connected components of the pixels darker than `threshold`, with their boxes, in the raster order of
    /// their first pixels. O(pixels).
    static func label(_ darkness: [UInt8], width w: Int, height h: Int, threshold: UInt8) -> [Component] {
        var labels = [Int32](repeating: -1, count: w * h)
        var parent: [Int32] = []
        var out: [Component] = []
        darkness.withUnsafeBufferPointer { d in
            labels.withUnsafeMutableBufferPointer { labels in
                // Provisional labels, equivalences merged as found (union by smaller root, path halving).
                for y in 0..<h {
                    let row = y * w
                    for x in 0..<w {
                        let i = row + x
                        guard d[i] > threshold else { continue }
                        var l: Int32 = -1
                        if x > 0, labels[i - 1] >= 0 { l = labels[i - 1] }
                        if y > 0 {
                            for xx in max(0, x - 1)...min(w - 1, x + 1) {
                                let n = labels[i - w + xx - x]
                                guard n >= 0 else { continue }
                                if l < 0 { l = n; continue }
                                var ra = l, rb = n
                                while parent[Int(ra)] != ra { parent[Int(ra)] = parent[Int(parent[Int(ra)])]; ra = parent[Int(ra)] }
                                while parent[Int(rb)] != rb { parent[Int(rb)] = parent[Int(parent[Int(rb)])]; rb = parent[Int(rb)] }
                                if ra == rb { l = ra } else if ra < rb { parent[Int(rb)] = ra; l = ra } else { parent[Int(ra)] = rb; l = rb }
                            }
                        }
                        if l < 0 {
                            l = Int32(parent.count)
                            parent.append(l)
                        }
                        labels[i] = l
                    }
                }
                // Each provisional label to its root, once.
                for k in parent.indices {
                    var r = parent[k]
                    while parent[Int(r)] != r { r = parent[Int(r)] }
                    parent[k] = r
                }
                var index = [Int32](repeating: -1, count: parent.count)
                for y in 0..<h {
                    let row = y * w
                    for x in 0..<w {
                        let i = row + x
                        let l = labels[i]
                        guard l >= 0 else { continue }
                        let r = Int(parent[Int(l)])
                        if index[r] < 0 {
                            index[r] = Int32(out.count)
                            out.append(Component(x0: x, y0: y, x1: x, y1: y, count: 0, darknessSum: 0))
                        }
                        let k = Int(index[r])
                        out[k].x0 = min(out[k].x0, x); out[k].x1 = max(out[k].x1, x)
                        out[k].y0 = min(out[k].y0, y); out[k].y1 = max(out[k].y1, y)
                        out[k].count += 1
                        out[k].darknessSum += Int(d[i])
                    }
                }
            }
        }
        return out
    }
}

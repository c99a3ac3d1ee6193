import Foundation
import Imaging

/// Each glyph's distance to the OCR-B glyph of its character, at a resolution fine enough to see a typeface
/// (1/24 of the capital height: about twice as fine as the reader's cells).
///
/// The templates (`OCRBTemplates`, rendered from OCR-B by `scripts/generate-ocrb-templates.py`) are a sharp
/// print's ink. The document's own scale and sharpness are fitted first: the capital height from the glyphs'
/// ink heights against OCR-B's, then the blur of the templates that makes a sample of the document's glyphs
/// agree best with OCR-B (median correlation). Every letter and digit is then sampled on the template grid
/// around its ink centre and compared, allowing a shift of up to two cells: its distance is 1 − the best
/// correlation. Blur, resolution and ink spread are absorbed by the fit, and a typeface other than OCR-B
/// stands out by shape. Cost: O(glyphs × grid × shifts tried), about a millisecond on a TD3.
enum TemplateMatch {
    /// The decoded templates: one grid per character, ink 0…1.
    static let grids: [[Float]] = {
        guard let data = Data(base64Encoded: OCRBTemplates.inkBase64, options: .ignoreUnknownCharacters) else { return [] }
        let size = OCRBTemplates.columns * OCRBTemplates.rows
        let bytes = [UInt8](data)
        guard bytes.count == size * OCRBTemplates.characters.count else { return [] }
        return (0..<OCRBTemplates.characters.count).map { c in bytes[(c * size)..<((c + 1) * size)].map { Float($0) / 255 } }
    }()
    /// The Gaussian kernel of each blur, normalised to sum 1.
    static let kernels: [[Float]] = blurs.map { sigma in
        let radius = Int((2.2 * sigma).rounded(.up))
        let kernel = (-radius...radius).map { Float(exp(-Double($0 * $0) / Double(2 * sigma * sigma))) }
        let total = kernel.reduce(0, +)
        return kernel.map { $0 / total }
    }
    /// Every template at every blur, zero-mean and unit length (made once, on first use: about a millisecond).
    static let blurred: [[Float]] = grids.flatMap { grid in kernels.map { normalised(blur(grid, kernel: $0)) } }
    static let index: [Character: Int] = Dictionary(uniqueKeysWithValues: OCRBTemplates.characters.enumerated().map { ($1, $0) })

    /// Blurs tried for the document, in template cells (Gaussian standard deviation).
    static let blurs: [Float] = [1.1, 1.5, 2.0, 2.6, 3.3]
    /// Largest shift allowed between a glyph and its template, cells.
    static let reach = 2
    /// Glyphs the blur is fitted on.
    static let fitSample = 10

    /// How distances are judged: by their spread over the document's letters and digits.
    struct Judgement {
        /// Smallest spread (1 − correlation).
        var floor: Double
        /// Smallest spread as a fraction of the median distance.
        var relativeFloor: Double
        /// Spreads from the median beyond which a glyph is unlike the document's OCR-B.
        var limit: Double
        /// Smallest capital height at which typefaces are told apart, pixels.
        var minimumCapital: Double
    }

    /// What the fit found and each glyph's distance.
    struct Result {
        /// Per measured line (same order as given), per glyph: 1 − correlation with OCR-B, `nil` where not
        /// measured (fillers, touched glyphs, characters outside the MRZ set).
        var distances: [[Double?]]
        /// The same in spreads from the document's median; `nil` also where a glyph beyond the limit is an
        /// OCR-B glyph of another character (a misreading, not a typeface).
        var spreads: [[Double?]]
        /// The document's median distance and its spread.
        var centre: Double
        var scale: Double
        /// Glyphs beyond the limit that another character's template fits (misread, left out).
        var misread: Int
        /// The document's capital height, pixels.
        var capitalHeight: Double
        /// The templates' blur, cells.
        var blur: Double
    }

    /// The distances of the letters and digits of `lines` (complete lines only; `characters` gives each line's
    /// characters as finally read, one per glyph), or `nil` when the document has too few of them to fit its
    /// scale. Fillers (`<`) are left to the comparison with their many peers.
    static func measure(_ image: GrayImage, lines: [MeasuredLine], characters: [[Character]], judgement: Judgement) -> Result? {
        guard !grids.isEmpty, blurred.count == grids.count * blurs.count, image.width > 2, image.height > 2 else { return nil }
        // The capital height from ink heights against OCR-B's.
        var ratios: [Double] = []
        for (line, text) in zip(lines, characters) where line.isComplete {
            for (g, c) in zip(line.glyphs, text) where c != "<" && !g.isTouched && g.height > 0 {
                if let t = index[c] { ratios.append(g.height / OCRBTemplates.inkHeights[t]) }
            }
        }
        guard ratios.count >= 6 else { return nil }
        let capital = RobustStatistics.median(ratios)
        guard capital >= judgement.minimumCapital, capital < 2000 else { return nil }
        // Glyph centres and directions in the image: along the line the glyph's ink centre; across it the ink
        // box's middle, or the line's fitted middle where the box is far too short for the character (faint
        // strokes can leave part of a glyph below the ink threshold).
        struct Site { var line: Int; var glyph: Int; var template: Int; var centre: SIMD2<Double>; var u: SIMD2<Double>; var pitch: Double }
        var sites: [Site] = []
        for (l, (line, text)) in zip(lines, characters).enumerated() where line.isComplete {
            guard let middle = RobustStatistics.fitLine(x: line.glyphs.map(\.centre), y: line.glyphs.map(\.middle), floor: 0.5) else { continue }
            for (i, (g, c)) in zip(line.glyphs, text).enumerated() where c != "<" && !g.isTouched {
                guard let t = index[c] else { continue }
                let along = line.frame.centre(at: g.centre + 0.5) - line.frame.centre(at: g.centre - 0.5)
                let norm = (along * along).sum().squareRoot()
                guard norm > 0 else { continue }
                let across = g.height >= 0.75 * capital * OCRBTemplates.inkHeights[t] ? g.middle : middle(g.centre)
                let centre = line.frame.point(k: g.centre, t: across)
                guard centre.x.isFinite, centre.y.isFinite, norm.isFinite else { continue }
                sites.append(Site(line: l, glyph: i, template: t, centre: centre, u: along / norm, pitch: norm))
            }
        }
        guard sites.count >= 6 else { return nil }
        // Each glyph is sampled at its own scale: the capital height times its line's pitch there over the
        // document's, so that a page photographed at a slant (glyphs larger at the near end) is not compared
        // with OCR-B at the wrong size. The pitch there is the line's trend (a robust straight line through the
        // cells' spacings: perspective changes it smoothly), not one spacing, which a cell placed a little off
        // (or a stretch of cells moved by the reader's realignment) would make jump; and within a fifth.
        let typicalPitch = RobustStatistics.median(sites.map(\.pitch))
        var trend: [Int: RobustStatistics.Line] = [:]
        for l in Set(sites.map(\.line)) {
            let own = sites.filter { $0.line == l }
            trend[l] = RobustStatistics.fitLine(x: own.map { lines[$0.line].glyphs[$0.glyph].centre }, y: own.map(\.pitch),
                                                floor: 0.01 * typicalPitch)
        }
        func cell(_ site: Site) -> Double {
            let here = trend[site.line].map { $0(lines[site.line].glyphs[site.glyph].centre) } ?? site.pitch
            let ratio = typicalPitch > 0 && here.isFinite ? min(max(here / typicalPitch, 0.8), 1.25) : 1
            return capital * OCRBTemplates.step * ratio
        }

        func template(_ t: Int, _ b: Int) -> [Float] { blurred[t * blurs.count + b] }
        // The blur that makes a sample of glyphs spread over the document most like OCR-B.
        let sample = Swift.stride(from: 0, to: sites.count, by: max(1, sites.count / fitSample)).map { sites[$0] }
        func agreement(_ windows: [Window], blur b: Int) -> Double {
            RobustStatistics.median(zip(sample, windows).map { site, w in correlation(w, template(site.template, b)) })
        }
        let windows = sample.map { window(image, centre: $0.centre, u: $0.u, cell: cell($0)) }
        // Blurs by climbing from the second one (agreement rises to one best blur and falls after it).
        var scored = [Double?](repeating: nil, count: blurs.count)
        func score(_ b: Int) -> Double {
            if let known = scored[b] { return known }
            let m = agreement(windows, blur: b)
            scored[b] = m
            return m
        }
        var chosen = 1
        while true {
            let here = score(chosen)
            if chosen + 1 < blurs.count, score(chosen + 1) > here { chosen += 1; continue }
            if chosen > 0, score(chosen - 1) > here { chosen -= 1; continue }
            break
        }
        var distances = lines.map { [Double?](repeating: nil, count: $0.glyphs.count) }
        var siteWindows: [Window] = []
        var sampled = 0
        for site in sites {
            // The sample's windows are reused.
            let w: Window
            if sampled < sample.count, sample[sampled].line == site.line, sample[sampled].glyph == site.glyph {
                w = windows[sampled]
                sampled += 1
            } else {
                w = window(image, centre: site.centre, u: site.u, cell: cell(site))
            }
            siteWindows.append(w)
            distances[site.line][site.glyph] = 1 - correlation(w, template(site.template, chosen))
        }
        // Spreads from the document's median; a glyph beyond the limit is compared with every OCR-B glyph,
        // and one that another character's fits as well as the document's glyphs fit theirs was misread.
        let known = distances.flatMap { $0.compactMap { $0 } }
        let centre = RobustStatistics.median(known)
        let scale = max(judgement.floor, RobustStatistics.mad(known, center: centre), judgement.relativeFloor * centre)
        var spreads = distances.map { $0.map { $0.map { ($0 - centre) / scale } } }
        var misread = 0
        for (site, w) in zip(sites, siteWindows) {
            guard let z = spreads[site.line][site.glyph], z >= judgement.limit else { continue }
            let other = grids.indices.filter { $0 != site.template }.map { 1 - correlation(w, template($0, chosen)) }.min() ?? 1
            if (other - centre) / scale < judgement.limit {
                spreads[site.line][site.glyph] = nil
                misread += 1
            }
        }
        return Result(distances: distances, spreads: spreads, centre: centre, scale: scale, misread: misread,
                      capitalHeight: capital, blur: Double(blurs[chosen]))
    }

    /// The grid blurred by a separable kernel (odd length), as if surrounded by paper: the templates' borders
    /// are paper. O(grid × kernel).
    static func blur(_ grid: [Float], kernel: [Float]) -> [Float] {
        let w = OCRBTemplates.columns, h = OCRBTemplates.rows
        let radius = kernel.count / 2
        var tmp = [Float](repeating: 0, count: w * h), out = tmp
        grid.withUnsafeBufferPointer { g in
            kernel.withUnsafeBufferPointer { kp in
                tmp.withUnsafeMutableBufferPointer { t in
                    for y in 0..<h {
                        let row = y * w
                        for x in 0..<w {
                            var s: Float = 0
                            for k in max(0, radius - x)...min(2 * radius, w - 1 - x + radius) { s += kp[k] * g[row + x + k - radius] }
                            t[row + x] = s
                        }
                    }
                }
                tmp.withUnsafeBufferPointer { t in
                    out.withUnsafeMutableBufferPointer { o in
                        for y in 0..<h {
                            let lo = max(0, radius - y), hi = min(2 * radius, h - 1 - y + radius)
                            for x in 0..<w {
                                var s: Float = 0
                                for k in lo...hi { s += kp[k] * t[(y + k - radius) * w + x] }
                                o[y * w + x] = s
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `grid` less its mean, scaled to unit length.
    static func normalised(_ grid: [Float]) -> [Float] {
        let mean = grid.reduce(0, +) / Float(grid.count)
        let centred = grid.map { $0 - mean }
        let norm = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? centred.map { $0 / norm } : centred
    }

    /// A glyph's window (``window(_:centre:u:cell:)``) with, for each shift of a template over it, the
    /// variance of the window's samples under the template: what every correlation with it divides by.
    struct Window {
        /// The ink, `(columns + 2 × reach) × (rows + 2 × reach)`, row-major.
        var ink: [Float]
        /// Per shift `(dx, dy)`, at `(dy + reach) × (2 × reach + 1) + dx + reach`: the sum of squares less the
        /// squared sum over the template's size, from summed-area tables of the window and its square.
        var variances: [Float]
    }

    /// The ink (darkness) around `centre` on the template grid extended by `reach` cells each side (`u` the
    /// direction along the line), one bilinear sample per cell (the smoothing of a cell wider than a pixel is
    /// part of the blur fitted), and its variances under each shift of a template.
    static func window(_ image: GrayImage, centre: SIMD2<Double>, u direction: SIMD2<Double>, cell: Double) -> Window {
        let w = OCRBTemplates.columns + 2 * reach, h = OCRBTemplates.rows + 2 * reach
        var out = [Float](repeating: 0, count: w * h)
        let u = SIMD2<Float>(direction * cell), v = SIMD2<Float>(-Float(direction.y), Float(direction.x)) * Float(cell)
        let origin = SIMD2<Float>(centre) - u * (Float(w) / 2 - 0.5) - v * (Float(h) / 2 - 0.5) - SIMD2<Float>(0.5, 0.5)
        image.pixels.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { o in
                let stride = image.rowStride
                let maxX = Float(image.width - 1) - 0.001, maxY = Float(image.height - 1) - 0.001
                // Clamping only where the window reaches the image's border.
                let corners = [origin, origin + u * Float(w - 1), origin + v * Float(h - 1), origin + u * Float(w - 1) + v * Float(h - 1)]
                let inside = corners.allSatisfy { $0.x >= 0 && $0.y >= 0 && $0.x <= maxX && $0.y <= maxY }
                @inline(__always) func bilinear(_ q: SIMD2<Float>) -> Float {
                    let p = inside ? q : SIMD2(min(max(q.x, 0), maxX), min(max(q.y, 0), maxY))
                    let xi = Int(p.x), yi = Int(p.y), dx = p.x - Float(xi), dy = p.y - Float(yi)
                    let k = yi * stride + xi
                    let a = Float(px[k]), b = Float(px[k + 1]), c = Float(px[k + stride]), d = Float(px[k + stride + 1])
                    let top = a + (b - a) * dx
                    return top + (c + (d - c) * dx - top) * dy
                }
                // Well inside the image (a pixel's margin, far beyond the rounding of the sample positions),
                // four cells at once (``BilinearCorners``: there a position's floor is its truncation) with the
                // same operations as one at a time.
                let vectorised = corners.allSatisfy { $0.x >= 1 && $0.y >= 1 && $0.x <= maxX - 1 && $0.y <= maxY - 1 }
                    && BilinearCorners.canGather(width: image.width, height: image.height, stride: stride) && px.count >= image.height * stride
                guard vectorised, let pixelBytes = UnsafeRawPointer(px.baseAddress), let outBytes = UnsafeMutableRawPointer(o.baseAddress) else {
                    for j in 0..<h {
                        let row = origin + v * Float(j)
                        for i in 0..<w {
                            o[j * w + i] = 255 - bilinear(row + u * Float(i))
                        }
                    }
                    return
                }
                let lanes = SIMD4<Float>(0, 1, 2, 3)
                let ux = SIMD4<Float>(repeating: u.x), uy = SIMD4<Float>(repeating: u.y)
                for j in 0..<h {
                    let row = origin + v * Float(j)
                    let rx = SIMD4<Float>(repeating: row.x), ry = SIMD4<Float>(repeating: row.y)
                    var i = 0
                    while i + 4 <= w {
                        let step = SIMD4<Float>(repeating: Float(i)) + lanes
                        let x = rx + ux * step, y = ry + uy * step
                        let p = BilinearCorners(x: x, y: y, pixels: pixelBytes, stride: stride)
                        let top = p.a + (p.b - p.a) * p.fx
                        let value = 255 - (top + (p.c + (p.d - p.c) * p.fx - top) * p.fy)
                        outBytes.storeBytes(of: value, toByteOffset: (j &* w &+ i) &* 4, as: SIMD4<Float>.self)
                        i &+= 4
                    }
                    while i < w {
                        o[j * w + i] = 255 - bilinear(row + u * Float(i))
                        i &+= 1
                    }
                }
            }
        }
        return Window(ink: out, variances: variances(out))
    }

    /// Per shift of a template over `window` (see ``Window/variances``), from summed-area tables of the window
    /// and its square, `(wh + 1) × (ww + 1)`.
    static func variances(_ window: [Float]) -> [Float] {
        let tw = OCRBTemplates.columns, th = OCRBTemplates.rows
        let ww = tw + 2 * reach, wh = th + 2 * reach
        let n = Float(tw * th)
        let side = 2 * reach + 1
        var variances = [Float](repeating: 0, count: side * side)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * (wh + 1) * (ww + 1)) { tables in
            let area = UnsafeMutableBufferPointer(rebasing: tables[0..<((wh + 1) * (ww + 1))])
            let area2 = UnsafeMutableBufferPointer(rebasing: tables[((wh + 1) * (ww + 1))...])
            area.update(repeating: 0)
            area2.update(repeating: 0)
            window.withUnsafeBufferPointer { wp in
                for y in 0..<wh {
                    var row: Float = 0, row2: Float = 0
                    for x in 0..<ww {
                        let p = wp[y * ww + x]
                        row += p
                        row2 += p * p
                        area[(y + 1) * (ww + 1) + x + 1] = area[y * (ww + 1) + x + 1] + row
                        area2[(y + 1) * (ww + 1) + x + 1] = area2[y * (ww + 1) + x + 1] + row2
                    }
                }
            }
            func rectangle(_ table: UnsafeMutableBufferPointer<Float>, _ x: Int, _ y: Int) -> Float {
                let a = y * (ww + 1) + x, b = (y + th) * (ww + 1) + x
                return table[b + tw] - table[b] - table[a + tw] + table[a]
            }
            for y0 in 0..<side {
                for x0 in 0..<side {
                    let s = rectangle(area, x0, y0), s2 = rectangle(area2, x0, y0)
                    variances[y0 * side + x0] = s2 - s * s / n
                }
            }
        }
        return variances
    }

    /// The best correlation of a normalised template with the window over shifts of up to `reach` cells,
    /// found by climbing from the centre to the best neighbouring shift until none is better. The window's
    /// sums over each shifted rectangle come with it; the products eight lanes at a time.
    static func correlation(_ window: Window, _ template: [Float]) -> Double {
        let tw = OCRBTemplates.columns, th = OCRBTemplates.rows
        let ww = tw + 2 * reach
        let side = 2 * reach + 1
        return window.ink.withUnsafeBytes { wb in
            template.withUnsafeBytes { tb in
                window.variances.withUnsafeBufferPointer { variances in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: side * side) { tried in
                        var known: UInt64 = 0
                        func at(_ dx: Int, _ dy: Int) -> Float {
                            let key = (dy + reach) * side + dx + reach
                            if known & (1 << UInt64(key)) != 0 { return tried[key] }
                            let x0 = dx + reach, y0 = dy + reach
                            var lanes = SIMD8<Float>()
                            let size = MemoryLayout<Float>.stride
                            for y in 0..<th {
                                let w = ((y + y0) * ww + x0) * size, t = y * tw * size
                                var x = 0
                                while x + 8 <= tw {
                                    lanes += wb.loadUnaligned(fromByteOffset: w + x * size, as: SIMD8<Float>.self)
                                        * tb.loadUnaligned(fromByteOffset: t + x * size, as: SIMD8<Float>.self)
                                    x += 8
                                }
                                while x < tw {
                                    lanes[0] += wb.load(fromByteOffset: w + x * size, as: Float.self) * tb.load(fromByteOffset: t + x * size, as: Float.self)
                                    x += 1
                                }
                            }
                            let variance = variances[key]
                            let value: Float = variance > 1e-6 ? lanes.sum() / variance.squareRoot() : -1
                            tried[key] = value
                            known |= 1 << UInt64(key)
                            return value
                        }
                        var x = 0, y = 0
                        var best = at(0, 0)
                        while true {
                            var next = (x, y)
                            for dy in -1...1 {
                                for dx in -1...1 where (dx != 0 || dy != 0) && abs(x + dx) <= reach && abs(y + dy) <= reach {
                                    let c = at(x + dx, y + dy)
                                    if c > best { best = c; next = (x + dx, y + dy) }
                                }
                            }
                            if next == (x, y) { break }
                            (x, y) = next
                        }
                        return Double(best)
                    }
                }
            }
        }
    }
}

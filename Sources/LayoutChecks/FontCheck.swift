import Findings
import Foundation
import Imaging
import MRZReader

/// `layout.font`: a run of glyphs unlike the document's own OCR-B print.
///
/// Three distances per glyph, each judged against the document's own distribution (median and spread over
/// all its glyphs), so that blur, low resolution and ink spread, which affect every glyph alike, do not
/// count: the glyph's shape against the other glyphs of the same character in the same document (the
/// median of 1 − correlation on a common grid); its distance to the OCR-B glyph of its character at a
/// resolution fine enough to see a typeface (``TemplateMatch``: this one needs no other glyph of the same
/// character, so a substitute is seen also where every instance of a character was replaced); and the
/// reader's distance to the mean OCR-B glyph. A run of `minimumRun` glyphs far out on any, in a document
/// whose other glyphs agree with each other, is a substituted typeface. Where the others seem not to agree, they
/// are judged again without the run's glyphs as peers: a run holding most instances of its characters made
/// the genuine ones look anomalous (a glyph outside the run whose only peers were in it keeps its first score).
enum FontCheck {
    struct GlyphScore {
        var line: Int
        var position: Int
        var shape: Double?
        var model: Double
        var template: Double?
        var score: Double
    }

    static func run(_ lines: [MeasuredLine], image: GrayImage, reading: MRZReading, options: LayoutOptions,
                    measurements: inout LayoutMeasurements) -> [Finding] {
        let complete = lines.filter(\.isComplete)
        guard !complete.isEmpty else { return [] }
        // Each line's characters as finally read (after any correction the check digits decided), so that a
        // glyph is compared with the character it is.
        let text = reading.document.lines
        let characters = complete.map { line in
            line.index < text.count && text[line.index].count == line.characters.count ? Array(text[line.index]) : line.characters
        }
        let match = TemplateMatch.measure(image, lines: complete, characters: characters, judgement: TemplateMatch.Judgement(
            floor: options.fontTemplateFloor, relativeFloor: options.fontTemplateRelativeFloor,
            limit: options.fontScoreThreshold / options.fontTemplateWeight, minimumCapital: options.fontTemplateMinimumCapital))
        // Shape distance to the same character elsewhere in the document.
        struct Entry {
            var line: Int
            var position: Int
            var character: Character
            var shape: [Float]
            var touched: Bool
            /// Ink height with faint strokes and width (pixels), darkness and stroke width (pixels).
            var size: [Double]
            /// Distance to the OCR-B template in spreads from the document's median.
            var template: Double?
        }
        var entries: [Entry] = []
        for (l, line) in complete.enumerated() {
            for (i, (shape, c)) in zip(line.shapes, characters[l]).enumerated() {
                let g = line.glyphs[i]
                entries.append(Entry(line: line.index, position: i, character: c, shape: shape, touched: g.isTouched,
                                     size: [g.faintInkHeight, max(g.width * line.frame.pitch, 0.5), max(g.mass, 1), max(g.strokeWidth, 0.3)],
                                     template: match?.spreads[l][i]))
            }
        }
        var byCharacter: [Character: [Int]] = [:]
        for (i, e) in entries.enumerated() { byCharacter[e.character, default: []].append(i) }
        // The reader's distance to the OCR-B model, for the same glyphs.
        let geometry = reading.geometry.lines
        var modelDistance = [Double](repeating: 0, count: entries.count)
        for (i, e) in entries.enumerated() where e.line < geometry.count && e.position < geometry[e.line].characters.count {
            modelDistance[i] = Double(geometry[e.line].characters[e.position].modelDistance)
        }
        measurements.fontTemplateDistance = match?.centre ?? 0
        measurements.fontTemplateMisread = match?.misread ?? 0
        measurements.fontCapitalHeight = match?.capitalHeight ?? 0

        // The entries' fields as flat arrays (the peer loop below runs once per glyph over up to `fontMaximumPeers`
        // peers each), and the typical sizes the size spreads are floored by.
        let lineOf = entries.map(\.line), positionOf = entries.map(\.position), touchedOf = entries.map(\.touched)
        let shapes = entries.map(\.shape), sizes = entries.map(\.size)
        let typicalHeight = RobustStatistics.median(entries.map { $0.size[0] })
        let typicalWidth = RobustStatistics.median(entries.map { $0.size[1] })
        let typicalStroke = RobustStatistics.median(entries.map { $0.size[3] })
        let floors = [max(options.fontSizeFloor, 0.7 / max(typicalHeight, 1)), max(options.fontSizeFloor, 0.7 / max(typicalWidth, 1)),
                      options.fontDarknessFloor, max(options.fontStrokeFloor, 0.25 / max(typicalStroke, 0.5))]

        // Each glyph scored against peers none of which is in `excluded` (entry indexes).
        func scored(excluding excluded: Range<Int>) -> [GlyphScore] {
            var shapeDistance = [Double?](repeating: nil, count: entries.count)
            var sizeRatio = [[Double]?](repeating: nil, count: entries.count)
            // Buffers reused from one glyph to the next.
            var chosen: [Int] = [], peerShapes: [[Float]] = [], peerSizes: [Double] = []
            chosen.reserveCapacity(options.fontMaximumPeers)
            // Neither the glyph itself, a touched or excluded glyph, nor its neighbours on the line.
            func usable(_ j: Int, for i: Int) -> Bool {
                j != i && !touchedOf[j] && !(lineOf[j] == lineOf[i] && abs(positionOf[j] - positionOf[i]) <= 1) && !excluded.contains(j)
            }
            for i in entries.indices where !touchedOf[i] {
                guard let peers = byCharacter[entries[i].character] else { continue }
                // Peers on the same line first, then the others (each in document order): print and capture vary
                // least nearby.
                chosen.removeAll(keepingCapacity: true)
                for j in peers where chosen.count < options.fontMaximumPeers && lineOf[j] == lineOf[i] && usable(j, for: i) { chosen.append(j) }
                for j in peers where chosen.count < options.fontMaximumPeers && lineOf[j] != lineOf[i] && usable(j, for: i) { chosen.append(j) }
                guard chosen.count >= options.fontMinimumPeers else { continue }
                peerShapes.removeAll(keepingCapacity: true)
                for j in chosen { peerShapes.append(shapes[j]) }
                var correlations = dotProducts(shapes[i], peerShapes)
                shapeDistance[i] = 1 - RobustStatistics.median(sorting: &correlations)
                var ratio = [Double](repeating: 0, count: 4)
                for k in 0..<4 {
                    peerSizes.removeAll(keepingCapacity: true)
                    for j in chosen { peerSizes.append(sizes[j][k]) }
                    ratio[k] = log(sizes[i][k] / max(RobustStatistics.median(sorting: &peerSizes), 1e-6))
                }
                sizeRatio[i] = ratio
            }
            // Height, width, darkness and stroke width against the same character's: each judged by its spread
            // over the document, never finer than a pixel's worth (or 6% of the darkness).
            let ratios = sizeRatio.compactMap { $0 }
            let sizeSpread = (0..<4).map { k -> (Double, Double) in
                let values = ratios.map { $0[k] }
                let centre = RobustStatistics.median(values)
                return (centre, max(floors[k], RobustStatistics.mad(values, center: centre)))
            }
            let known = shapeDistance.compactMap { $0 }
            let shapeCentre = RobustStatistics.median(known)
            let shapeScale = max(options.fontShapeFloor, RobustStatistics.mad(known, center: shapeCentre), 0.5 * shapeCentre)
            let modelCentre = RobustStatistics.median(modelDistance)
            let modelScale = max(options.fontModelFloor, RobustStatistics.mad(modelDistance, center: modelCentre))
            // A glyph that looks unlike its peers is compared again allowing a shift of one grid step each way
            // (sampling phase, not typeface, then accounts for the difference).
            for (i, e) in entries.enumerated() {
                guard let d = shapeDistance[i], (d - shapeCentre) / shapeScale >= options.fontScoreThreshold,
                      let peers = byCharacter[e.character] else { continue }
                var correlations: [Double] = []
                for j in peers where usable(j, for: i) {
                    correlations.append(shiftedCorrelation(e.shape, entries[j].shape))
                    if correlations.count >= options.fontMaximumPeers { break }
                }
                if !correlations.isEmpty { shapeDistance[i] = 1 - RobustStatistics.median(correlations) }
            }
            var scores: [GlyphScore] = []
            for (i, e) in entries.enumerated() {
                let zs = shapeDistance[i].map { ($0 - shapeCentre) / shapeScale }
                let zm = (modelDistance[i] - modelCentre) / modelScale
                let zg = sizeRatio[i].map { r in (0..<4).map { abs(r[$0] - sizeSpread[$0].0) / sizeSpread[$0].1 }.max() ?? 0 }
                let zt = e.template
                let score = e.touched ? -.infinity : max(zs ?? -.infinity, (zg ?? -.infinity) * options.fontSizeWeight, zm * options.fontModelWeight,
                                                         (zt ?? -.infinity) * options.fontTemplateWeight)
                scores.append(GlyphScore(line: e.line, position: e.position, shape: zs, model: zm, template: zt, score: score))
            }
            return scores
        }

        var scores = scored(excluding: 0..<0)
        var (best, runStatistic) = strongestRun(scores, options: options)
        guard let found = best else {
            measurements.fontRunScore = runStatistic
            return []
        }
        var anomalousElsewhere = anomalies(scores, outside: found, options: options)
        if anomalousElsewhere > options.fontAllowedElsewhere {
            // The run's glyphs were also the peers of the same characters elsewhere: where a character has few
            // instances, substituted ones outnumber the genuine and make them look anomalous. Scored again with
            // no glyph of the run as a peer, a substituted run stands out against the rest, which then agree.
            var again = scored(excluding: found)
            // A glyph outside the run whose only peers were in it cannot be told genuine by this: it keeps its first
            // score (judged against the first scoring's spreads; it can only count against the run).
            for i in again.indices where !found.contains(i) && again[i].shape == nil && scores[i].shape != nil { again[i] = scores[i] }
            // The run found again, give or take a glyph at either end; not another one.
            let (rerun, statistic) = strongestRun(again, options: options)
            if let rerun, rerun.lowerBound >= found.lowerBound - 1, rerun.upperBound <= found.upperBound + 1 {
                scores = again
                best = rerun
                runStatistic = statistic
                anomalousElsewhere = anomalies(scores, outside: rerun, options: options)
            }
        }
        measurements.fontRunScore = runStatistic
        measurements.fontAnomalousElsewhere = anomalousElsewhere
        guard let run = best, anomalousElsewhere <= options.fontAllowedElsewhere else { return [] }
        let first = scores[run.lowerBound], last = scores[run.upperBound - 1]
        guard let line = complete.first(where: { $0.index == first.line }) else { return [] }
        let glyphs = line.glyphs[first.position...last.position]
        let points = glyphs.flatMap { $0.box.corners.map(\.simd) }
        let field = MRZFieldNames.field(format: reading.document.format, line: first.line, columns: first.position...last.position)
        let values = run.map { scores[$0] }
        return [Finding(
            code: LayoutCode.font, severity: .refer, field: field,
            message: "Characters \(first.position + 1)-\(last.position + 1) of MRZ line \(first.line + 1) are not printed like the document's other OCR-B characters.",
            evidence: Evidence(
                measured: "glyph distances \(values.map { distance($0.score, options: options) }.joined(separator: " ")) (spreads from the document's median\(values.contains { $0.score < options.fontScoreThreshold } ? "; in brackets a glyph the run spans that scores like OCR-B" : ""))",
                expected: "below \(EvidenceLocation.number(options.fontScoreThreshold, 1)) for OCR-B printed with the rest of the MRZ",
                location: EvidenceLocation.text(EvidenceLocation.enclosing(points, u: line.frame.u, v: line.frame.v, margin: 1))))]
    }

    /// The strongest run of at least `minimumRun` consecutive glyphs on one line scoring over the threshold
    /// (two such runs one untouched glyph apart taken as one; the longest, and of equally long ones the one whose weakest
    /// glyph over the threshold scores highest), as indexes into `scores`; and the highest score any
    /// `minimumRun` consecutive glyphs all reach (the run statistic).
    static func strongestRun(_ scores: [GlyphScore], options: LayoutOptions) -> (run: Range<Int>?, statistic: Double) {
        var best: (run: Range<Int>, strength: Double)?
        var statistic = 0.0
        let window = options.minimumRun
        var i = 0
        while i < scores.count {
            var j = i
            while j + 1 < scores.count, scores[j + 1].line == scores[i].line, scores[j + 1].position == scores[j].position + 1 { j += 1 }
            // Positions i...j are consecutive on one line; slide a window of minimumRun.
            if j - i + 1 >= window {
                for s in i...(j - window + 1) {
                    statistic = max(statistic, (s..<(s + window)).map { scores[$0].score }.min() ?? 0)
                }
            }
            // The runs over the threshold long enough to count; two such runs one untouched glyph apart are one
            // (a substitute glyph can look like OCR-B's).
            var runs: [(run: Range<Int>, strength: Double)] = []
            var k = i
            while k <= j {
                guard scores[k].score >= options.fontScoreThreshold else { k += 1; continue }
                let start = k
                while k <= j, scores[k].score >= options.fontScoreThreshold { k += 1 }
                guard k - start >= window else { continue }
                let strength = (start..<k).map { scores[$0].score }.min() ?? 0
                if let last = runs.last, last.run.upperBound + 1 == start, scores[last.run.upperBound].score > -.infinity {
                    runs[runs.count - 1] = (last.run.lowerBound..<k, min(last.strength, strength))
                } else {
                    runs.append((start..<k, strength))
                }
            }
            for r in runs where best.map({ r.run.count > $0.run.count || (r.run.count == $0.run.count && r.strength > $0.strength) }) ?? true {
                best = r
            }
            i = j + 1
        }
        return (best?.run, statistic)
    }

    /// A glyph's score as evidence: in brackets when under the threshold (a glyph a joined run spans).
    static func distance(_ score: Double, options: LayoutOptions) -> String {
        let text = EvidenceLocation.number(score, 1)
        return score >= options.fontScoreThreshold ? text : "(\(text))"
    }

    /// The number of glyphs outside `run` scoring over the threshold.
    static func anomalies(_ scores: [GlyphScore], outside run: Range<Int>, options: LayoutOptions) -> Int {
        scores.indices.filter { !run.contains($0) && scores[$0].score >= options.fontScoreThreshold }.count
    }

    /// The dot product of `shape` with each of `peers` (each as long as `shape`, summed in index order),
    /// four peers at a time so that the four sums proceed side by side.
    static func dotProducts(_ shape: [Float], _ peers: [[Float]]) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(peers.count)
        let n = shape.count
        guard peers.allSatisfy({ $0.count == n }) else {
            return peers.map { p in Double(zip(shape, p).reduce(Float(0)) { $0 + $1.0 * $1.1 }) }
        }
        shape.withUnsafeBufferPointer { a in
            var q = 0
            while q + 4 <= peers.count {
                peers[q].withUnsafeBufferPointer { p0 in
                    peers[q + 1].withUnsafeBufferPointer { p1 in
                        peers[q + 2].withUnsafeBufferPointer { p2 in
                            peers[q + 3].withUnsafeBufferPointer { p3 in
                                var d0: Float = 0, d1: Float = 0, d2: Float = 0, d3: Float = 0
                                for k in 0..<n {
                                    let x = a[k]
                                    d0 += x * p0[k]
                                    d1 += x * p1[k]
                                    d2 += x * p2[k]
                                    d3 += x * p3[k]
                                }
                                out.append(Double(d0))
                                out.append(Double(d1))
                                out.append(Double(d2))
                                out.append(Double(d3))
                            }
                        }
                    }
                }
                q += 4
            }
            while q < peers.count {
                peers[q].withUnsafeBufferPointer { p in
                    var dot: Float = 0
                    for k in 0..<n { dot += a[k] * p[k] }
                    out.append(Double(dot))
                }
                q += 1
            }
        }
        return out
    }

    /// The largest correlation of two shapes over shifts of one grid step each way (on the overlap, renormalised).
    static func shiftedCorrelation(_ a: [Float], _ b: [Float]) -> Double {
        let w = FontSampling.columns, h = FontSampling.rows
        var best = -1.0
        for dy in -1...1 {
            for dx in -1...1 {
                var ab: Float = 0, aa: Float = 0, bb: Float = 0, sa: Float = 0, sb: Float = 0, n: Float = 0
                for y in max(0, -dy)..<min(h, h - dy) {
                    for x in max(0, -dx)..<min(w, w - dx) {
                        let p = a[y * w + x], q = b[(y + dy) * w + x + dx]
                        ab += p * q; aa += p * p; bb += q * q; sa += p; sb += q; n += 1
                    }
                }
                let cov = ab - sa * sb / n, va = aa - sa * sa / n, vb = bb - sb * sb / n
                guard va > 0, vb > 0 else { continue }
                best = max(best, Double(cov / (va * vb).squareRoot()))
            }
        }
        return best
    }
}

import Imaging
import MRZReader

/// Options of ``VIZReader``.
public struct VIZReaderOptions: Sendable, Hashable {
    /// Pixels per pitch at which the page is searched for text lines (the search's cost grows with its square).
    public var searchScale: Double
    /// Height in pixels that a line's glyphs are given for the text engine.
    public var glyphPixels: Double
    /// Lines with more characters than this are not read (page headers, running text).
    public var maximumLineLength: Int

    public init(searchScale: Double = 18, glyphPixels: Double = 30, maximumLineLength: Int = 60) {
        self.searchScale = searchScale
        self.glyphPixels = glyphPixels
        self.maximumLineLength = maximumLineLength
    }
}

/// Reads the printed data page (visual inspection zone) above the MRZ.
///
/// 1. The page's frame comes from the MRZ band (direction, pitch, upside down taken out); the region
///    above the band, as tall as the format's page, is resampled into it.
/// 2. Text lines are found there by the page's own print (``TextLineFinder``): glyph-sized dark
///    components chained into lines, fields side by side kept apart; no fixed offsets.
/// 3. Each line is read by Tesseract (single-line mode, `eng+vie`) at a normalised glyph height.
/// 4. Captions are matched against a table of captions in several languages; each caption takes the
///    value line right under it. Fields whose caption is not legible are found by content and place.
public enum VIZReader {
    /// Reads the page of `image` above the MRZ whose geometry is `geometry`.
    ///
    /// - Complexity: linear in the pixels of the region above the band, plus one engine call per line.
    public static func read(_ image: GrayImage, geometry: MRZGeometry, engines: TextEnginePool = .shared,
                            options: VIZReaderOptions = VIZReaderOptions()) -> Result<VIZReading, VIZReadError> {
        let clock = ContinuousClock()
        let start = clock.now
        guard let frame = PageFrame(geometry) else { return .failure(.degenerateBand) }
        let scale = options.searchScale
        let top = -PageFrame.vizHeight(columns: frame.columns, lines: geometry.lines.count)
        let a0 = -4.0, a1 = Double(frame.columns) + 3, b1 = -0.15
        let region = frame.sample(image, a0: a0, b0: top, width: Int(((a1 - a0) * scale).rounded()),
                                  height: Int(((b1 - top) * scale).rounded()), scale: scale)
        let segments = TextLineFinder.segments(in: region, scale: scale, a0: a0, b0: top)
            .filter { $0.height < 2.2 && $0.width < Double(frame.columns) + 6 }
        guard !segments.isEmpty else { return .failure(.noText) }
        let read: [ReadLine]
        do {
            read = try engines.withEngine { engine throws(TextEngineError) in
                var out: [ReadLine] = []
                for s in segments {
                    out.append(try readLine(s, image: image, frame: frame, engine: engine, options: options))
                }
                return out
            }
        } catch {
            return .failure(.engineUnavailable(error))
        }
        var (fields, roles) = assign(read)
        for name in Array(fields.keys) { fields[name]?.box = read[roles.first { $0.value == .value(name) }!.key].box(in: frame) }
        let lines = read.enumerated().map { i, l in
            VIZTextLine(text: l.text, confidence: l.confidence, box: l.box(in: frame), role: roles[i] ?? .other)
        }
        let d = clock.now - start
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
        return .success(VIZReading(fields: fields, lines: lines, milliseconds: (ms * 1000).rounded() / 1000))
    }

    /// A segment with what the engine read in it.
    struct ReadLine {
        var segment: TextSegment
        var text: String
        var characterConfidences: [Float]
        var confidence: Float
        /// The read characters' extent in frame coordinates (the segment's when nothing was read).
        var a0: Double, a1: Double, b0: Double, b1: Double

        func box(in frame: PageFrame) -> ImageQuad { frame.quad(a0: a0, a1: a1, b0: b0, b1: b1) }
    }

    /// Resamples `segment` at the engine's glyph height and reads it as one line.
    static func readLine(_ segment: TextSegment, image: GrayImage, frame: PageFrame, engine: TextEngine,
                         options: VIZReaderOptions) throws(TextEngineError) -> ReadLine {
        let g = max(segment.glyphHeight, 0.1)
        let scale = options.glyphPixels / g
        let a0 = segment.a0 - 0.6 * g, a1 = segment.a1 + 0.6 * g
        let b0 = segment.b0 - 0.45 * g, b1 = segment.b1 + 0.35 * g
        let width = min(4000, Int(((a1 - a0) * scale).rounded())), height = min(400, Int(((b1 - b0) * scale).rounded()))
        let crop = frame.sample(image, a0: a0, b0: b0, width: width, height: height, scale: scale)
        // Source resolution for Tesseract's size heuristics: the crop's pixels per inch (a pitch is 0.1 inch).
        let result = try engine.recognize(crop, singleLine: true, ppi: Int(scale * 10))
        var text = "", confidences: [Float] = []
        var previous: RecognizedSymbol?
        var x0 = Int.max, x1 = Int.min, y0 = Int.max, y1 = Int.min
        for s in result.symbols {
            if let p = previous, p.word != s.word || p.line != s.line {
                text += " "
                confidences.append(1)
            }
            for c in s.text { text.append(c); confidences.append(s.confidence) }
            x0 = min(x0, s.x0); x1 = max(x1, s.x1); y0 = min(y0, s.y0); y1 = max(y1, s.y1)
            previous = s
        }
        let letters = zip(text, confidences).filter { !$0.0.isWhitespace }.map(\.1)
        let mean = letters.isEmpty ? 0 : letters.reduce(0, +) / Float(letters.count)
        var line = ReadLine(segment: segment, text: text, characterConfidences: confidences, confidence: mean,
                            a0: segment.a0, a1: segment.a1, b0: segment.b0, b1: segment.b1)
        if x0 < x1, y0 < y1 {
            line.a0 = a0 + Double(x0) / scale
            line.a1 = a0 + Double(x1) / scale
            line.b0 = b0 + Double(y0) / scale
            line.b1 = b0 + Double(y1) / scale
        }
        return line
    }

    /// Captions, values and the fields they give; roles by line index.
    static func assign(_ lines: [ReadLine]) -> ([VIZFieldName: VIZFieldReading], [Int: VIZLineRole]) {
        var roles: [Int: VIZLineRole] = [:]
        // Pieces of one caption split at ` / ` (or at a word space a low resolution widened): runs of lines on
        // the same row, close together, of the same glyph height.
        var row = Array(lines.indices)
        func root(_ i: Int) -> Int { var i = i; while row[i] != i { i = row[i] }; return i }
        for i in lines.indices {
            for j in lines.indices where j != i {
                let a = lines[i].segment, b = lines[j].segment
                let gap = b.a0 - a.a1
                let overlap = min(a.b1, b.b1) - max(a.b0, b.b0)
                let ratio = max(a.glyphHeight, b.glyphHeight) / max(min(a.glyphHeight, b.glyphHeight), 0.01)
                if gap > -0.2, gap < 1.2, overlap > 0.5 * min(a.height, b.height), ratio < 1.5 {
                    let ri = root(i), rj = root(j)
                    if ri != rj { row[max(ri, rj)] = min(ri, rj) }
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in lines.indices { groups[root(i), default: []].append(i) }
        struct Caption {
            var members: [Int]
            var meaning: VIZLabelTable.Meaning
            var a0: Double, a1: Double, b1: Double, glyphHeight: Double
        }
        var captions: [Caption] = []
        var isCaption: Set<Int> = []
        func below(a0: Double, a1: Double, b1: Double, glyphHeight: Double, excluding: Set<Int>) -> Int? {
            var best: (Int, Double)?
            for (j, l) in lines.enumerated() where !excluding.contains(j) {
                let v = l.segment
                let gap = v.b0 - b1
                guard gap > -0.25 * min(glyphHeight, v.glyphHeight), gap < 1.5 * max(glyphHeight, v.glyphHeight) + 0.3 else { continue }
                let aligned = abs(v.a0 - a0) < 1.5 || (min(v.a1, a1) - max(v.a0, a0)) > 0.5 * min(v.width, a1 - a0)
                guard aligned else { continue }
                if best == nil || gap < best!.1 { best = (j, gap) }
            }
            return best?.0
        }
        for members in groups.values {
            let sorted = members.sorted { lines[$0].segment.a0 < lines[$1].segment.a0 }
            // The whole run first, then each piece alone (a run may join a caption to its neighbour's).
            var candidates: [[Int]] = [sorted]
            if sorted.count > 1 { candidates += sorted.map { [$0] } }
            for run in candidates where !run.contains(where: isCaption.contains) {
                let text = run.map { lines[$0].text }.joined(separator: " ")
                guard let m = VIZLabelTable.match(text) else { continue }
                let segs = run.map { lines[$0].segment }
                let c = Caption(members: run, meaning: m.meaning, a0: segs.map(\.a0).min()!, a1: segs.map(\.a1).max()!,
                                b1: segs.map(\.b1).max()!, glyphHeight: segs.map(\.glyphHeight).max()!)
                if m.exactShort {
                    // `HO`, `SO`, `NOM` are also names and codes: a caption only when printed smaller than the line under it.
                    guard let j = below(a0: c.a0, a1: c.a1, b1: c.b1, glyphHeight: c.glyphHeight, excluding: Set(run)),
                          c.glyphHeight < 0.85 * lines[j].segment.glyphHeight else { continue }
                }
                captions.append(c)
                isCaption.formUnion(run)
            }
        }
        var fields: [VIZFieldName: VIZFieldReading] = [:]
        var claimed: Set<Int> = []
        // Captions claim the value line under them; nearer captions first.
        let under = captions.map { below(a0: $0.a0, a1: $0.a1, b1: $0.b1, glyphHeight: $0.glyphHeight, excluding: isCaption) }
        let order = captions.indices.sorted { a, b in
            let ga = under[a].map { lines[$0].segment.b0 - captions[a].b1 } ?? .infinity
            let gb = under[b].map { lines[$0].segment.b0 - captions[b].b1 } ?? .infinity
            return ga < gb
        }
        for k in order {
            let c = captions[k]
            guard case .field(let name) = c.meaning else {
                for m in c.members { roles[m] = .caption(nil) }
                continue
            }
            for m in c.members { roles[m] = .caption(name) }
            guard fields[name] == nil, let j = under[k], !claimed.contains(j) else { continue }
            claimed.insert(j)
            roles[j] = .value(name)
            fields[name] = reading(name, lines[j], source: .caption)
        }

        // Values under captions that could not be read: a line printed larger than a line just above it.
        let open = lines.indices.filter { j in
            guard !isCaption.contains(j), !claimed.contains(j) else { return false }
            let v = lines[j].segment
            return lines.indices.contains { i in
                guard i != j else { return false }
                let c = lines[i].segment
                return c.glyphHeight < 0.85 * v.glyphHeight
                    && below(a0: c.a0, a1: c.a1, b1: c.b1, glyphHeight: c.glyphHeight, excluding: [i]) == j
            }
        }
        func take(_ name: VIZFieldName, _ j: Int) {
            guard fields[name] == nil, !claimed.contains(j) else { return }
            claimed.insert(j)
            roles[j] = .value(name)
            fields[name] = reading(name, lines[j], source: .layout)
        }
        // Dates: the earliest is the birth date, the latest the expiry.
        let dates = open.compactMap { j in VIZValueParser.date(lines[j].text).map { (j, $0) } }
            .sorted { ($0.1.year, $0.1.month, $0.1.day) < ($1.1.year, $1.1.month, $1.1.day) }
        if dates.count >= 2 {
            take(.birthDate, dates.first!.0)
            take(.expiryDate, dates.last!.0)
        }
        let rest = open.filter { !claimed.contains($0) && VIZValueParser.date(lines[$0].text) == nil }
        let sexes = rest.filter { VIZValueParser.plausible(.sex, lines[$0].text) }
        if sexes.count == 1 { take(.sex, sexes[0]) }
        let numbers = rest.filter {
            VIZValueParser.plausible(.documentNumber, lines[$0].text) && !lines[$0].text.contains(" ")
                && lines[$0].text.filter(\.isNumber).count >= 2
        }
        if numbers.count == 1 { take(.documentNumber, numbers[0]) }
        let codes = rest.filter { !claimed.contains($0) && VIZValueParser.plausible(.nationality, lines[$0].text) && lines[$0].text.count == 3 }
        if codes.count == 1 { take(.nationality, codes[0]) }
        let names = rest.filter { !claimed.contains($0) && VIZValueParser.plausible(.surname, lines[$0].text) && lines[$0].text.count > 3 }
        if names.count >= 2 {
            take(.surname, names[0])
            take(.givenNames, names[1])
        }
        return (fields, roles)
    }

    static func reading(_ name: VIZFieldName, _ line: ReadLine, source: VIZFieldSource) -> VIZFieldReading {
        VIZFieldReading(name: name, value: line.text, confidence: line.confidence, characterConfidences: line.characterConfidences,
                        box: ImageQuad(corners: []), source: source)
    }
}

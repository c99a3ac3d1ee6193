import Imaging
import MRZReader
import MRZText

/// Options of ``VIZReader``.
public struct VIZReaderOptions: Sendable, Hashable {
    /// Pixels per pitch at which the page is searched for text lines (the search's cost grows with its square).
    public var searchScale: Double
    /// Pixels per pitch at which a TD1 card is searched: an ID-1 card prints its captions smaller than a
    /// passport page (about 0.22 pitch tall), which at ``searchScale`` fall below the smallest glyph the line
    /// finder keeps.
    public var cardSearchScale: Double
    /// Height in pixels that a line's glyphs are given for the text engine.
    public var glyphPixels: Double
    /// Lines with more glyphs than this are not read even when a field is missing and every other line is
    /// (page headers, running text).
    public var maximumLineLength: Int
    /// Lines with more glyphs than this are not read as possible captions first (page headers): the longest
    /// bilingual caption of ``VIZLabelTable`` has fewer.
    public var maximumCaptionLength: Int
    /// Width factor of the images of possible captions against their values' (1: as tall, as wide). A caption
    /// only has to be told from a few dozen others, and the engine's cost grows with the image's width.
    public var captionWidthScale: Double
    /// Width factor of the images of values read before their captions (1: as tall, as wide).
    public var valueWidthScale: Double

    /// Options with the defaults measured on generated and evaluation pages (README, *The printed page against the MRZ*).
    public init(searchScale: Double = 18, cardSearchScale: Double = 30, glyphPixels: Double = 30, maximumLineLength: Int = 60, maximumCaptionLength: Int = 40,
                captionWidthScale: Double = 0.75, valueWidthScale: Double = 0.8) {
        self.searchScale = searchScale
        self.cardSearchScale = cardSearchScale
        self.glyphPixels = glyphPixels
        self.maximumLineLength = maximumLineLength
        self.maximumCaptionLength = maximumCaptionLength
        self.captionWidthScale = captionWidthScale
        self.valueWidthScale = valueWidthScale
    }
}

/// Reads the printed data page (visual inspection zone) above the MRZ.
///
/// 1. The page's frame comes from the MRZ band (direction, pitch, upside down taken out); the region
///    above the band, as tall as the format's page, is resampled into it.
/// 2. Text lines are found there by the page's own print (``TextLineFinder``): glyph-sized dark
///    components chained into lines, fields side by side kept apart; no fixed offsets.
/// 3. Lines are read by Tesseract at a normalised glyph height, only those the page needs
///    (``readInStages(_:image:frame:text:names:diacritics:expected:crossCheck:options:)``): the values under
///    possible captions first with `vie`, all in one engine call (``TextEngine/recognize(lines:ppi:)``; capitals,
///    digits and names with their diacritics in one read); a value
///    that agrees with the MRZ needs no caption, and only the captions over the others are read; a value that does not agree is
///    read again with `eng+vie` before it is judged; everything else only when a field is still missing.
/// 4. Captions are matched against a table of captions in several languages; each caption takes the
///    value line right under it. Fields whose caption is not legible are found by content and place.
public enum VIZReader {
    /// Reads the page of `image` above the MRZ whose geometry is `geometry`.
    ///
    /// - Complexity: linear in the pixels of the region above the band, plus one engine call per line.
    ///
    /// With `expected` (the MRZ's fields), a printed value that agrees with its field needs no caption to name
    /// it, and the captions over such values are not read (``readInStages(_:image:frame:text:names:diacritics:expected:crossCheck:options:)``);
    /// `crossCheck` says what agrees. `textEngines` (`vie`) read values and captions first; `nameEngines`
    /// (`eng+vie`) every value judged against the MRZ without agreeing, and every line when a field is missing;
    /// `diacriticEngines` (`vie`) names that agree but were read by another engine, for their diacritics.
    public static func read(_ image: GrayImage, geometry: MRZGeometry, expected: MRZFields? = nil,
                            crossCheck: VIZCrossCheckOptions = VIZCrossCheckOptions(), textEngines: TextEnginePool = .vietnamese,
                            nameEngines: TextEnginePool = .shared, diacriticEngines: TextEnginePool = .vietnamese,
                            options: VIZReaderOptions = VIZReaderOptions()) -> Result<VIZReading, VIZReadError> {
        let clock = ContinuousClock()
        let start = clock.now
        guard let frame = PageFrame(geometry) else { return .failure(.degenerateBand) }
        let scale = frame.columns == MRZFormat.td1.lineLength ? options.cardSearchScale : options.searchScale
        let top = -PageFrame.vizHeight(columns: frame.columns, lines: geometry.lines.count)
        let a0 = -4.0, a1 = Double(frame.columns) + 3, b1 = -0.15
        let region = frame.sample(image, a0: a0, b0: top, width: Int(((a1 - a0) * scale).rounded()),
                                  height: Int(((b1 - top) * scale).rounded()), scale: scale)
        let segments = TextLineFinder.segments(in: region, scale: scale, a0: a0, b0: top)
            .filter { $0.height < 2.2 && $0.width < Double(frame.columns) + 6 }
        guard !segments.isEmpty else { return .failure(.noText) }
        let read: [ReadLine], agreed: [VIZFieldName: Int]
        do {
            (read, agreed) = try textEngines.withEngine { text throws(TextEngineError) in
                try nameEngines.withEngine { names throws(TextEngineError) in
                    try readInStages(segments, image: image, frame: frame, text: text, names: names, diacritics: diacriticEngines,
                                     expected: expected,
                                     crossCheck: crossCheck, options: options)
                }
            }
        } catch {
            return .failure(.engineUnavailable(error))
        }
        var (fields, roles) = assign(read, agreed: agreed)
        for name in Array(fields.keys) { fields[name]?.box = read[roles.first { $0.value == .value(name) }!.key].box(in: frame) }
        let lines = read.enumerated().filter(\.element.wasRead).map { i, l in
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
        /// Whether the engine has read the segment (a line not read yet has no text).
        var wasRead = true
        /// The languages of the engine that read it.
        var languages = ""
        /// The width factor it was read at (``VIZReaderOptions/valueWidthScale`` …).
        var widthScale = 1.0

        /// A segment not read (yet).
        static func unread(_ segment: TextSegment) -> ReadLine {
            ReadLine(segment: segment, text: "", characterConfidences: [], confidence: 0,
                     a0: segment.a0, a1: segment.a1, b0: segment.b0, b1: segment.b1, wasRead: false)
        }

        func box(in frame: PageFrame) -> ImageQuad { frame.quad(a0: a0, a1: a1, b0: b0, b1: b1) }
    }

    /// Reads the lines a page needs, cheapest first, each with the engine its content needs; returns them with
    /// the fields found by agreeing with `expected` (line index by field).
    ///
    /// 1. With the MRZ's fields (`expected`): the lines right under possible captions (``captionPairs(_:maximumComponents:)``)
    ///    are read with the single-model `text` engine in one call, names again with `diacritics` when `text` is another
    ///    model (kept when they still agree). A line that agrees with exactly one field, the only one to agree with it, is that
    ///    field's value: a printed value that says what the MRZ says needs no caption to name it. The captions over
    ///    the lines that agree with no field are read.
    /// 2. Otherwise, or when a caption read names a field for another line than the one agreeing with it (a
    ///    field printed elsewhere, an altered page), the possible captions are read and agreement is not used.
    /// 3. The value lines that the captions read give to a field, with `names` at full width (a value that does
    ///    not agree is judged on the reading that made no false mismatch on the evaluation pages); again while
    ///    a new reading gives a field a line not read so.
    /// 4. Only when a field is still missing, or a field placed by its caption or by content contradicts the MRZ: every
    ///    line not read yet (up to ``VIZReaderOptions/maximumLineLength`` glyphs), with `names`, for captions printed as
    ///    large as their values and for fields found by content and place.
    ///    While agreement stands, a field no line agreed with before takes the only line read now that agrees with it
    ///    alone (a value whose caption the line finder missed).
    ///
    /// Lines that can be neither caption nor value (page headers, lines alone) are read in stage 4 only.
    static func readInStages(_ segments: [TextSegment], image: GrayImage, frame: PageFrame, text: TextEngine, names: TextEngine,
                             diacritics: TextEnginePool, expected: MRZFields?, crossCheck: VIZCrossCheckOptions,
                             options: VIZReaderOptions) throws(TextEngineError) -> (lines: [ReadLine], agreed: [VIZFieldName: Int]) {
        var lines = segments.map(ReadLine.unread)
        var matches: CaptionMatches = [:]
        let pairs = captionPairs(segments, maximumComponents: options.maximumCaptionLength)
        // A line read again at the width it was read at before (by another engine) is not resampled, and one read
        // again by the same languages at the same width (a reading that was put back, asked for once more) is
        // not recognised again: the engine gives the same text for the same pixels.
        var crops: [LineCrop: GrayImage] = [:]
        var readings: [EngineReading: ReadLine] = [:]
        func key(_ i: Int, _ engine: TextEngine, _ widthScale: Double) -> EngineReading {
            EngineReading(crop: LineCrop(line: i, widthScale: widthScale), languages: engine.languages)
        }
        func readAt(_ i: Int, _ engine: TextEngine, widthScale: Double) throws(TextEngineError) -> ReadLine {
            try readAll([i], engine, widthScale: widthScale)
            return readings[key(i, engine, widthScale)]!
        }
        // Reads the lines `indices` not read yet by `engine` at `widthScale`, in one engine call (``TextEngine/recognize(lines:ppi:)``).
        func readAll(_ indices: [Int], _ engine: TextEngine, widthScale: Double) throws(TextEngineError) {
            var wanted: [Int] = []
            for i in indices where readings[key(i, engine, widthScale)] == nil && !wanted.contains(i) { wanted.append(i) }
            guard !wanted.isEmpty else { return }
            let windows = wanted.map { LineWindow(segments[$0], options: options, widthScale: widthScale) }
            let images = zip(wanted, windows).map { i, window in
                let key = LineCrop(line: i, widthScale: widthScale)
                let crop = crops[key] ?? window.sample(image, frame: frame)
                crops[key] = crop
                return crop
            }
            // Source resolution for Tesseract's size heuristics: the crops' pixels per inch (a pitch is 0.1 inch); their
            // glyphs are all ``VIZReaderOptions/glyphPixels`` tall, so one value serves them all.
            let ppi = windows.map { Int($0.scale * 10) }.sorted()[windows.count / 2]
            let results = try engine.recognize(lines: images, ppi: ppi)
            for (k, i) in wanted.enumerated() {
                readings[key(i, engine, widthScale)] =
                    readLine(segments[i], window: windows[k], result: results[k], languages: engine.languages, widthScale: widthScale)
            }
        }
        func read(_ i: Int, _ engine: TextEngine, widthScale: Double) throws(TextEngineError) {
            lines[i] = try readAt(i, engine, widthScale: widthScale)
        }
        // Lines read by `text` (values and captions first) are read in one call; lines read by another engine are read
        // one at a time in single-line mode: they are the readings a value is judged on, and judged on block reads the
        // evaluation corpus got two false mismatches (a caption's piece joined to its value, a misread name).
        func read(_ indices: [Int], _ engine: TextEngine, widthScale: Double) throws(TextEngineError) {
            if engine === text {
                try readAll(indices, engine, widthScale: widthScale)
            } else {
                for i in indices { try readAll([i], engine, widthScale: widthScale) }
            }
            for i in indices {
                lines[i] = readings[key(i, engine, widthScale)]!
            }
        }
        func readCaptions(_ wanted: [(run: [Int], value: Int)]) throws(TextEngineError) {
            try read(Set(wanted.flatMap(\.run)).sorted().filter { !lines[$0].wasRead }, text, widthScale: options.captionWidthScale)
        }
        func isName(_ name: VIZFieldName) -> Bool { name == .surname || name == .givenNames }
        var agreed: [VIZFieldName: Int] = [:]
        // Whether agreement stands for the page (a caption read contradicted it: captions alone decide).
        var agreementHolds = expected != nil
        if let expected {
            let values = Set(pairs.map(\.value)).sorted()
            try read(values, text, widthScale: options.valueWidthScale)
            func agreements(_ j: Int) -> Set<VIZFieldName> { fieldsAgreeing(with: lines[j], expected: expected, crossCheck: crossCheck) }
            var agree = Dictionary(uniqueKeysWithValues: values.map { ($0, agreements($0)) })
            // A name read by another model than `diacritics` (`eng` lacks the diacritics and may take `Đ` for `p`) is
            // read again with it, kept when it agrees with a name; so are lines of letters that agree with nothing
            // while a name has no line.
            let nameMissing = [VIZFieldName.surname, .givenNames].contains { name in !values.contains { agree[$0]!.contains(name) } }
            for j in values where (agree[j]!.contains(where: isName) && lines[j].languages != diacritics.languages)
                || (nameMissing && agree[j]!.isEmpty && lines[j].text.filter(\.isLetter).count >= 4) {
                let first = lines[j]
                lines[j] = try diacritics.withEngine { engine throws(TextEngineError) in try readAt(j, engine, widthScale: 1) }
                let again = agreements(j)
                if again.contains(where: isName) { agree[j] = again } else { lines[j] = first }
            }
            // A line that agrees only through the cross-check's tolerances (a look-alike, an OCR-sized difference) is
            // read again with `names` at full width, as every line was before stages, and kept so when it still agrees.
            for j in values where agree[j]!.count == 1 {
                let name = agree[j]!.first!
                func exact() -> Bool {
                    VIZCrossCheck.agreesExactly(VIZCrossCheck.compare(name, reading(name, lines[j], source: .agreement),
                                                                      with: expected, options: crossCheck))
                }
                guard !exact() else { continue }
                let first = lines[j]
                try read(j, names, widthScale: 1)
                if agreements(j) != [name] { lines[j] = first }
            }
            var tied: [[Int]] = []
            let sole = soleHolders(agree)
            for name in VIZFieldName.allCases {
                guard let holders = sole[name] else { continue }
                if holders.count == 1 { agreed[name] = holders[0] } else { tied.append(holders) }
            }
            // Lines printing the same value, agreeing with one field (a nationality and an issuing state): the
            // field's caption is over one of them; captions are read until one names it (the others then are not it).
            for holders in tied {
                let name = agree[holders[0]]!.first!
                // Doc 9303 lays the holder's nationality out after the name (zone II) and the issuing State's code
                // before it (zone I): of lines printing the same nationality, the only one below the name is it.
                if name == .nationality, let holder = agreed[.surname] ?? agreed[.givenNames] {
                    let below = holders.filter { segments[$0].b0 > segments[holder].b1 }
                    if below.count == 1 {
                        agreed[name] = below[0]
                        continue
                    }
                }
                // The cheapest captions first: fewest glyphs over the line.
                func glyphsOver(_ j: Int) -> Int { Set(pairs.filter { $0.value == j }.flatMap(\.run)).map { segments[$0].components }.reduce(0, +) }
                var left = holders.sorted { glyphsOver($0) < glyphsOver($1) }
                while let j = left.first {
                    if left.count == 1 { agreed[name] = j; break }
                    let over = pairs.filter { $0.value == j }
                    try readCaptions(over)
                    let (_, roles) = assign(lines, agreed: [:], matches: &matches)
                    if roles[j] == .value(name) { agreed[name] = j; break }
                    // A caption read over it naming something else: not this one.
                    let named = over.contains { $0.run.contains { i in if case .caption(let f) = roles[i] { f != name } else { false } } }
                    if named { left.removeFirst() } else { break }
                }
            }
            // Captions are needed over the other lines that could be a field's value: what they name may contradict
            // an agreement; while a field has no line, over every other line (its value may be misread). Not over a
            // date between the agreed birth and expiry dates (an issue date): the printed birth and expiry dates
            // are not between them, altered or not, since they agree or lie outside. Nor over a line that agrees with
            // a field: it prints what the MRZ holds, and were its caption another field's, that field would be
            // printed twice.
            let between: (Int) -> Bool = { j in
                guard let b = agreed[.birthDate].flatMap({ VIZValueParser.date(lines[$0].text) }),
                      let e = agreed[.expiryDate].flatMap({ VIZValueParser.date(lines[$0].text) }),
                      let d = VIZValueParser.date(lines[j].text) else { return false }
                let key = { (x: VIZDate) in (x.year, x.month, x.day) }
                return key(b) < key(d) && key(d) < key(e)
            }
            let open = pairs.filter { p in
                agree[p.value]!.isEmpty && !between(p.value)
                    && (agreed.count < VIZFieldName.allCases.count
                        || VIZFieldName.allCases.contains { couldBe($0, lines[p.value].text) })
            }
            try readCaptions(open)
            if contradicted(lines, agreed, matches: &matches) {
                agreed = [:]
                agreementHolds = false
                try readCaptions(pairs)
            }
        } else {
            try readCaptions(pairs)
        }
        func readValues() throws(TextEngineError) {
            for _ in 0..<4 {
                let (_, roles) = assign(lines, agreed: agreed, matches: &matches)
                let wanted = roles.compactMap { i, role -> Int? in
                    guard case .value(let name) = role, agreed[name] != i,
                          !lines[i].wasRead || lines[i].widthScale != 1 || lines[i].languages != names.languages else { return nil }
                    return i
                }
                if wanted.isEmpty { break }
                try read(wanted, names, widthScale: 1)
            }
        }
        try readValues()
        let (found, roles) = assign(lines, agreed: agreed, matches: &matches)
        // A field placed by its caption or by content that contradicts the MRZ is judged only after every line has been
        // read with `names`, as when a field is missing: a misread of the field's own line (read by `text` alone) must not
        // leave its place to another date under a caption.
        let disputed = expected.map { mrz in
            found.contains { name, reading in
                agreed[name] == nil && VIZCrossCheck.compare(name, reading, with: mrz, options: crossCheck).outcome == .mismatch
            }
        } ?? false
        if found.count < VIZFieldName.allCases.count || disputed {
            // As before stages: every line with `names` at full width, also those read otherwise that found no role.
            try read(lines.indices.filter { i in segments[i].components <= options.maximumLineLength
                && (!lines[i].wasRead || (roles[i] == nil && (lines[i].widthScale != 1 || lines[i].languages != names.languages))) },
                     names, widthScale: 1)
            // A field that no line under a caption agreed with takes the only line read now that agrees with it
            // alone: a value whose caption the line finder missed (small print on a low-resolution capture) is
            // found by what it says, not by its place among the dates.
            if agreementHolds, let expected {
                var agreeing: [Int: Set<VIZFieldName>] = [:]
                for j in lines.indices where lines[j].wasRead && !agreed.values.contains(j) {
                    agreeing[j] = fieldsAgreeing(with: lines[j], expected: expected, crossCheck: crossCheck)
                }
                for (name, holders) in soleHolders(agreeing) where agreed[name] == nil && holders.count == 1 { agreed[name] = holders[0] }
            }
            try readValues()
        }
        if contradicted(lines, agreed, matches: &matches) { agreed = [:] }
        return (lines, agreed)
    }

    /// Whether `text` could be the printed value of `name`, so that its caption must be read while every field has
    /// agreed elsewhere: as ``VIZValueParser/plausible(_:_:)``, and a nationality must be a code Doc 9303 Part 3 lists (a
    /// document type, `P`, is not one). A page's genuine nationality is a listed code, so an altered page whose MRZ
    /// nationality agrees with another line still has the caption over its printed nationality read.
    static func couldBe(_ name: VIZFieldName, _ text: String) -> Bool {
        guard VIZValueParser.plausible(name, text) else { return false }
        return name != .nationality || StateCodes.isValid(text.trimmingCharacters(in: .whitespaces))
    }

    /// For each field, the lines agreeing with it (in line order) when every one of them agrees with that field
    /// alone; a field that a line agreeing with two fields holds is left out. O(lines × fields).
    static func soleHolders(_ agree: [Int: Set<VIZFieldName>]) -> [VIZFieldName: [Int]] {
        var holders: [VIZFieldName: [Int]] = [:], shared: Set<VIZFieldName> = []
        for (j, names) in agree.sorted(by: { $0.key < $1.key }) {
            for name in names { holders[name, default: []].append(j) }
            if names.count > 1 { shared.formUnion(names) }
        }
        return holders.filter { !shared.contains($0.key) }
    }

    /// The fields whose MRZ value `line` agrees with (``VIZCrossCheck/compare(_:_:with:options:)``).
    static func fieldsAgreeing(with line: ReadLine, expected: MRZFields, crossCheck: VIZCrossCheckOptions) -> Set<VIZFieldName> {
        Set(VIZFieldName.allCases.filter { name in
            VIZCrossCheck.compare(name, reading(name, line, source: .agreement), with: expected, options: crossCheck).outcome == .agrees
        })
    }

    /// Whether a caption read gives a field agreed with the MRZ another line, or an agreed line another field.
    static func contradicted(_ lines: [ReadLine], _ agreed: [VIZFieldName: Int]) -> Bool {
        var matches: CaptionMatches = [:]
        return contradicted(lines, agreed, matches: &matches)
    }

    /// ``contradicted(_:_:)`` with the captions already matched in `matches` (and those matched now added).
    static func contradicted(_ lines: [ReadLine], _ agreed: [VIZFieldName: Int], matches: inout CaptionMatches) -> Bool {
        guard !agreed.isEmpty else { return false }
        let (fields, roles) = assign(lines, agreed: [:], matches: &matches)
        let agreedLines = Dictionary(uniqueKeysWithValues: agreed.map { ($0.value, $0.key) })
        for (j, role) in roles {
            // Captions only: a field found by content and place is a guess that agreement outweighs.
            guard case .value(let name) = role, fields[name]?.source == .caption else { continue }
            if let k = agreed[name], k != j { return true }
            if let other = agreedLines[j], other != name { return true }
        }
        return false
    }

    /// Possible captions by their print alone, each with the line under it: a segment alone, or its row of pieces
    /// (``rows(_:)``), that has a line right under it (``below(_:a0:a1:b1:glyphHeight:excluding:)``) printed at
    /// least 1/0.85 times as large, and at most `maximumComponents` glyphs. Indices in `segments`. O(n²).
    static func captionPairs(_ segments: [TextSegment], maximumComponents: Int) -> [(run: [Int], value: Int)] {
        var out: [(run: [Int], value: Int)] = []
        func valueBelow(_ run: [Int]) -> Int? {
            let segs = run.map { segments[$0] }
            let g = segs.map(\.glyphHeight).max()!
            guard segs.map(\.components).reduce(0, +) <= maximumComponents,
                  let j = below(segments, a0: segs.map(\.a0).min()!, a1: segs.map(\.a1).max()!, b1: segs.map(\.b1).max()!,
                                glyphHeight: g, excluding: Set(run)), g < 0.85 * segments[j].glyphHeight else { return nil }
            return j
        }
        for run in rows(segments) {
            if run.count > 1, let j = valueBelow(run) { out.append((run, j)) }
            for i in run { if let j = valueBelow([i]) { out.append(([i], j)) } }
        }
        return out
    }

    /// Pieces of one row (a caption split at ` / `, or at a word space a low resolution widened): runs of
    /// segments on the same row, close together, of the same glyph height; each run left to right. O(n²).
    static func rows(_ segments: [TextSegment]) -> [[Int]] {
        var row = Array(segments.indices)
        func root(_ i: Int) -> Int { var i = i; while row[i] != i { i = row[i] }; return i }
        for i in segments.indices {
            for j in segments.indices where j != i {
                let a = segments[i], b = segments[j]
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
        for i in segments.indices { groups[root(i), default: []].append(i) }
        return groups.keys.sorted().map { k in groups[k]!.sorted { segments[$0].a0 < segments[$1].a0 } }
    }

    /// The segment right under the box `a0`…`a1` whose bottom is `b1` (a caption's value): starting within
    /// a glyph and a half below it, left-aligned with it or overlapping half of it; the nearest. O(n).
    static func below(_ segments: [TextSegment], a0: Double, a1: Double, b1: Double, glyphHeight: Double,
                      excluding: Set<Int>) -> Int? {
        var best: (Int, Double)?
        for (j, v) in segments.enumerated() where !excluding.contains(j) {
            let gap = v.b0 - b1
            guard gap > -0.25 * min(glyphHeight, v.glyphHeight), gap < 1.5 * max(glyphHeight, v.glyphHeight) + 0.3 else { continue }
            let aligned = abs(v.a0 - a0) < 1.5 || (min(v.a1, a1) - max(v.a0, a0)) > 0.5 * min(v.width, a1 - a0)
            guard aligned else { continue }
            if best == nil || gap < best!.1 { best = (j, gap) }
        }
        return best?.0
    }

    /// A line's image as ``readInStages(_:image:frame:text:names:diacritics:expected:crossCheck:options:)`` keeps it:
    /// the segment's index and the width factor it was sampled at.
    struct LineCrop: Hashable {
        var line: Int
        var widthScale: Double
    }

    /// One crop read by one engine's languages.
    struct EngineReading: Hashable {
        var crop: LineCrop
        var languages: String
    }

    /// The frame rectangle around a segment that is resampled for the engine, and its resampling.
    struct LineWindow {
        var glyphHeight: Double
        var a0: Double, b0: Double
        /// Pixels per pitch down the page and along the line.
        var scale: Double, xScale: Double
        var width: Int, height: Int

        /// The window of `segment` at the engine's glyph height, its width times `widthScale`.
        init(_ segment: TextSegment, options: VIZReaderOptions, widthScale: Double) {
            let g = max(segment.glyphHeight, 0.1)
            let scale = options.glyphPixels / g
            let a0 = segment.a0 - 0.6 * g, a1 = segment.a1 + 0.6 * g
            let b0 = segment.b0 - 0.45 * g, b1 = segment.b1 + 0.35 * g
            let xScale = scale * widthScale
            glyphHeight = g
            self.a0 = a0
            self.b0 = b0
            self.scale = scale
            self.xScale = xScale
            width = min(4000, Int(((a1 - a0) * xScale).rounded()))
            height = min(400, Int(((b1 - b0) * scale).rounded()))
        }

        /// The window resampled from `image`. O(width × height).
        func sample(_ image: GrayImage, frame: PageFrame) -> GrayImage {
            frame.sample(image, a0: a0, b0: b0, width: width, height: height, scale: scale, xScale: xScale)
        }
    }

    /// The line `segment` as the engine read it in `result`, from the crop `window` made of it at `widthScale`.
    static func readLine(_ segment: TextSegment, window: LineWindow, result: RecognizedText, languages: String,
                         widthScale: Double) -> ReadLine {
        let g = window.glyphHeight, scale = window.scale, xScale = window.xScale, a0 = window.a0, b0 = window.b0
        var text = "", confidences: [Float] = []
        var previous: RecognizedSymbol?
        var x0 = Int.max, x1 = Int.min, y0 = Int.max, y1 = Int.min
        // Marks wholly in the margin around the segment (no letter, no digit) are a neighbour's ink (a photo's
        // edge, a border), not the line's: the line finder found no glyph there. Letters and digits stay (a
        // glyph the finder missed).
        let margin = 0.1 * g
        for s in result.symbols where a0 + Double(s.x1) / xScale > segment.a0 + margin && a0 + Double(s.x0) / xScale < segment.a1 - margin
            || s.text.contains(where: { $0.isLetter || $0.isNumber }) {
            if let p = previous, p.word != s.word || p.line != s.line {
                text += " "
                confidences.append(1)
            }
            for c in s.text { text.append(c); confidences.append(s.confidence) }
            x0 = min(x0, s.x0); x1 = max(x1, s.x1); y0 = min(y0, s.y0); y1 = max(y1, s.y1)
            previous = s
        }
        // A word of rules and brackets alone at either end is a border or a frame's edge, not print.
        var chars = Array(text)
        func edgeWord(fromStart: Bool) -> Int {
            let ordered = fromStart ? Array(chars.indices) : chars.indices.reversed()
            guard let end = ordered.first(where: { chars[$0] == " " }) else { return 0 }
            let word = fromStart ? chars[..<end] : chars[(end + 1)...]
            return !word.isEmpty && word.allSatisfy(edgeJunk.contains) ? word.count + 1 : 0
        }
        let head = edgeWord(fromStart: true)
        if head > 0 { chars.removeFirst(head); confidences.removeFirst(head) }
        let tail = edgeWord(fromStart: false)
        if tail > 0 { chars.removeLast(tail); confidences.removeLast(tail) }
        text = String(chars)
        let letters = zip(text, confidences).filter { !$0.0.isWhitespace }.map(\.1)
        let mean = letters.isEmpty ? 0 : letters.reduce(0, +) / Float(letters.count)
        var line = ReadLine(segment: segment, text: text, characterConfidences: confidences, confidence: mean,
                            a0: segment.a0, a1: segment.a1, b0: segment.b0, b1: segment.b1, languages: languages,
                            widthScale: widthScale)
        if x0 < x1, y0 < y1 {
            line.a0 = a0 + Double(x0) / xScale
            line.a1 = a0 + Double(x1) / xScale
            line.b0 = b0 + Double(y0) / scale
            line.b1 = b0 + Double(y1) / scale
        }
        return line
    }

    /// Rules and brackets: a word of these alone at either end of a line is a border or a frame's edge, not print.
    static let edgeJunk: Set<Character> = ["|", "[", "]", "{", "}", "(", ")", "!", "¡", "¦", "_", "—", "–", "‘", "’", "'", "\"", "“", "”"]

    /// Captions, values and the fields they give; roles by line index.
    /// `agreed` gives fields their lines before any caption (values found agreeing with the MRZ).
    static func assign(_ lines: [ReadLine], agreed: [VIZFieldName: Int] = [:]) -> ([VIZFieldName: VIZFieldReading], [Int: VIZLineRole]) {
        var matches: CaptionMatches = [:]
        return assign(lines, agreed: agreed, matches: &matches)
    }

    /// ``VIZLabelTable/match(_:)`` by the text matched: a read's lines are assigned again and again while few of
    /// them change, and matching is a pure function of the text.
    typealias CaptionMatches = [String: (meaning: VIZLabelTable.Meaning, score: Double, exactShort: Bool)?]

    /// ``assign(_:agreed:)`` with the captions already matched in `matches` (and those matched now added).
    static func assign(_ lines: [ReadLine], agreed: [VIZFieldName: Int],
                       matches: inout CaptionMatches) -> ([VIZFieldName: VIZFieldReading], [Int: VIZLineRole]) {
        var roles: [Int: VIZLineRole] = [:]
        let segments = lines.map(\.segment)
        struct Caption {
            var members: [Int]
            var meaning: VIZLabelTable.Meaning
            var a0: Double, a1: Double, b1: Double, glyphHeight: Double
        }
        var captions: [Caption] = []
        var isCaption: Set<Int> = []
        func below(a0: Double, a1: Double, b1: Double, glyphHeight: Double, excluding: Set<Int>) -> Int? {
            VIZReader.below(segments, a0: a0, a1: a1, b1: b1, glyphHeight: glyphHeight, excluding: excluding)
        }
        for sorted in rows(segments) {
            // The whole run first, then each piece alone (a run may join a caption to its neighbour's).
            var candidates: [[Int]] = [sorted]
            if sorted.count > 1 { candidates += sorted.map { [$0] } }
            for run in candidates where !run.contains(where: isCaption.contains) {
                let text = run.map { lines[$0].text }.joined(separator: " ")
                let known = matches[text]
                let match = known ?? VIZLabelTable.match(text)
                if known == nil { matches[text] = .some(match) }
                guard let m = match else { continue }
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
        for (name, j) in agreed where !isCaption.contains(j) {
            claimed.insert(j)
            roles[j] = .value(name)
            fields[name] = reading(name, lines[j], source: .agreement)
        }
        // Captions claim the value line under them; nearer captions first.
        let under = captions.map { below(a0: $0.a0, a1: $0.a1, b1: $0.b1, glyphHeight: $0.glyphHeight, excluding: isCaption) }
        let order = captions.indices.sorted { a, b in
            let ga = under[a].map { lines[$0].segment.b0 - captions[a].b1 } ?? .infinity
            let gb = under[b].map { lines[$0].segment.b0 - captions[b].b1 } ?? .infinity
            return ga < gb
        }
        // Lines under a caption that names something not compared (`Date of issue`, `Valid from`): not a field,
        // whatever they look like.
        var named: Set<Int> = []
        for k in order {
            let c = captions[k]
            guard case .field(let name) = c.meaning else {
                for m in c.members { roles[m] = .caption(nil) }
                if let j = under[k] { named.insert(j) }
                continue
            }
            for m in c.members { roles[m] = .caption(name) }
            guard fields[name] == nil, let j = under[k], !claimed.contains(j) else { continue }
            claimed.insert(j)
            roles[j] = .value(name)
            fields[name] = reading(name, lines[j], source: .caption)
        }

        // Values under captions that could not be read: a line printed larger than a line just above it. The line
        // under each line is found once, not once for every line it might be under.
        let underEach = segments.indices.map { i in
            below(a0: segments[i].a0, a1: segments[i].a1, b1: segments[i].b1, glyphHeight: segments[i].glyphHeight, excluding: [i])
        }
        let open = lines.indices.filter { j in
            guard !isCaption.contains(j), !claimed.contains(j), !named.contains(j) else { return false }
            let v = lines[j].segment
            return lines.indices.contains { i in
                guard i != j else { return false }
                let c = lines[i].segment
                return c.glyphHeight < 0.85 * v.glyphHeight && underEach[i] == j
            }
        }
        func take(_ name: VIZFieldName, _ j: Int) {
            guard fields[name] == nil, !claimed.contains(j) else { return }
            claimed.insert(j)
            roles[j] = .value(name)
            fields[name] = reading(name, lines[j], source: .layout)
        }
        // Dates: of a page's three (birth, issue, expiry), the earliest is the birth date and the latest the expiry
        // (dates that agreed with the MRZ count too). With two dates read, either may be the date of issue: a
        // birth date misread (`32 JUL 1977`) or not found left the issue date the earliest.
        let agreedDates = [VIZFieldName.birthDate, .expiryDate].compactMap { agreed[$0] }.filter { !open.contains($0) }
        let dates = (open + agreedDates).compactMap { j in VIZValueParser.date(lines[j].text).map { (j, $0) } }
            .sorted { ($0.1.year, $0.1.month, $0.1.day) < ($1.1.year, $1.1.month, $1.1.day) }
        if dates.count >= 3 {
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

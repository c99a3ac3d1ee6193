import Findings
import Foundation
import Imaging
import MRZText

/// Why no MRZ could be read from an image.
public enum MRZReadError: Error, Sendable, Hashable {
    /// No band of 2 or 3 parallel, evenly pitched lines of 30, 36 or 44 characters.
    case notFound
    /// A band was found but its characters are not legible enough to report (mean confidence given).
    case illegible(meanConfidence: Float)
}

/// A machine-readable zone read from an image: the validated document, per-character confidence and
/// runner-up, and the geometry the layout checks need.
public struct MRZReading: Sendable {
    public var document: MRZDocument
    public var geometry: MRZGeometry
    /// Mean and minimum classifier confidence over all characters (0-1).
    public var meanConfidence: Float
    public var minimumConfidence: Float
}

/// A located MRZ band, not yet read (from ``MRZReader/locate(_:)``).
public struct MRZBandCandidate: Sendable {
    let band: LocatedBand
}

extension MRZReading {
    /// How strongly the check digits speak for this reading: those that hold, less the characters that had to
    /// be corrected to get there. Garbage read from the wrong direction or the wrong band can be "corrected"
    /// into fields that validate (a run of `5`s is its own check digit), but only by changing many characters.
    var checkEvidence: Int {
        document.checks.filter(\.valid).count - document.findings.filter { $0.code == "mrz.corrected" }.count
    }

    /// How readings of the same band are ranked: check evidence first, then mean confidence.
    var rank: (checkEvidence: Int, meanConfidence: Float) { (checkEvidence, meanConfidence) }

    /// Confident, with every check digit holding as read (no character corrected): as much check evidence as
    /// the format has.
    var isUnbeatable: Bool {
        meanConfidence >= 0.9 && !document.checks.isEmpty && document.checks.allSatisfy(\.valid)
            && !document.findings.contains { $0.code == "mrz.corrected" }
    }
}

/// Options of ``MRZReader``.
public struct MRZReaderOptions: Sendable {
    /// "Today" for the MRZ text engine.
    public var referenceDate: CalendarDate
    /// Whether ambiguous glyphs may be corrected where the check digits decide (reported as findings).
    public var correctAmbiguousGlyphs: Bool
    /// A glyph is ambiguous below this confidence, or when its runner-up exceeds `ambiguousRunnerUp`.
    public var ambiguousBelow: Float
    public var ambiguousRunnerUp: Float
    /// A band whose located pitch is below this many pixels (about 120 dpi: the OCR-B pitch is 2.54 mm) is
    /// read from the image at twice its size (``GrayImage/doubled()``), its geometry reported in the image's
    /// own coordinates. Below it, the locator's cells and the height measurement are a pixel or two from the
    /// glyphs, a tenth of a character. 0 turns doubling off.
    public var doublingBelowPitch: Float = 12
    /// Images of more pixels than this are never doubled (the doubled image holds four times as many bytes).
    public var doublingPixelLimit: Int = 4_000_000

    public init(referenceDate: CalendarDate, correctAmbiguousGlyphs: Bool = true,
                ambiguousBelow: Float = 0.9, ambiguousRunnerUp: Float = 0.08) {
        self.referenceDate = referenceDate
        self.correctAmbiguousGlyphs = correctAmbiguousGlyphs
        self.ambiguousBelow = ambiguousBelow
        self.ambiguousRunnerUp = ambiguousRunnerUp
    }
}

/// Reads the MRZ of a document image: locate (``MRZLocator``), segment into the format's fixed cells,
/// recognise each with the OCR-B classifier, and validate through the MRZ text engine.
public enum MRZReader {
    /// Reads the MRZ of `image` (8-bit luma, any orientation).
    ///
    /// - Complexity: linear in the pixels (binarisation, components), plus a fixed cost per character.
    public static func read(_ image: GrayImage, options: MRZReaderOptions, model: OCRBModel = .shipped) -> Result<MRZReading, MRZReadError> {
        read(locate(image), in: image, options: options, model: model)
    }

    /// Locates MRZ band candidates in `image`, best first (the first half of ``read(_:options:model:)``).
    public static func locate(_ image: GrayImage) -> [MRZBandCandidate] {
        MRZLocator.locate(image).map(MRZBandCandidate.init)
    }

    /// Reads the best of `candidates` (the second half of ``read(_:options:model:)``).
    ///
    /// When the best candidate is small print (its pitch below ``MRZReaderOptions/doublingBelowPitch``), the
    /// image at twice its size is located and read instead, and `candidates` are read only when that fails.
    public static func read(_ candidates: [MRZBandCandidate], in image: GrayImage, options: MRZReaderOptions,
                            model: OCRBModel = .shipped) -> Result<MRZReading, MRZReadError> {
        guard model.isUsable else { return .failure(.notFound) }
        if let pitch = candidates.first?.band.lines.first?.pitch, pitch < options.doublingBelowPitch,
           image.width * image.height <= options.doublingPixelLimit {
            let doubled = image.doubled()
            if case .success(let reading) = read(MRZLocator.locate(doubled), in: doubled, options: options, model: model) {
                return .success(reading.halved())
            }
        }
        return read(candidates.map(\.band), in: image, options: options, model: model)
    }

    /// Where the lines of `candidate`'s cells will lie if the reader reads them from the image's left to its right
    /// (the page upright or turned less than a quarter), with its cells as located (not placed again from the
    /// glyphs) and at the image's own size: work on the lines that needs no characters can start on another core
    /// while they are read, and is kept when the reading's ``MRZLineGeometry/placement``s turn out the same. `nil`
    /// when the band would be read from the doubled image. O(cells × character height) (the lines' height and
    /// centre are measured as the reader measures them).
    public static func provisionalPlacements(_ candidate: MRZBandCandidate, in image: GrayImage,
                                             options: MRZReaderOptions) -> [MRZLinePlacement]? {
        let band = candidate.band
        if let pitch = band.lines.first?.pitch, pitch < options.doublingBelowPitch, image.width * image.height <= options.doublingPixelLimit {
            return nil
        }
        let lines = band.lines.map { LineMetrics.refine($0, direction: band.direction, in: image) }
        // Located from right to left: read the other way up.
        if band.direction.x < 0 { return turned(lines).map { placement($0, direction: -band.direction) } }
        return lines.map { placement($0, direction: band.direction) }
    }

    /// `lines` as read upside down: the last line first, each from its last cell.
    static func turned(_ lines: [LocatedLine]) -> [LocatedLine] {
        lines.reversed().map {
            LocatedLine(centers: $0.centers.reversed(), pitch: $0.pitch, charHeight: $0.charHeight, relativeHeights: $0.relativeHeights.reversed(),
                        cellPitches: $0.cellPitches.reversed())
        }
    }

    /// The best reading of the first few of `bands`.
    static func read(_ bands: [LocatedBand], in image: GrayImage, options: MRZReaderOptions,
                     model: OCRBModel) -> Result<MRZReading, MRZReadError> {
        guard !bands.isEmpty else { return .failure(.notFound) }
        var best: (reading: MRZReading, score: Float)?
        var bestConfidence: Float = 0
        for band in bands.prefix(3) {
            let reading = read(band, in: image, options: options, model: model)
            bestConfidence = max(bestConfidence, reading.meanConfidence)
            let score = reading.meanConfidence * 10 + Float(reading.checkEvidence)
            if best == nil || score > best!.score { best = (reading, score) }
            // A confident reading whose every check digit holds is not beaten by a weaker candidate.
            if reading.meanConfidence >= 0.9, !reading.document.checks.isEmpty, reading.document.checks.allSatisfy(\.valid) { break }
        }
        guard let best, best.reading.meanConfidence >= 0.55 else { return .failure(.illegible(meanConfidence: bestConfidence)) }
        return .success(best.reading)
    }

    struct Cell {
        var center: SIMD2<Float>
        var best: Int
        var confidence: Float
        var second: Int
        var secondConfidence: Float
        var distance: Float
        /// The most probable digit class (`0`-`9`): what a letter read where only a digit may stand most likely is
        /// (``best`` itself where that is a digit).
        var bestDigit: Int
        /// The most probable letter class (`A`-`Z`): what a digit read where only a letter may stand most likely is
        /// (``best`` itself where that is a letter or `<`).
        var bestLetter: Int
        /// The probability of ``bestDigit``.
        var bestDigitConfidence: Float
        /// The probability of ``bestLetter``.
        var bestLetterConfidence: Float
    }

    /// Every cell of a band's lines sampled once, along the located direction: ``OCRBModel/inputCount`` values
    /// per cell, lines in order, cells in order.
    ///
    /// The sampling grid is symmetric about the cell centre, so the same physical cell read upside down has
    /// the sampled values in reverse order (the relative-height input stays last): both directions are
    /// classified from one sampling.
    struct SampledCells {
        var values: [Float]
        /// The index of each line's first cell.
        var lineStarts: [Int]
        /// Each cell's centre, in the same order.
        var centers: [SIMD2<Float>]
        static let width = OCRBModel.inputCount

        init(lines: [LocatedLine], direction u: SIMD2<Float>, image: GrayImage) {
            lineStarts = []
            var total = 0
            for line in lines {
                lineStarts.append(total)
                total += line.centers.count
            }
            centers = lines.flatMap(\.centers)
            let width = SampledCells.width
            values = [Float](unsafeUninitializedCapacity: total * width) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                var cell = 0
                for line in lines {
                    for (index, c) in line.centers.enumerated() {
                        // The cell's height is taken from the pitch (as in training): glyph heights differ
                        // between digits and letters, the pitch does not.
                        let target = UnsafeMutableBufferPointer(start: base + cell * width, count: width)
                        GlyphSampler.sample(image, cx: c.x, cy: c.y, ux: u.x, uy: u.y, pitch: line.pitch(ofCell: index),
                                            charHeight: line.pitch(ofCell: index), into: target)
                        let relative = index < line.relativeHeights.count ? line.relativeHeights[index] : 1
                        target[GlyphSampler.featureCount] = OCRBModel.relativeHeightScale * (relative - 1)
                        cell += 1
                    }
                }
                initialized = total * width
            }
        }
    }

    /// Classifies cells of `sampled` on demand, in batches, each at most once per direction.
    struct CellClassifier {
        let sampled: SampledCells
        let model: OCRBModel
        /// Results by cell, read as located and turned by 180°.
        private var forward: [Cell?]
        private var turned: [Cell?]

        init(_ sampled: SampledCells, model: OCRBModel) {
            self.sampled = sampled
            self.model = model
            let count = sampled.values.count / SampledCells.width
            forward = Array(repeating: nil, count: count)
            turned = Array(repeating: nil, count: count)
        }

        /// The index of cell `index` of line `line` among all cells.
        func cellIndex(line: Int, index: Int) -> Int { sampled.lineStarts[line] + index }

        /// Cell `index` of line `line`, read as located or upside down.
        mutating func cell(line: Int, index: Int, upsideDown: Bool) -> Cell {
            let k = cellIndex(line: line, index: index)
            if let known = upsideDown ? turned[k] : forward[k] { return known }
            classify([k], upsideDown: upsideDown)
            return (upsideDown ? turned[k] : forward[k])!
        }

        /// Classifies the cells `indices` (among all cells) not classified yet in that direction, as one batch.
        mutating func classify(_ indices: [Int], upsideDown: Bool) {
            let wanted = indices.filter { (upsideDown ? turned[$0] : forward[$0]) == nil }
            guard !wanted.isEmpty else { return }
            let width = SampledCells.width, n = GlyphSampler.featureCount, classCount = OCRBModel.classes.count
            let results = withUnsafeTemporaryAllocation(of: Float.self, capacity: wanted.count * (width + classCount)) { scratch -> [Cell] in
                guard let inputs = scratch.baseAddress else { return [] }
                let p = inputs + wanted.count * width
                sampled.values.withUnsafeBufferPointer { all in
                    guard let values = all.baseAddress else { return }
                    // Upside down, a cell's values come in reverse order (the relative height stays last).
                    for (j, k) in wanted.enumerated() {
                        let source = values + k * width, target = inputs + j * width
                        if upsideDown {
                            for i in 0..<n { target[i] = source[n - 1 - i] }
                            target[n] = source[n]
                        } else {
                            target.update(from: source, count: width)
                        }
                    }
                }
                model.classify(batch: UnsafeBufferPointer(start: inputs, count: wanted.count * width), count: wanted.count,
                               into: UnsafeMutableBufferPointer(start: p, count: wanted.count * classCount))
                return wanted.indices.map { j in
                    let q = p + j * classCount
                    var i1 = 0, i2 = 1
                    if q[i2] > q[i1] { swap(&i1, &i2) }
                    for c in 2..<classCount {
                        if q[c] > q[i1] { i2 = i1; i1 = c } else if q[c] > q[i2] { i2 = c }
                    }
                    // A letter's likeliest digit and a digit's likeliest letter (``alternatives(_:options:)``).
                    var digit = i1, letter = i1
                    if i1 >= 10 {
                        digit = 0
                        for c in 1..<10 where q[c] > q[digit] { digit = c }
                    } else {
                        letter = 10
                        for c in 11..<36 where q[c] > q[letter] { letter = c }
                    }
                    let distance = model.templateDistance(UnsafeBufferPointer(start: inputs + j * width, count: width), classIndex: i1)
                    return Cell(center: sampled.centers[wanted[j]], best: i1, confidence: q[i1], second: i2, secondConfidence: q[i2],
                                distance: distance, bestDigit: digit, bestLetter: letter,
                                bestDigitConfidence: q[digit], bestLetterConfidence: q[letter])
                }
            }
            for (k, result) in zip(wanted, results) {
                if upsideDown { turned[k] = result } else { forward[k] = result }
            }
        }

        /// Every cell of `lines` (the located lines) in reading order: as located, or upside down (last line
        /// first, each from its last cell).
        mutating func all(_ lines: [LocatedLine], upsideDown: Bool) -> [[Cell]] {
            classify(Array(0..<forward.count), upsideDown: upsideDown)
            let order = upsideDown ? Array(lines.indices.reversed()) : Array(lines.indices)
            return order.map { l in
                let count = lines[l].centers.count
                let indices = upsideDown ? Array((0..<count).reversed()) : Array(0..<count)
                return indices.map { cell(line: l, index: $0, upsideDown: upsideDown) }
            }
        }
    }

    /// Reads `band`; a reading less sure than ``realignBelow`` is read again with its cells placed from the
    /// glyphs (``CellPhase``), and the better of the two kept (check evidence, then confidence).
    static func read(_ band: LocatedBand, in image: GrayImage, options: MRZReaderOptions, model: OCRBModel) -> MRZReading {
        let forwardLines = band.lines.map { LineMetrics.refine($0, direction: band.direction, in: image) }
        let plain = read(band, lines: forwardLines, in: image, options: options, model: model)
        guard plain.meanConfidence < realignBelow else { return plain }
        let aligned = forwardLines.map { CellPhase.aligned($0, direction: band.direction, in: image) }
        guard zip(aligned, forwardLines).contains(where: { $0.centers != $1.centers }) else { return plain }
        let realigned = read(band, lines: aligned, in: image, options: options, model: model)
        return realigned.rank > plain.rank ? realigned : plain
    }

    /// Below this mean confidence a band's reading is tried again with its cells placed by ``CellPhase``.
    static let realignBelow: Float = 0.9

    /// Reads `band`, whose refined lines are `forwardLines`, as located or upside down.
    static func read(_ band: LocatedBand, lines forwardLines: [LocatedLine], in image: GrayImage, options: MRZReaderOptions,
                     model: OCRBModel) -> MRZReading {
        // Decide the reading direction on a sample of cells (read as located first when they are read confidently).
        // Upside down is the same cells in the opposite order: the measurement is symmetric, so it is not repeated.
        let reversedLines = turned(forwardLines)
        var classifier = CellClassifier(SampledCells(lines: forwardLines, direction: band.direction, image: image), model: model)
        // Judge both directions on the same physical cells: every eighth cell of every line (a dozen a side).
        let judged = forwardLines.enumerated().flatMap { l, line in
            stride(from: 1, to: line.centers.count, by: 8).map { (line: l, index: $0) }
        }
        func meanLogConfidence(upsideDown: Bool) -> Float {
            classifier.classify(judged.map { classifier.cellIndex(line: $0.line, index: $0.index) }, upsideDown: upsideDown)
            var total: Float = 0
            for j in judged {
                total += log(max(classifier.cell(line: j.line, index: j.index, upsideDown: upsideDown).confidence, 1e-4))
            }
            return total / Float(max(judged.count, 1))
        }
        var readings: [Bool: MRZReading] = [:]
        func reading(upsideDown: Bool) -> MRZReading {
            if let known = readings[upsideDown] { return known }
            let result = read(upsideDown ? reversedLines : forwardLines, cells: classifier.all(forwardLines, upsideDown: upsideDown),
                              direction: upsideDown ? -band.direction : band.direction, upsideDown: upsideDown, in: image,
                              options: options, model: model)
            readings[upsideDown] = result
            return result
        }
        let forwardScore = meanLogConfidence(upsideDown: false)
        // A sample read confidently as located is read in full before the other way up is looked at: a reading
        // that is unbeatable (confident, every check digit holding as read) is not beaten upside down, where it
        // could only win on confidence with every check holding too, which garbage read upside down does not do.
        if forwardScore >= confidentSample, reading(upsideDown: false).isUnbeatable { return reading(upsideDown: false) }
        let reversedScore = meanLogConfidence(upsideDown: true)
        // A clear margin decides; otherwise both directions are read in full and the one whose check digits
        // hold (then the more confident) wins: rotated glyphs can look like other characters.
        if abs(forwardScore - reversedScore) >= directionMargin { return reading(upsideDown: reversedScore > forwardScore) }
        // The likelier direction first, and the other only when that reading is not unbeatable.
        let likelier = reading(upsideDown: reversedScore > forwardScore)
        if likelier.isUnbeatable { return likelier }
        let (forward, reversed) = (reading(upsideDown: false), reading(upsideDown: true))
        return reversed.rank > forward.rank ? reversed : forward
    }

    /// The mean log confidence of the sampled cells as located from which the band is read in full that way
    /// before the other way up is sampled (every sampled glyph about 95% sure).
    static let confidentSample: Float = log(0.95)

    /// Below this difference in mean log confidence on the sampled cells, both directions are read in full.
    static let directionMargin: Float = 0.35

    /// What the corrector may put in place of `cell`'s character: the runner-up, and for a letter its likeliest digit
    /// too (where only a digit may stand, that is what the glyph most likely is: a blurred `7` read as `Z` is a `7`,
    /// not the `2` of the look-alike groups), and for an unsure digit its likeliest letter (a blurred `I` read as `3`,
    /// runner-up `1`, where only a letter may stand; a digit read surely is offered none, as in the pre-ICAO code `A3`);
    /// unsure below ``MRZReaderOptions/ambiguousBelow`` or with a runner-up above ``MRZReaderOptions/ambiguousRunnerUp``.
    static func alternatives(_ cell: Cell, options: MRZReaderOptions) -> MRZGlyphAlternatives {
        let classes = OCRBModel.classes
        let relative = { (p: Float) in cell.confidence > 0 ? p / cell.confidence : 0 }
        var alternatives = [Character(Unicode.Scalar(classes[cell.second]))]
        var likelihoods = [relative(cell.secondConfidence)]
        if cell.best >= 10, classes[cell.best] != UInt8(ascii: "<"), cell.bestDigit != cell.second {
            alternatives.append(Character(Unicode.Scalar(classes[cell.bestDigit])))
            likelihoods.append(relative(cell.bestDigitConfidence))
        }
        let ambiguous = cell.confidence < options.ambiguousBelow || cell.secondConfidence > options.ambiguousRunnerUp
        if cell.best < 10, ambiguous, cell.bestLetter != cell.second {
            alternatives.append(Character(Unicode.Scalar(classes[cell.bestLetter])))
            likelihoods.append(relative(cell.bestLetterConfidence))
        }
        return MRZGlyphAlternatives(alternatives: alternatives, isAmbiguous: ambiguous, likelihoods: likelihoods)
    }

    /// Validates the text of `cells`, the classified cells of `lines` read along `u`.
    static func read(_ lines: [LocatedLine], cells classified: [[Cell]], direction u: SIMD2<Float>, upsideDown: Bool, in image: GrayImage,
                     options: MRZReaderOptions, model: OCRBModel) -> MRZReading {
        var cells = classified
        let classes = OCRBModel.classes
        var bytes: [UInt8] = []
        var glyphs: [MRZGlyphAlternatives] = []
        for line in cells {
            for c in line {
                bytes.append(classes[c.best])
                glyphs.append(alternatives(c, options: options))
            }
        }
        let parseOptions = MRZParseOptions(referenceDate: options.referenceDate,
                                           correction: options.correctAmbiguousGlyphs ? .glyphs(glyphs) : .none)
        var document = MRZParser.parse(bytes: bytes, lineCount: lines.count, options: parseOptions)
        // The first character also decides the format (V: a visa), so an unsure one whose runner-up names
        // the other format of the same shape is tried as that: the check digits decide.
        if let first = cells.first?.first, glyphs.first?.isAmbiguous == true {
            let read = classes[first.best], other = classes[first.second], visa = UInt8(ascii: "V")
            if (read == visa) != (other == visa) {
                var alternative = bytes
                alternative[0] = other
                var candidate = MRZParser.parse(bytes: alternative, lineCount: lines.count, options: parseOptions)
                let failing = { (d: MRZDocument) in d.checks.filter { !$0.valid }.count }
                if candidate.format != nil, candidate.format != document.format, candidate.checks.contains(where: \.valid),
                   failing(candidate) < failing(document) {
                    let from = Character(Unicode.Scalar(read)), to = Character(Unicode.Scalar(other))
                    candidate.findings.insert(Finding(
                        code: "mrz.corrected", severity: .info, field: "documentCode",
                        message: "Character at line 1, column 1 read as '\(from)' was corrected to '\(to)' (the check digits decide the format).",
                        evidence: Evidence(measured: String(from), expected: String(to), location: "1:1")), at: 0)
                    document = candidate
                    // The cell now stands for its runner-up: its glyph-to-model distance is measured against that.
                    if let line = lines.first, !line.centers.isEmpty {
                        var cell = first
                        cell.distance = templateDistance(cell: 0, line: line, direction: u, classIndex: first.second,
                                                         image: image, model: model)
                        (cell.best, cell.second) = (cell.second, cell.best)
                        (cell.confidence, cell.secondConfidence) = (cell.secondConfidence, cell.confidence)
                        cells[0][0] = cell
                    }
                }
            }
        }
        let all = cells.flatMap { $0 }
        let mean = all.reduce(0) { $0 + $1.confidence } / Float(max(all.count, 1))
        let minimum = all.map(\.confidence).min() ?? 0
        return MRZReading(document: document, geometry: geometry(lines: lines, cells: cells, direction: u, upsideDown: upsideDown),
                          meanConfidence: mean, minimumConfidence: minimum)
    }

    /// The glyph-to-model distance of cell `index` of `line` (sampled at its own pitch) to the template of `classIndex`.
    static func templateDistance(cell index: Int, line: LocatedLine, direction u: SIMD2<Float>, classIndex: Int,
                                 image: GrayImage, model: OCRBModel) -> Float {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: OCRBModel.inputCount) { features in
            let centre = line.centers[index], pitch = line.pitch(ofCell: index)
            GlyphSampler.sample(image, cx: centre.x, cy: centre.y, ux: u.x, uy: u.y, pitch: pitch, charHeight: pitch, into: features)
            return model.templateDistance(UnsafeBufferPointer(features), classIndex: classIndex)
        }
    }

    /// Where `line`'s cells lie when read along `u` (as ``geometry(lines:cells:direction:upsideDown:)`` reports it).
    static func placement(_ line: LocatedLine, direction u: SIMD2<Float>) -> MRZLinePlacement {
        let v = SIMD2<Float>(-u.y, u.x)
        let hu = u * (line.pitch / 2), hv = v * (line.charHeight / 2)
        let first = line.centers.first ?? .zero, last = line.centers.last ?? .zero
        return MRZLinePlacement(centres: line.centers.map { ImagePoint($0) }, baselineStart: ImagePoint(first - hu + hv),
                                baselineEnd: ImagePoint(last + hu + hv), pitch: Double(line.pitch), characterHeight: Double(line.charHeight))
    }

    static func geometry(lines: [LocatedLine], cells: [[Cell]], direction u: SIMD2<Float>, upsideDown: Bool) -> MRZGeometry {
        let v = SIMD2<Float>(-u.y, u.x)
        let classes = OCRBModel.classes
        var lineGeometries: [MRZLineGeometry] = []
        for (line, row) in zip(lines, cells) {
            let hu = u * (line.pitch / 2), hv = v * (line.charHeight / 2)
            let characters = row.map { c in
                MRZCharacterReading(
                    character: Character(Unicode.Scalar(classes[c.best])), confidence: c.confidence,
                    runnerUp: Character(Unicode.Scalar(classes[c.second])), runnerUpConfidence: c.secondConfidence,
                    box: ImageQuad(corners: [ImagePoint(c.center - hu - hv), ImagePoint(c.center + hu - hv),
                                             ImagePoint(c.center + hu + hv), ImagePoint(c.center - hu + hv)]),
                    center: ImagePoint(c.center), modelDistance: c.distance)
            }
            let placement = placement(line, direction: u)
            lineGeometries.append(MRZLineGeometry(
                baselineStart: placement.baselineStart, baselineEnd: placement.baselineEnd,
                angleDegrees: Double(atan2(u.y, u.x) * 180 / .pi), pitch: placement.pitch,
                characterHeight: placement.characterHeight, characters: characters))
        }
        let top = lines.first, bottom = lines.last
        var band = ImageQuad(corners: [])
        if let top, let bottom, let tl = top.centers.first, let tr = top.centers.last, let bl = bottom.centers.first, let br = bottom.centers.last {
            let pu = u * top.pitch, pv = v * top.charHeight
            band = ImageQuad(corners: [ImagePoint(tl - pu - pv), ImagePoint(tr + pu - pv), ImagePoint(br + pu + pv), ImagePoint(bl - pu + pv)])
        }
        return MRZGeometry(band: band, lines: lineGeometries, documentOutline: nil, upsideDown: abs(atan2(u.y, u.x)) > .pi / 2)
    }
}

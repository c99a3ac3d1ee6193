import CDocScreenTesseract
import Foundation
import Imaging
import Synchronization

/// Why the printed-text engine could not run.
public enum TextEngineError: Error, Sendable, Hashable {
    /// No folder with the language models was found (the folders looked in are given).
    case languageDataMissing(searched: [String], languages: String)
    /// Tesseract refused to load the models from `path` (a damaged or incomplete `.traineddata`).
    case initialisationFailed(path: String, languages: String, status: Int32)
    /// Recognition failed on an image of `width` × `height` pixels (Tesseract's status code given).
    case recognitionFailed(width: Int, height: Int, status: Int32)
}

/// One character recognised by the engine.
public struct RecognizedSymbol: Sendable, Hashable {
    /// The character (one extended grapheme as Tesseract gives it, e.g. `Ễ`).
    public var text: String
    /// The engine's confidence in it, 0-1.
    public var confidence: Float
    /// The confidence of the word holding it, 0-1.
    public var wordConfidence: Float
    /// Its box in the recognised image's pixels: `x0`, `y0` inclusive, `x1`, `y1` exclusive.
    public var x0: Int, y0: Int, x1: Int, y1: Int
    /// The word it belongs to, counted from 0 over the whole result.
    public var word: Int
    /// The text line it belongs to, counted from 0.
    public var line: Int
}

/// What the engine read from one image.
public struct RecognizedText: Sendable, Hashable {
    /// Every symbol in reading order.
    public var symbols: [RecognizedSymbol]
    /// Tesseract's mean text confidence, 0-1.
    public var meanConfidence: Float

    /// The text with one space between words and a newline between lines.
    public var text: String {
        var out = ""
        var previous: RecognizedSymbol?
        for s in symbols {
            if let p = previous {
                if p.line != s.line { out += "\n" } else if p.word != s.word { out += " " }
            }
            out += s.text
            previous = s
        }
        return out
    }
}

/// One Tesseract instance (LSTM recogniser) with its models loaded.
///
/// Not thread-safe: an engine is used by one thread at a time, which ``TextEnginePool`` guarantees (hence
/// `@unchecked Sendable`: it moves between threads, never is shared by them). Loading the models is the
/// costly part (about 0.1-0.2 s for `eng+vie`); recognition of one text line takes a few milliseconds.
public final class TextEngine: @unchecked Sendable {
    private let handle: OpaquePointer
    /// The language models loaded, e.g. `eng+vie`.
    public let languages: String

    /// Loads `languages` from `dataPath` (a tessdata folder), or from the first folder of
    /// ``TextEngine/dataPathCandidates`` that holds every model when `dataPath` is `nil`.
    public init(languages: String = "eng+vie", dataPath: String? = nil) throws(TextEngineError) {
        let names = languages.split(separator: "+").map(String.init)
        let candidates = dataPath.map { [$0] } ?? TextEngine.dataPathCandidates()
        guard let path = candidates.first(where: { folder in
            names.allSatisfy { FileManager.default.fileExists(atPath: folder + "/" + $0 + ".traineddata") }
        }) else { throw .languageDataMissing(searched: candidates, languages: languages) }
        var status: Int32 = 0
        guard let h = dst_create(path, languages, &status) else {
            throw .initialisationFailed(path: path, languages: languages, status: status)
        }
        handle = h
        self.languages = languages
    }

    deinit { dst_destroy(handle) }

    /// The folders looked in for the models: `$TESSDATA_PREFIX` (and its `tessdata`), then Debian's and the
    /// usual install locations.
    public static func dataPathCandidates() -> [String] {
        var out: [String] = []
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            out += [prefix, prefix + "/tessdata"]
        }
        out += ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
                "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata"]
        return out
    }

    /// Recognises `image` as one text line (`singleLine`) or as a block of lines, at `ppi` pixels per inch,
    /// restricted to the characters of `whitelist` when given. O(pixels) plus the LSTM's cost per line.
    public func recognize(_ image: GrayImage, singleLine: Bool = true, ppi: Int = 300,
                          whitelist: String? = nil) throws(TextEngineError) -> RecognizedText {
        let capacity = 512
        var symbols = [dst_symbol](repeating: dst_symbol(), count: capacity)
        var count: Int32 = 0, mean: Int32 = 0
        dst_set_whitelist(handle, whitelist ?? "")
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            symbols.withUnsafeMutableBufferPointer { out in
                dst_recognize(handle, pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.rowStride),
                              Int32(ppi), Int32(singleLine ? DST_PSM_SINGLE_LINE : DST_PSM_SINGLE_BLOCK), out.baseAddress,
                              Int32(capacity), &count, &mean)
            }
        }
        if whitelist != nil { dst_set_whitelist(handle, "") }
        guard status == Int32(DST_OK) else {
            throw .recognitionFailed(width: image.width, height: image.height, status: status)
        }
        var result: [RecognizedSymbol] = []
        result.reserveCapacity(Int(count))
        for i in 0..<Int(count) {
            var s = symbols[i]
            let text = withUnsafeBytes(of: &s.utf8) { raw -> String in
                let bytes = raw.prefix { $0 != 0 }
                return String(decoding: bytes, as: UTF8.self)
            }
            result.append(RecognizedSymbol(text: text, confidence: max(0, min(1, s.confidence / 100)),
                                           wordConfidence: max(0, min(1, s.word_confidence / 100)),
                                           x0: Int(s.x0), y0: Int(s.y0), x1: Int(s.x1), y1: Int(s.y1),
                                           word: Int(s.word), line: Int(s.line)))
        }
        return RecognizedText(symbols: result, meanConfidence: Float(mean) / 100)
    }

    /// White rows between two line images stacked by ``recognize(lines:ppi:)``.
    static let stackGap = 40
    /// The tallest stack ``recognize(lines:ppi:)`` makes, in pixels.
    static let stackHeightLimit = 8000

    /// Recognises each image of `lines` as one text line, in one engine call: the images are stacked, left-aligned,
    /// ``stackGap`` white rows apart, each with its contrast stretched (``stretch(_:into:width:top:)``), and read as one
    /// block; each symbol goes back to the image its centre lies in, with its box in that image's pixels and its words
    /// and lines counted from 0 there. A single image is read in single-line mode (``recognize(_:singleLine:ppi:whitelist:)``).
    ///
    /// Tesseract's cost per call beyond its LSTM (thresholding, layout, the result's set-up) is about 1.5 ms here, so a
    /// page's values read in one call take about a sixth less time than one call each (README, *The printed page
    /// against the MRZ*). `meanConfidence` of each result is the mean of its symbols'. O(pixels) plus the LSTM's cost
    /// per line.
    public func recognize(lines: [GrayImage], ppi: Int = 300) throws(TextEngineError) -> [RecognizedText] {
        guard lines.count > 1 else {
            return try lines.map { image throws(TextEngineError) in try recognize(image, singleLine: true, ppi: ppi) }
        }
        // A stack taller than ``stackHeightLimit`` (many lines on a hostile page) is read in parts: Tesseract takes
        // no image over 32767 pixels a side.
        var total = TextEngine.stackGap, count = 0
        for line in lines {
            total += line.height + TextEngine.stackGap
            if total > TextEngine.stackHeightLimit, count > 0 {
                return try recognize(lines: Array(lines[..<count]), ppi: ppi) + recognize(lines: Array(lines[count...]), ppi: ppi)
            }
            count += 1
        }
        let gap = TextEngine.stackGap
        let width = lines.map(\.width).max()!
        guard width > 0 else { return lines.map { _ in RecognizedText(symbols: [], meanConfidence: 0) } }
        var tops: [Int] = []
        var height = gap
        for line in lines {
            tops.append(height)
            height += line.height + gap
        }
        var pixels = [UInt8](repeating: 255, count: width * height)
        for (line, top) in zip(lines, tops) { TextEngine.stretch(line, into: &pixels, width: width, top: top) }
        let stack = (try? GrayImage(width: width, height: height, pixels: pixels)) ?? GrayImage(width: width, height: height, fill: 255)
        let all = try recognize(stack, singleLine: false, ppi: ppi)
        var out = [RecognizedText](repeating: RecognizedText(symbols: [], meanConfidence: 0), count: lines.count)
        var firstWord = [Int?](repeating: nil, count: lines.count), firstLine = [Int?](repeating: nil, count: lines.count)
        for s in all.symbols {
            let centre = (s.y0 + s.y1) / 2
            // The image whose rows (with half the gap on either side) hold the symbol's centre.
            guard let i = tops.indices.last(where: { tops[$0] - gap / 2 <= centre }) else { continue }
            let word = firstWord[i] ?? s.word, line = firstLine[i] ?? s.line
            firstWord[i] = word
            firstLine[i] = line
            var t = s
            t.y0 = max(0, s.y0 - tops[i])
            t.y1 = min(lines[i].height, s.y1 - tops[i])
            t.word = s.word - word
            t.line = s.line - line
            out[i].symbols.append(t)
        }
        for i in out.indices where !out[i].symbols.isEmpty {
            out[i].meanConfidence = out[i].symbols.map(\.confidence).reduce(0, +) / Float(out[i].symbols.count)
        }
        return out
    }

    /// Copies `line` into the rows from `top` of `pixels` (`width` pixels a row), its grey levels stretched so that its
    /// darkest 1% is black and its lightest 20% (paper) white. The block is thresholded once for all its lines: a line on
    /// a dark ground (a photo's edge) would otherwise make the light print of the others vanish. The LSTM normalises
    /// each line's contrast itself, so the stretch changes little of what it reads. O(pixels of `line`).
    static func stretch(_ line: GrayImage, into pixels: inout [UInt8], width: Int, top: Int) {
        line.pixels.withUnsafeBufferPointer { src in
            var histogram = [Int](repeating: 0, count: 256)
            for y in 0..<line.height {
                for x in 0..<line.width { histogram[Int(src[y * line.rowStride + x])] += 1 }
            }
            let count = line.width * line.height
            var low = 0, seen = 0
            while low < 255, seen + histogram[low] <= count / 100 {
                seen += histogram[low]
                low += 1
            }
            var high = 255
            seen = 0
            while high > low, seen + histogram[high] <= count / 5 {
                seen += histogram[high]
                high -= 1
            }
            let span = max(1, high - low)
            pixels.withUnsafeMutableBufferPointer { dst in
                for y in 0..<line.height {
                    let s = y * line.rowStride, d = (top + y) * width
                    for x in 0..<line.width { dst[d + x] = UInt8(clamping: (Int(src[s + x]) - low) * 255 / span) }
                }
            }
        }
    }
}

/// A small pool of ``TextEngine``s shared by the scans of a process: an engine is taken for one page and
/// given back, so that each is used by one thread at a time and the models load once per concurrent scan.
public final class TextEnginePool: Sendable {
    private let idle = Mutex<[TextEngine]>([])
    private let failure = Mutex<TextEngineError?>(nil)
    /// The language models every engine loads.
    public let languages: String
    /// The tessdata folder, or `nil` to search ``TextEngine/dataPathCandidates()``.
    public let dataPath: String?

    /// A pool of engines for `languages`; none is loaded before the first ``withEngine(_:)``.
    public init(languages: String = "eng+vie", dataPath: String? = nil) {
        self.languages = languages
        self.dataPath = dataPath
    }

    /// The process-wide pool for `eng+vie` from the standard locations: names, whose diacritics need `vie`.
    public static let shared = TextEnginePool()

    /// The process-wide pool for `vie` alone from the standard locations: values and captions read first, names
    /// with their diacritics (`ĐỨC TUẤN`, which `eng` and `eng+vie` may read as `pUc TUAN`), capitals and digits as
    /// `eng` reads them.
    public static let vietnamese = TextEnginePool(languages: "vie")

    /// Runs `body` with an engine of its own (an idle one, or a newly loaded one). A failure to load is
    /// remembered, so that a machine without the models pays for the search once.
    public func withEngine<T>(_ body: (TextEngine) throws(TextEngineError) -> T) throws(TextEngineError) -> T {
        if let error = failure.withLock({ $0 }) { throw error }
        let engine: TextEngine
        if let e = idle.withLock({ $0.popLast() }) {
            engine = e
        } else {
            do {
                engine = try TextEngine(languages: languages, dataPath: dataPath)
            } catch {
                failure.withLock { $0 = error }
                throw error
            }
        }
        defer { idle.withLock { $0.append(engine) } }
        return try body(engine)
    }
}

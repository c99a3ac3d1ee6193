import DocumentSamples
import Imaging
import MRZText
import Testing
@testable import LayoutChecks
@testable import Screening

/// The OCR-B template distances behind `layout.font`: genuine print under every capture stays within a few
/// spreads of its document's median, whatever the blur and resolution; a substitute typeface sits further out,
/// also where no other glyph of the same character is printed to compare it with.
@Suite("OCR-B template distances")
struct TemplateDistances {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// A generated page scanned, with the distances of its glyphs in spreads from the document's median
    /// (as the typeface check judges them), by line and column, and its truth.
    static func spreads(_ request: SampleRequest) throws -> (spreads: [[Double?]], match: TemplateMatch.Result, truth: SampleTruth) {
        let sample = try SampleGenerator().generate(request)
        let (spreads, match) = try Self.spreads(bytes: sample.image, mrz: sample.truth.mrz)
        return (spreads, match, sample.truth)
    }

    /// The spreads of the page in `bytes`, whose MRZ is `mrz`.
    static func spreads(bytes: [UInt8], mrz: [String]) throws -> (spreads: [[Double?]], match: TemplateMatch.Result) {
        var options = ScanOptions(referenceDate: today)
        options.keepsImage = true
        let result = ScreeningPipeline.scan(bytes: bytes, label: "t", options: options)
        let image = try #require(result.image)
        let layout = try #require(result.layout)
        let reading = try #require(result.mrz)
        #expect(reading.document.lines == mrz, "the page must be read right for the test to mean anything")
        let lines = layout.lines.filter(\.isComplete)
        let o = LayoutOptions.standard
        let judgement = TemplateMatch.Judgement(floor: o.fontTemplateFloor, relativeFloor: o.fontTemplateRelativeFloor,
                                                limit: o.fontScoreThreshold / o.fontTemplateWeight, minimumCapital: o.fontTemplateMinimumCapital)
        let match = try #require(TemplateMatch.measure(image, lines: lines, characters: lines.map { Array(reading.document.lines[$0.index]) },
                                                       judgement: judgement))
        #expect(match.misread == 0)
        var byLine = [[Double?]](repeating: [], count: reading.document.lines.count)
        for (line, spreads) in zip(lines, match.spreads) { byLine[line.index] = spreads }
        return (byLine, match)
    }

    struct Genuine: Sendable, CustomStringConvertible {
        var format: SampleFormat
        var capture: CaptureMode
        var dpi: Int
        var seed: UInt64
        var description: String { "\(format.rawValue) \(capture.rawValue) \(dpi) dpi #\(seed)" }
    }

    @Test("genuine OCR-B stays close to its document's median under every capture", arguments: [
        Genuine(format: .td3, capture: .flat, dpi: 400, seed: 61), Genuine(format: .td1, capture: .scan, dpi: 300, seed: 62),
        Genuine(format: .td2, capture: .phone, dpi: 300, seed: 63), Genuine(format: .mrvA, capture: .phone, dpi: 200, seed: 64),
    ])
    func genuine(c: Genuine) throws {
        let request = SampleRequest(format: c.format, kind: c.capture == .phone ? .degraded : .clean, capture: c.capture,
                                    dpi: c.dpi, seed: c.seed, referenceDate: Self.today, name: "t")
        let (spreads, match, truth) = try Self.spreads(request)
        // The capital height fitted from the ink is the page's (perspective and ink spread cost a few percent).
        #expect(abs(match.capitalHeight / truth.geometry.mrzCharacterHeight - 1) < 0.12,
                "capital height \(match.capitalHeight) against \(truth.geometry.mrzCharacterHeight)")
        let threshold = LayoutOptions.standard.fontScoreThreshold / LayoutOptions.standard.fontTemplateWeight
        let worst = spreads.flatMap { $0.compactMap { $0 } }.max() ?? 0
        #expect(worst < threshold, "a genuine glyph \(worst) spreads out (threshold \(threshold))")
    }

    @Test("a page photographed at a slant is compared with OCR-B at each glyph's own size", arguments: [SampleFormat.td3, .td1])
    func slant(format: SampleFormat) throws {
        let request = SampleRequest(format: format, kind: .clean, capture: .flat, encoding: .png, dpi: 300, seed: 65,
                                    referenceDate: Self.today, name: "t")
        let rendered = try SampleGenerator().render(request)
        let page = rendered.image.luma().keystoned(growth: 1.15)
        let (spreads, _) = try Self.spreads(bytes: try PNGEncoder.encode(page), mrz: rendered.truth.mrz)
        let threshold = LayoutOptions.standard.fontScoreThreshold / LayoutOptions.standard.fontTemplateWeight
        let worst = spreads.flatMap { $0.compactMap { $0 } }.max() ?? 0
        #expect(worst < threshold, "a genuine glyph \(worst) spreads out (threshold \(threshold))")
    }

    @Test("glyphs of a substitute typeface sit further from OCR-B than the document's own", arguments: [
        (SampleFormat.td1, UInt64(7_548_016_066_336_275_738)), (.td3, 11_831_370_011_260_320_080),
    ])
    func substitute(format: SampleFormat, seed: UInt64) throws {
        let request = SampleRequest(format: format, kind: .fraud, tampering: .fontSubstitution, capture: .scan, encoding: .jpeg,
                                    dpi: 300, seed: seed, referenceDate: Self.today, name: "t")
        let (spreads, _, truth) = try Self.spreads(request)
        let record = try #require(truth.tampering.first)
        let line = try #require(record.line), columns = try #require(record.columns)
        let substituted = columns.compactMap { spreads[line][$0] }
        var untouched: [Double] = []
        for (l, values) in spreads.enumerated() {
            for (k, v) in values.enumerated() where !(l == line && columns.contains(k)) { if let v { untouched.append(v) } }
        }
        #expect(!substituted.isEmpty && untouched.count > 10)
        // DejaVu Sans Mono is close to OCR-B in places (its size and its fillers give it away to the comparison
        // with peers); still, its letters and digits sit on average beyond nine in ten of the document's own.
        let mean = substituted.reduce(0, +) / Double(substituted.count)
        let ninety = RobustStatistics.quantile(untouched, 0.9)
        #expect(mean > ninety, "substituted \(substituted.map { ($0 * 10).rounded() / 10 }), untouched 90th percentile \(ninety)")
        // No untouched glyph reaches the threshold.
        let threshold = LayoutOptions.standard.fontScoreThreshold / LayoutOptions.standard.fontTemplateWeight
        #expect((untouched.max() ?? 0) < threshold)
    }
}

import DocumentSamples
import MRZText
import Testing
@testable import Screening
@testable import VIZReader

/// Values printed side by side under captions side by side (the date of issue and the date of expiry of a TD3
/// page in the `02 THG 04 / APR 1986` form, which fills its slot) are read as separate lines.
@Suite("Side-by-side values", .serialized)
struct SideBySideValuesTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// Generated genuine TD3 pages whose dates are printed in the long bilingual form (issue and expiry only a
    /// column gap apart), with their truth.
    static func longDatePages(count: Int) throws -> [Sample] {
        var out: [Sample] = []
        var seed: UInt64 = 300
        while out.count < count, seed < 400 {
            let sample = try SampleGenerator().generate(SampleRequest(format: .td3, kind: .clean, capture: .scan, seed: seed,
                                                                      referenceDate: today, name: "side-by-side-\(seed)"))
            if sample.truth.viz.dateForm == .vietnameseBilingual { out.append(sample) }
            seed += 1
        }
        return out
    }

    @Test("the date of issue and the date of expiry are read apart, and the expiry is found and agrees")
    func datesReadApart() throws {
        let pages = try Self.longDatePages(count: 3)
        #expect(pages.count == 3)
        for sample in pages {
            let result = ScreeningPipeline.scan(bytes: sample.image, label: sample.truth.file, options: ScanOptions(referenceDate: Self.today))
            let reading = try #require(result.viz?.reading, "\(sample.truth.file): no VIZ reading")
            let issue = VIZValueParser.compact(sample.truth.viz.issueDate), expiry = VIZValueParser.compact(sample.truth.viz.expiryDate)
            // No line read holds both dates.
            for line in reading.lines {
                let text = VIZValueParser.compact(line.text)
                #expect(!(text.contains(issue.prefix(6)) && text.contains(expiry.suffix(6))), "\(sample.truth.file): joined line \(line.text)")
            }
            let field = try #require(reading.fields[.expiryDate], "\(sample.truth.file): expiry not found")
            #expect(VIZValueParser.date(field.value) == VIZValueParser.date(sample.truth.viz.expiryDate), "\(sample.truth.file): \(field.value)")
            let outcome = result.viz?.comparisons.first { $0.field == .expiryDate }?.outcome
            #expect(outcome == .agrees, "\(sample.truth.file): expiry \(String(describing: outcome))")
        }
    }

    @Test("a value line is cut only where a caption above it begins and its gap is wider than its type")
    func cutNeedsCaptionAndGap() {
        // Synthetic print at 10 px per pitch: a caption row of two captions and a value row of glyphs under it.
        func glyph(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> TextLineFinder.Component {
            TextLineFinder.Component(x0: x, y0: y, x1: x + w - 1, y1: y + h - 1, count: w * h / 2, darknessSum: 100 * w * h / 2)
        }
        var glyphs: [TextLineFinder.Component] = []
        // Captions: glyphs 6 px tall at y 0, from x 0 to 60 and from x 100 to 150.
        for x in stride(from: 0, to: 60, by: 6) { glyphs.append(glyph(x, 0, 4, 6)) }
        for x in stride(from: 100, to: 150, by: 6) { glyphs.append(glyph(x, 0, 4, 6)) }
        let captionsEnd = glyphs.count
        // Values: glyphs 10 px tall at y 12 with word spaces of 7 px: three words ending at x 79, then a 20 px gap
        // to the second caption's edge (x 100) and two words.
        func words(from start: Int, count: Int) -> [TextLineFinder.Component] {
            var out: [TextLineFinder.Component] = [], x = start
            for _ in 0..<count { for _ in 0..<3 { out.append(glyph(x, 12, 6, 10)); x += 8 }; x += 5 }
            return out
        }
        let scale = 10.0
        let captions = [Array(0..<10), Array(10..<captionsEnd)].map { TextLineFinder.line($0, glyphs: glyphs, scale: scale)! }
        func split(left: Int, right: Int, captions: [TextLineFinder.Line]) -> [TextLineFinder.Line] {
            let all = glyphs + words(from: left, count: 3) + words(from: right, count: 2)
            let value = TextLineFinder.line(Array(captionsEnd..<all.count), glyphs: all, scale: scale)!
            return TextLineFinder.split(captions + [value], glyphs: all, scale: scale)
        }
        let cut = split(left: 0, right: 100, captions: captions)
        #expect(cut.count == 4)
        #expect(cut.filter { $0.median == 10 }.map(\.x0).sorted() == [0, 100])
        #expect(cut.filter { $0.median == 10 }.map(\.members.count).sorted() == [6, 9])
        // Without the second caption the value stays whole: a wide gap alone is not a field's edge.
        #expect(split(left: 0, right: 100, captions: [captions[0]]).count == 2)
        // A wide gap away from the caption's edge, or a gap at the edge no wider than a word space: whole.
        #expect(split(left: 0, right: 92, captions: captions).count == 3)
        #expect(split(left: 13, right: 100, captions: captions).count == 3)
    }
}

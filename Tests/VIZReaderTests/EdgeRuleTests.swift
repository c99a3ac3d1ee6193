import DocumentSamples
import MRZText
import Testing
@testable import Screening
@testable import VIZReader

/// A photo's or a frame's edge chained to a value like a glyph is not part of the value's line.
@Suite("Edge rules next to values", .serialized)
struct EdgeRuleTests {
    typealias Component = TextLineFinder.Component

    static func glyph(_ x0: Int, _ width: Int, height: Int, top: Int = 0) -> Component {
        Component(x0: x0, y0: top, x1: x0 + width - 1, y1: top + height - 1, count: width * height / 2, darknessSum: 0)
    }

    @Test("a thin, tall component set apart at either end is dropped; letters are kept", arguments: [
        // A photo's edge 1.5 glyphs tall, two glyph heights before a lone `F`: dropped.
        ([glyph(0, 3, height: 30), glyph(45, 12, height: 20)], [1]),
        // The same edge after a value: dropped.
        ([glyph(0, 12, height: 20), glyph(16, 12, height: 20), glyph(60, 3, height: 30, top: -5)], [0, 1]),
        // `al`: the `l` is as tall, but it touches its neighbour: kept.
        ([glyph(0, 12, height: 14), glyph(14, 3, height: 20, top: -6)], [0, 1]),
        // `1` among digits: as tall as they are: kept.
        ([glyph(0, 4, height: 20), glyph(20, 12, height: 20), glyph(34, 12, height: 20)], [0, 1, 2]),
        // A wide tall component (a portrait's piece) is not a rule: kept for the other filters.
        ([glyph(0, 20, height: 30), glyph(45, 12, height: 20)], [0, 1]),
    ] as [([Component], [Int])])
    func rules(_ glyphs: [Component], _ kept: [Int]) {
        #expect(TextLineFinder.withoutEdgeRules(Array(glyphs.indices), glyphs: glyphs) == kept)
    }

    @Test("generated TD3 pages of the benchmark: every printed field agrees with the MRZ, the sex beside the photo too")
    func everyFieldAgrees() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let generator = SampleGenerator()
        // Pages 8-11 of the pipeline benchmark's set; page 11 prints its sex beside the photo's edge.
        for request in SampleGenerator.batch(count: 12, seed: 0xD0C5, formats: [.td3], kinds: [.clean], dpi: 300, referenceDate: today)
            .suffix(4) {
            var r = request
            r.capture = .scan
            r.encoding = .jpeg
            let sample = try generator.generate(r)
            let result = ScreeningPipeline.scan(bytes: sample.image, label: sample.truth.file, options: ScanOptions(referenceDate: today))
            let crossCheck = try #require(result.viz?.comparisons, "\(sample.truth.file): no VIZ")
            #expect(crossCheck.count == 7 && crossCheck.allSatisfy { $0.outcome == .agrees },
                    "\(sample.truth.file): \(crossCheck.filter { $0.outcome != .agrees }.map { "\($0.field) \($0.outcome)" })")
        }
    }
}

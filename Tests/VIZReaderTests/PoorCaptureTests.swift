import DocumentSamples
import Findings
import MRZText
import Testing
@testable import Screening

/// Genuine pages photographed as poorly as a gate sees them (`samples generate --capture poor-phone --dpi 150`:
/// JPEG quality 35-55, blur 0.9-1.4 pixels, noise 5-10 grey levels), scanned as `docscreen scan` does, the
/// printed page read too. Each of these was misread or alerted before.
@Suite("Poor phone captures", .serialized)
struct PoorCaptureTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    struct Case: Sendable, CustomStringConvertible {
        var seed: UInt64
        var count: Int
        var index: Int
        var before: String
        var description: String { "seed \(seed) page \(index): \(before)" }
    }

    /// The page as `samples generate --count COUNT --seed SEED --kinds clean,degraded --capture poor-phone --dpi 150` makes it.
    static func request(_ c: Case) -> SampleRequest {
        var request = SampleGenerator.batch(count: c.count, seed: c.seed, kinds: [.clean, .degraded], dpi: 150,
                                            referenceDate: today)[c.index]
        request.capture = .poorPhone
        return request
    }

    @Test("genuine poor captures are read exactly and cleared", arguments: [
        Case(seed: 91, count: 120, index: 1, before: "document code I read 3 (runner-up 1): a syntax alert"),
        Case(seed: 91, count: 120, index: 113, before: "MINH read M1NH, made MTNH"),
        Case(seed: 91, count: 120, index: 19, before: "the date of issue taken for the birth date: a mismatch alert"),
        Case(seed: 91, count: 120, index: 105, before: "the date of issue taken for the expiry: a mismatch alert"),
        Case(seed: 92, count: 240, index: 153, before: "the nationality taken for the surname: a mismatch alert"),
    ])
    func genuineIsClear(_ c: Case) throws {
        let sample = try SampleGenerator().generate(Self.request(c))
        #expect(sample.truth.capture.mode == .poorPhone && sample.truth.kind != .fraud)
        let result = ScreeningPipeline.scan(bytes: sample.image, label: sample.truth.file, options: ScanOptions(referenceDate: Self.today))
        #expect(result.mrz?.document.lines == sample.truth.mrz)
        // The printed page was read and compared: cleared by the comparison, not for want of a reading.
        let viz = try #require(result.viz?.reading)
        #expect(viz.fields.count >= 3)
        #expect(result.verdict == .clear, "\(result.findings.filter { $0.severity != .info }.map(\.code))")
    }

    @Test("a TD3 photographed obliquely (its pitch half as large again at the far end) is read from its first glyph")
    func obliqueLineStartsAtItsFirstGlyph() throws {
        let sample = try SampleGenerator().generate(Self.request(Case(seed: 92, count: 240, index: 222, before: "")))
        #expect(sample.truth.format == .td3)
        let result = ScreeningPipeline.scan(bytes: sample.image, label: sample.truth.file,
                                            options: ScanOptions(referenceDate: Self.today, readsVIZ: false))
        let lines = try #require(result.mrz?.document.lines)
        // The first line started at its second glyph before (45 cells located); the nationality's `M`, read
        // `H` at 0.34, is beyond this capture.
        #expect(lines.first == sample.truth.mrz.first)
    }
}

import DocumentSamples
import Findings
import Imaging
@testable import LayoutChecks
import MRZReader
import Synchronization
import Foundation
import MRZText
import Testing
@testable import Screening

/// The checks run side by side (and with the page's DCT sample and the lines' glyphs measured while the MRZ is
/// read) give exactly the findings and measurements they give one after another.
@Suite("Layout checks side by side")
struct SideBySideChecks {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    struct Page: Sendable, CustomStringConvertible {
        var format: SampleFormat
        var kind: SampleKind
        var tampering: TamperKind?
        var capture: CaptureMode
        var seed: UInt64
        var description: String { "\(format.rawValue) \(tampering?.rawValue ?? kind.rawValue) \(capture.rawValue) #\(seed)" }
    }

    /// The measurements without the timings, which differ from run to run.
    static func untimed(_ m: LayoutMeasurements?) -> LayoutMeasurements? {
        guard var m else { return nil }
        m.milliseconds = 0
        m.stages = [:]
        return m
    }

    @Test("findings, measurements and glyphs are the same side by side as one after another", arguments: [
        Page(format: .td3, kind: .clean, capture: .scan, seed: 71),
        Page(format: .td1, kind: .degraded, capture: .phone, seed: 72),
        Page(format: .td2, kind: .fraud, tampering: .fontSubstitution, capture: .scan, seed: 73),
        Page(format: .td3, kind: .fraud, tampering: .pitchAnomaly, capture: .scan, seed: 12_376_175_261_775_773_439),
        Page(format: .mrvA, kind: .fraud, tampering: .lineMisalignment, capture: .flat, seed: 75),
        Page(format: .td1, kind: .fraud, tampering: .mrzPasted, capture: .scan, seed: 76),
    ])
    func sameFindings(page: Page) throws {
        let request = SampleRequest(format: page.format, kind: page.kind, tampering: page.tampering, capture: page.capture,
                                    encoding: .jpeg, dpi: 300, seed: page.seed, referenceDate: Self.today, name: "t")
        let sample = try SampleGenerator().generate(request)
        var sequential = ScanOptions(referenceDate: Self.today, readsVIZ: false)
        sequential.checksSideBySide = false
        var concurrent = sequential
        concurrent.checksSideBySide = true
        let one = ScreeningPipeline.scan(bytes: sample.image, label: "t", options: sequential)
        let two = ScreeningPipeline.scan(bytes: sample.image, label: "t", options: concurrent)
        let layout = try #require(one.layout, "\(one.findings.map(\.code))")
        #expect(layout.measurements.linesComplete > 0)
        #expect(one.findings == two.findings)
        #expect(one.verdict == two.verdict)
        #expect(Self.untimed(layout.measurements) == Self.untimed(two.layout?.measurements))
        #expect(layout.lines.map(\.glyphs) == two.layout?.lines.map(\.glyphs))
        #expect(layout.outline == two.layout?.outline)
        if let tampering = page.tampering {
            let expected = [TamperKind.fontSubstitution: LayoutCode.font, .pitchAnomaly: LayoutCode.pitch,
                            .lineMisalignment: LayoutCode.alignment, .mrzPasted: LayoutCode.pastedRegion][tampering]
            #expect(two.findings.contains { $0.code == expected }, "\(two.findings.map(\.code))")
        }
    }

    @Test("a preparation made for another image is not used: the page's own sample is measured")
    func preparationForAnotherImage() throws {
        func render(_ seed: UInt64) throws -> (GrayImage, SampleTruth) {
            let request = SampleRequest(format: .td3, kind: .clean, capture: .flat, encoding: .png, dpi: 300, seed: seed,
                                        referenceDate: Self.today, name: "t")
            let rendered = try SampleGenerator().render(request)
            return (rendered.image.luma(), rendered.truth)
        }
        // The page: saved at quality 60, its band replaced by never-compressed pixels, saved again at 90. The
        // other page: saved once, so its page sample has none of the holes this page's has.
        let (original, truth) = try render(41)
        var first = try ImageDecoder.decode(bytes: try JPEGEncoder.encode(original, quality: 60)).image
        let band = truth.geometry.mrzBand.bounds
        for y in max(0, Int(band.minY) - 20)..<min(first.height, Int(band.maxY) + 20) {
            for x in max(0, Int(band.minX) - 20)..<min(first.width, Int(band.maxX) + 20) { first[x, y] = original[x, y] }
        }
        let bytes = try JPEGEncoder.encode(first, quality: 90)
        let image = try ImageDecoder.decode(bytes: bytes).image
        let otherBytes = try JPEGEncoder.encode(try render(42).0, quality: 90)
        let otherImage = try ImageDecoder.decode(bytes: otherBytes).image

        let result = ScreeningPipeline.scan(bytes: bytes, label: "t", options: ScanOptions(referenceDate: Self.today, readsVIZ: false))
        let reading = try #require(result.mrz)
        let own = LayoutChecks.run(LayoutInput(image: image, jpeg: bytes, reading: reading))
        #expect(own.findings.contains { $0.code == LayoutCode.recompressed }, "\(own.findings.map(\.code))")
        let foreign = LayoutChecks.run(LayoutInput(image: image, jpeg: bytes, reading: reading,
                                                   preparation: LayoutPreparation(image: otherImage, jpeg: otherBytes)))
        let prepared = LayoutChecks.run(LayoutInput(image: image, jpeg: bytes, reading: reading,
                                                    preparation: LayoutPreparation(image: image, jpeg: bytes)), concurrently: true)
        #expect(own.findings == foreign.findings)
        #expect(own.findings == prepared.findings)
        #expect(Self.untimed(own.measurements) == Self.untimed(foreign.measurements))
        #expect(Self.untimed(own.measurements) == Self.untimed(prepared.measurements))
    }

    /// Upright, every line's glyphs are found while the MRZ is read, the same as measured afterwards; upside down
    /// the reading's lines run right to left, where nothing was prepared, and are measured afterwards.
    @Test("the glyphs found while the MRZ is read are the reading's lines' glyphs", arguments: [false, true])
    func glyphsFoundWhileReading(upsideDown: Bool) throws {
        let request = SampleRequest(format: .td1, kind: .clean, capture: .scan, encoding: .jpeg, dpi: 300, seed: 77,
                                    referenceDate: Self.today, name: "t")
        let decoded = try ImageDecoder.decode(bytes: try SampleGenerator().generate(request).image).image
        let image = upsideDown ? decoded.rotated180() : decoded
        let options = MRZReaderOptions(referenceDate: Self.today)
        let candidates = MRZReader.locate(image)
        let preparation = LayoutPreparation(image: image, jpeg: nil)
        preparation.measureGlyphs(of: try #require(candidates.first), options: options)
        let reading = try MRZReader.read(candidates, in: image, options: options).get()
        #expect(reading.geometry.lines.count == 3)
        for (index, line) in reading.geometry.lines.enumerated() {
            let frame = try #require(LineFrame(line))
            guard !upsideDown else {
                #expect(frame.u.x < 0)
                #expect(preparation.foundGlyphs(image: image, frame: frame) == nil)
                continue
            }
            let found = try #require(preparation.foundGlyphs(image: image, frame: frame), "line \(index)")
            let prepared = GlyphMeasurement.finish(found, characters: line.characters.map(\.character), index: index)
            let fresh = try #require(GlyphMeasurement.measure(image, line: line, index: index))
            #expect(prepared.glyphs == fresh.glyphs)
            #expect(prepared.shapes == fresh.shapes)
            #expect(prepared.letterHeight == fresh.letterHeight && prepared.inkContrast == fresh.inkContrast)
            // Another image (the same pixels in another copy would do too) never gets them.
            var other = image
            other[0, 0] = other[0, 0] &+ 1
            #expect(preparation.foundGlyphs(image: other, frame: frame) == nil)
        }
    }

    /// The work takes long enough that every caller but one finds it running and waits for it (a lost wake-up
    /// would hang them: the time limit fails the test).
    @Test("work shared between a queue's thread and its callers runs once", .timeLimit(.minutes(1)))
    func sharedWorkRunsOnce() {
        let runs = Mutex(0)
        let work = SharedWork<Int> {
            runs.withLock { $0 += 1 }
            usleep(50_000)
            return 42
        }
        let values = SideBySide.map(8, concurrently: true) { _ in work.value() }
        #expect(values == Array(repeating: 42, count: 8))
        #expect(runs.withLock { $0 } == 1)
    }
}

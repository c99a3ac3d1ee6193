import DocumentSamples
import Imaging
import MRZText
import Testing
@testable import MRZReader

/// The reader against pages from the project's own generator, whose truth says what is printed.
@Suite struct GeneratedPageTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    static let options = MRZReaderOptions(referenceDate: today)

    struct Case: Sendable, CustomStringConvertible {
        var format: SampleFormat
        var capture: CaptureMode
        var seed: UInt64
        var description: String { "\(format.rawValue) \(capture.rawValue) #\(seed)" }
    }

    static let cases: [Case] = [
        Case(format: .td3, capture: .flat, seed: 11), Case(format: .td1, capture: .flat, seed: 12),
        Case(format: .td2, capture: .scan, seed: 13), Case(format: .mrvA, capture: .scan, seed: 14),
        Case(format: .td3, capture: .phone, seed: 15), Case(format: .td1, capture: .phone, seed: 16),
    ]

    @Test(arguments: cases)
    func readsWhatIsPrinted(c: Case) throws {
        let request = SampleRequest(format: c.format, kind: c.capture == .phone ? .degraded : .clean, capture: c.capture,
                                    dpi: 300, seed: c.seed, referenceDate: Self.today, name: "t")
        let sample = try SampleGenerator().generate(request)
        let image = try ImageDecoder.decode(bytes: sample.image).image
        let reading = try MRZReader.read(image, options: Self.options).get()
        #expect(reading.document.lines == sample.truth.mrz)
        #expect(reading.document.valid)
        // Geometry: every character centre within a third of a pitch of where the generator put it.
        let truthCentres = sample.truth.geometry.mrzCharacterCentres
        let pitch = sample.truth.geometry.mrzPitch
        for (line, truthLine) in zip(reading.geometry.lines, truthCentres) {
            #expect(line.characters.count == truthLine.count)
            for (ch, t) in zip(line.characters, truthLine) {
                let d = ((ch.center.x - t.x) * (ch.center.x - t.x) + (ch.center.y - t.y) * (ch.center.y - t.y)).squareRoot()
                #expect(d < pitch / 3, "cell at \(ch.center) is \(d) px from \(t)")
            }
        }
    }

    @Test("print under 12 px a character is read from the image doubled, and reported in the image's coordinates",
          arguments: [SampleFormat.td1, .td3])
    func smallPrintIsReadDoubled(format: SampleFormat) throws {
        let request = SampleRequest(format: format, kind: .clean, capture: .flat, dpi: 300, seed: 31,
                                    referenceDate: Self.today, name: "t")
        let sample = try SampleGenerator().generate(request)
        // A quarter of 300 dpi: a pitch of 7.5 px.
        let image = try ImageDecoder.decode(bytes: sample.image).image.downscaled(by: 4)
        let reading = try MRZReader.read(image, options: Self.options).get()
        #expect(reading.document.lines == sample.truth.mrz)
        // The same as reading the doubled image (whose pitch needs no doubling), mapped back.
        let doubled = try MRZReader.read(image.doubled(), options: Self.options).get()
        #expect(doubled.geometry.lines[0].pitch >= Double(Self.options.doublingBelowPitch))
        #expect(reading.document.lines == doubled.document.lines)
        #expect(reading.geometry == doubled.halved().geometry)
        // And where the generator printed it: a block of 4 × 4 pixels has its centre at (p + 0.5) / 4 − 0.5.
        let pitch = sample.truth.geometry.mrzPitch / 4
        #expect(abs(reading.geometry.lines[0].pitch - pitch) < 0.1 * pitch)
        for (line, truthLine) in zip(reading.geometry.lines, sample.truth.geometry.mrzCharacterCentres) {
            #expect(line.characters.count == truthLine.count)
            for (ch, t) in zip(line.characters, truthLine) {
                let dx = ch.center.x - ((t.x + 0.5) / 4 - 0.5), dy = ch.center.y - ((t.y + 0.5) / 4 - 0.5)
                #expect((dx * dx + dy * dy).squareRoot() < pitch / 3, "cell at \(ch.center)")
            }
        }
    }

    @Test("cells moved off their glyphs are placed back on them", arguments: [Float(-0.25), 0.2, 0.3], [0, 1])
    func cellsArePlacedBack(offset: Float, lineIndex: Int) throws {
        let request = SampleRequest(format: .td3, kind: .clean, capture: .flat, dpi: 300, seed: 43,
                                    referenceDate: Self.today, name: "t")
        let sample = try SampleGenerator().generate(request)
        let image = try ImageDecoder.decode(bytes: sample.image).image
        let band = try #require(MRZLocator.locate(image).first)
        let line = LineMetrics.refine(band.lines[lineIndex], direction: band.direction, in: image)
        var off = line
        off.centers = line.centers.map { $0 + band.direction * (offset * line.pitch) }
        let placed = CellPhase.aligned(off, direction: band.direction, in: image)
        for (k, (back, original)) in zip(placed.centers, line.centers).enumerated() {
            let d = back - original
            #expect((d * d).sum().squareRoot() <= 0.1 * line.pitch + 0.01, "cell \(k)")
        }
    }

    @Test("a line whose cells lie a third of a pitch off its glyphs is read with its cells placed back",
          arguments: [false, true])
    func misplacedCellsAreReadPlacedBack(upsideDown: Bool) throws {
        let request = SampleRequest(format: .td3, kind: .clean, capture: .flat, dpi: 300, seed: 41,
                                    referenceDate: Self.today, name: "t")
        let sample = try SampleGenerator().generate(request)
        let decoded = try ImageDecoder.decode(bytes: sample.image).image
        let image = upsideDown ? decoded.rotated180() : decoded
        var band = try #require(MRZLocator.locate(image).first)
        // One line's cells a third of a pitch along it, as a photographed page's perspective can leave them.
        band.lines[0].centers = band.lines[0].centers.map { $0 + band.direction * (band.lines[0].pitch / 3) }
        let refined = band.lines.map { LineMetrics.refine($0, direction: band.direction, in: image) }
        let plain = MRZReader.read(band, lines: refined, in: image, options: Self.options, model: .shipped)
        #expect(plain.document.lines != sample.truth.mrz)
        #expect(plain.meanConfidence < MRZReader.realignBelow)
        let reading = MRZReader.read(band, in: image, options: Self.options, model: .shipped)
        #expect(reading.document.lines == sample.truth.mrz)
        #expect(reading.geometry.upsideDown == upsideDown)
    }

    @Test func upsideDownPageReadsTheSame() throws {
        let request = SampleRequest(format: .td3, kind: .clean, capture: .flat, dpi: 300, seed: 21,
                                    referenceDate: Self.today, name: "t")
        let sample = try SampleGenerator().generate(request)
        let image = try ImageDecoder.decode(bytes: sample.image).image
        let turned = image.rotated180()
        let reading = try MRZReader.read(turned, options: Self.options).get()
        #expect(reading.document.lines == sample.truth.mrz)
        #expect(reading.geometry.upsideDown)
        let quarter = try MRZReader.read(image.rotated90(), options: Self.options).get()
        #expect(quarter.document.lines == sample.truth.mrz)
    }
}

import DocumentSamples
import Imaging
import MRZText
import Testing
@testable import Screening
@testable import VIZReader

/// The staged read: which lines are read, and that a value agreeing with the MRZ is taken without its caption.
@Suite("Staged VIZ reading", .serialized)
struct StagedReadingTests {
    static func segment(a0: Double, a1: Double, b0: Double, glyph: Double, components: Int) -> TextSegment {
        TextSegment(a0: a0, a1: a1, b0: b0, b1: b0 + glyph, glyphHeight: glyph, components: components, darkness: 80)
    }

    @Test("possible captions: printed smaller than the line right under them and no longer than a caption")
    func captionPairs() {
        let segments = [
            Self.segment(a0: 2, a1: 40, b0: -20, glyph: 0.9, components: 52),   // 0: a page header over a title
            Self.segment(a0: 12, a1: 26, b0: -18.6, glyph: 1.3, components: 8),  // 1: the title, larger
            Self.segment(a0: 14, a1: 22, b0: -15, glyph: 0.6, components: 12),   // 2: a caption
            Self.segment(a0: 14, a1: 20, b0: -14.2, glyph: 0.9, components: 6),  // 3: its value
            Self.segment(a0: 30, a1: 34, b0: -15, glyph: 0.9, components: 4),    // 4: a line alone
            Self.segment(a0: 14, a1: 22, b0: -12, glyph: 0.9, components: 9),    // 5: a caption as large as its value
            Self.segment(a0: 14, a1: 20, b0: -11, glyph: 0.9, components: 6),    // 6: that value
        ]
        let pairs = VIZReader.captionPairs(segments, maximumComponents: 40)
        #expect(pairs.map(\.run) == [[2]])
        #expect(pairs.map(\.value) == [3])
        // With a long enough caption allowed, the header is one too (it is printed smaller than the title).
        #expect(VIZReader.captionPairs(segments, maximumComponents: 60).map(\.run).contains([0]))
    }

    @Test("a genuine page: values that agree with the MRZ are taken without reading their captions")
    func agreementSkipsCaptions() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let sample = try SampleGenerator().generate(SampleRequest(format: .td3, kind: .clean, capture: .scan, seed: 21,
                                                                  referenceDate: today, name: "staged"))
        let result = ScreeningPipeline.scan(bytes: sample.image, label: "staged", options: ScanOptions(referenceDate: today))
        let reading = try #require(result.viz?.reading)
        let agreed = reading.fields.filter { $0.value.source == .agreement }.map(\.key)
        #expect(agreed.count >= 5, "\(reading.fields.mapValues { "\($0.value) \($0.source)" })")
        #expect(!result.findings.contains { $0.code == "viz.mismatch" })
        for line in reading.lines {
            if case .caption(let field?) = line.role { #expect(!agreed.contains(field), "caption of \(field) read: \(line.text)") }
        }
        let outcomes = Dictionary(uniqueKeysWithValues: (result.viz?.comparisons ?? []).map { ($0.field, $0.outcome) })
        for field in agreed { #expect(outcomes[field] == .agrees) }
    }

    @Test("a caption is read over a value that could be a field's: a listed code may be a nationality, a document type may not",
          arguments: [("P", false), ("VNM", true), ("D", true), ("Nam / M", true), ("12 04 1986", true), ("Type", false)])
    func captionWanted(_ text: String, _ wanted: Bool) {
        #expect(VIZFieldName.allCases.contains { VIZReader.couldBe($0, text) } == wanted)
    }

    @Test("a genuine page whose every field agrees reads no caption, not even over its document type")
    func noCaptionWhenEveryFieldAgrees() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        // Page 0 of the pipeline benchmark's set: a `P` under `Type`, every field agreeing with the MRZ.
        var request = SampleGenerator.batch(count: 1, seed: 0xD0C5, formats: [.td3], kinds: [.clean], dpi: 300, referenceDate: today)[0]
        request.capture = .scan
        request.encoding = .jpeg
        let sample = try SampleGenerator().generate(request)
        let result = ScreeningPipeline.scan(bytes: sample.image, label: "staged", options: ScanOptions(referenceDate: today))
        let reading = try #require(result.viz?.reading)
        #expect(reading.fields.count == 7 && reading.fields.values.allSatisfy { $0.source == .agreement })
        #expect(reading.lines.contains { $0.text == "P" })
        #expect(!reading.lines.contains { if case .caption = $0.role { true } else { false } },
                "\(reading.lines.map { "\($0.text) \($0.role)" })")
    }

    @Test("without the MRZ the captions name every field, as before stages")
    func captionsWithoutMRZ() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let sample = try SampleGenerator().generate(SampleRequest(format: .td3, kind: .clean, capture: .scan, seed: 21,
                                                                  referenceDate: today, name: "staged"))
        let result = ScreeningPipeline.scan(bytes: sample.image, label: "staged", options: ScanOptions(referenceDate: today, keepsImage: true))
        let image = try #require(result.image)
        let mrz = try #require(result.mrz)
        let plain = try VIZReader.read(image, geometry: mrz.geometry).get()
        let staged = try #require(result.viz?.reading)
        #expect(plain.fields.values.allSatisfy { $0.source != .agreement })
        for (name, field) in staged.fields where field.source == .agreement {
            let other = try #require(plain.fields[name], "\(name) not found by its caption")
            #expect(VIZValueParser.compact(other.value) == VIZValueParser.compact(field.value) || name == .givenNames || name == .surname,
                    "\(name): \(other.value) / \(field.value)")
        }
    }

    /// The centre of `quad`'s bounds.
    static func centre(_ quad: ImageQuad) -> (x: Double, y: Double) {
        let b = quad.bounds
        return ((b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)
    }

    @Test("a nationality printed twice (the issuing State's code too) is the line below the name, where the page prints it")
    func nationalityByLayout() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        var checked = 0
        for seed in UInt64(30)..<UInt64(42) {
            let sample = try SampleGenerator().generate(SampleRequest(format: .td3, kind: .clean, capture: .flat, seed: seed,
                                                                      referenceDate: today, name: "twice"))
            guard sample.truth.viz.nationality == sample.truth.viz.issuingState,
                  let printed = sample.truth.geometry.vizFields["nationality"] else { continue }
            let result = ScreeningPipeline.scan(bytes: sample.image, label: "twice", options: ScanOptions(referenceDate: today))
            let reading = try #require(result.viz?.reading)
            guard let nationality = reading.fields[.nationality], nationality.source == .agreement else { continue }
            checked += 1
            // The field's box is the printed nationality's, not the issuing State's code above the name.
            let found = Self.centre(nationality.box), truth = Self.centre(printed)
            #expect(abs(found.y - truth.y) < sample.truth.geometry.mrzCharacterHeight, "seed \(seed): \(found) against \(truth)")
            if let surname = reading.fields[.surname] { #expect(found.y > Self.centre(surname.box).y, "seed \(seed)") }
            // Told apart without a caption: the generator's `Code` caption over the issuing State's code is not read.
            let captions = reading.lines.filter { if case .caption = $0.role { true } else { false } }.map(\.text)
            #expect(!captions.contains { $0.uppercased().hasPrefix("CODE") }, "seed \(seed): \(captions)")
        }
        #expect(checked >= 3, "pages whose nationality agreed and was printed twice: \(checked)")
    }

    static func line(_ segment: TextSegment, _ text: String) -> VIZReader.ReadLine {
        VIZReader.ReadLine(segment: segment, text: text, characterConfidences: Array(repeating: 0.99, count: text.count), confidence: 0.99,
                           a0: segment.a0, a1: segment.a1, b0: segment.b0, b1: segment.b1)
    }

    @Test("a value under a caption naming a field not compared (Valid from) is never placed as a birth or expiry date")
    func namedNonFieldIsNotPlaced() {
        let lines = [
            Self.line(Self.segment(a0: 2, a1: 10, b0: -10, glyph: 0.5, components: 13), "Date of birth"),
            Self.line(Self.segment(a0: 2, a1: 8, b0: -9.3, glyph: 0.9, components: 10), "05/06/1988"),
            Self.line(Self.segment(a0: 2, a1: 10, b0: -7, glyph: 0.5, components: 10), "Valid from"),
            Self.line(Self.segment(a0: 2, a1: 8, b0: -6.3, glyph: 0.9, components: 10), "20/11/2026"),
            // A caption not legible over a date: that date may be placed by order.
            Self.line(Self.segment(a0: 14, a1: 20, b0: -7, glyph: 0.5, components: 6), "Zzqxw"),
            Self.line(Self.segment(a0: 14, a1: 20, b0: -6.3, glyph: 0.9, components: 10), "01/01/2000"),
        ]
        let (fields, roles) = VIZReader.assign(lines)
        #expect(fields[.birthDate]?.value == "05/06/1988")
        #expect(roles[3] != .value(.expiryDate))
        #expect(fields[.expiryDate] == nil, "\(fields[.expiryDate]?.value ?? "")")
    }

    /// Dates under captions that could not be read (`Zzqxw`), one column each.
    static func uncaptionedDates(_ dates: [String]) -> [VIZReader.ReadLine] {
        dates.enumerated().flatMap { k, date in
            let a0 = Double(2 + 12 * k)
            return [Self.line(Self.segment(a0: a0, a1: a0 + 6, b0: -7, glyph: 0.5, components: 6), "Zzqxw"),
                    Self.line(Self.segment(a0: a0, a1: a0 + 8, b0: -6.3, glyph: 0.9, components: 10), date)]
        }
    }

    @Test("of three dates without captions, the earliest is the birth date and the latest the expiry")
    func threeDatesArePlacedByOrder() {
        let (fields, _) = VIZReader.assign(Self.uncaptionedDates(["19/01/2022", "24/09/1967", "18/01/2032"]))
        #expect(fields[.birthDate]?.value == "24/09/1967")
        #expect(fields[.birthDate]?.source == .layout)
        #expect(fields[.expiryDate]?.value == "18/01/2032")
    }

    @Test("two dates without captions are not placed: either may be the date of issue", arguments: [
        // The birth date not read: the earliest is the date of issue.
        ["30/12/2025", "29/12/2030"],
        // The expiry not read: the latest is the date of issue.
        ["24/09/1967", "19/01/2022"],
    ])
    func twoDatesAreNotPlaced(dates: [String]) {
        let (fields, _) = VIZReader.assign(Self.uncaptionedDates(dates))
        #expect(fields[.birthDate] == nil, "\(fields[.birthDate]?.value ?? "")")
        #expect(fields[.expiryDate] == nil, "\(fields[.expiryDate]?.value ?? "")")
    }

    @Test("a date that agreed with the MRZ counts: with one other date it is not placed, with two the latest is the expiry")
    func agreedDateCounts() {
        // The birth date agreed; the expiry's print not read: the other date is the date of issue.
        let two = Self.uncaptionedDates(["24/09/1967", "19/01/2022"])
        #expect(VIZReader.assign(two, agreed: [.birthDate: 1]).0[.expiryDate] == nil)
        let three = Self.uncaptionedDates(["24/09/1967", "19/01/2022", "18/01/2032"])
        let (fields, _) = VIZReader.assign(three, agreed: [.birthDate: 1])
        #expect(fields[.birthDate]?.source == .agreement)
        #expect(fields[.expiryDate]?.value == "18/01/2032")
        #expect(fields[.expiryDate]?.source == .layout)
    }

    @Test("a TD1 card's small captions are found at the card search scale: without the MRZ they name its fields")
    func cardCaptions() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        var named = 0, namedCoarse = 0
        for seed in UInt64(50)..<UInt64(54) {
            let sample = try SampleGenerator().generate(SampleRequest(format: .td1, kind: .clean, capture: .scan, seed: seed,
                                                                      referenceDate: today, name: "card"))
            let result = ScreeningPipeline.scan(bytes: sample.image, label: "card", options: ScanOptions(referenceDate: today, keepsImage: true))
            let image = try #require(result.image)
            let mrz = try #require(result.mrz)
            let fine = try VIZReader.read(image, geometry: mrz.geometry).get()
            let coarse = try VIZReader.read(image, geometry: mrz.geometry, options: VIZReaderOptions(cardSearchScale: 18)).get()
            named += fine.fields.values.filter { $0.source == .caption }.count
            namedCoarse += coarse.fields.values.filter { $0.source == .caption }.count
        }
        // Measured when the card scale was introduced: 7 fields named on these 4 cards, 1 at the passport scale.
        #expect(named >= 6, "fields named by their captions on 4 cards: \(named) (at the passport scale: \(namedCoarse))")
        #expect(named > namedCoarse)
    }
}

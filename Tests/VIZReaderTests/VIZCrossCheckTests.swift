import Imaging
import MRZText
import Testing
@testable import VIZReader

@Suite("Cross-check against the MRZ")
struct VIZCrossCheckTests {
    struct NameCase: Sendable, CustomStringConvertible {
        var printed: String
        var mrz: String
        var truncated: Bool
        var edits: Int
        var description: String { "\(printed) ~ \(mrz)" }
    }

    static let names: [NameCase] = [
        NameCase(printed: "Nguyễn Văn Đức", mrz: "NGUYEN<VAN<DUC", truncated: false, edits: 0),
        NameCase(printed: "NGUYỄN VĂN ĐỨC", mrz: "NGUYEN<VAN<DUC", truncated: false, edits: 0),
        // Every Vietnamese tone mark on every vowel, and Đ: all fall to the base letter.
        NameCase(printed: "ÁÀẢÃẠ ĂẮẰẲẴẶ ÂẤẦẨẪẬ", mrz: "AAAAA<AAAAAA<AAAAAA", truncated: false, edits: 0),
        NameCase(printed: "ÉÈẺẼẸ ÊẾỀỂỄỆ ÍÌỈĨỊ", mrz: "EEEEE<EEEEEE<IIIII", truncated: false, edits: 0),
        NameCase(printed: "ÓÒỎÕỌ ÔỐỒỔỖỘ ƠỚỜỞỠỢ", mrz: "OOOOO<OOOOOO<OOOOOO", truncated: false, edits: 0),
        NameCase(printed: "ÚÙỦŨỤ ƯỨỪỬỮỰ ÝỲỶỸỴ Đ", mrz: "UUUUU<UUUUUU<YYYYY<D", truncated: false, edits: 0),
        NameCase(printed: "MÜLLER", mrz: "MUELLER", truncated: false, edits: 0),
        NameCase(printed: "MÜLLER", mrz: "MULLER", truncated: false, edits: 0),      // another State's transliteration
        NameCase(printed: "JI-WOO", mrz: "JI<WOO", truncated: false, edits: 0),
        NameCase(printed: "O'BRIEN", mrz: "OBRIEN", truncated: false, edits: 0),
        // Truncation in the MRZ: the printed name is cut to the MRZ's length.
        NameCase(printed: "MARIA ALEXANDRA", mrz: "MARIA<ALEX", truncated: true, edits: 0),
        NameCase(printed: "MARIA ALEXANDRA", mrz: "MARIA<ALEX", truncated: false, edits: 5),
        NameCase(printed: "TRẦN", mrz: "NGUYEN", truncated: false, edits: 5),
    ]

    @Test("names through the ICAO Part 3 transliteration, truncation allowed", arguments: names)
    func name(_ c: NameCase) {
        #expect(VIZCrossCheck.nameDistance(c.printed, c.mrz, truncated: c.truncated).edits == c.edits)
    }

    struct CodeCase: Sendable, CustomStringConvertible {
        var printed: String
        var confidence: Float
        var mrz: String
        var cost: Int
        var description: String { "\(printed)@\(confidence) ~ \(mrz)" }
    }

    static let codes: [CodeCase] = [
        CodeCase(printed: "C5230165", confidence: 0.99, mrz: "C5230165", cost: 0),
        CodeCase(printed: "PMO2YWPK6", confidence: 0.99, mrz: "PM02YWPK6", cost: 0),   // O/0 look alike in sans print
        CodeCase(printed: "C5Z30165", confidence: 0.80, mrz: "C5230165", cost: 0),     // 2/Z, read unsure
        CodeCase(printed: "C5Z30165", confidence: 0.995, mrz: "C5230165", cost: 1),    // 2/Z, read sure: a difference
        CodeCase(printed: "C5230165", confidence: 0.99, mrz: "C5230166", cost: 1),     // altered digit
        CodeCase(printed: "C5230165", confidence: 0.50, mrz: "C5230166", cost: 0),     // unsure: never a difference
        CodeCase(printed: "7CX7WFMB8R", confidence: 0.98, mrz: "7CX7WFM8R", cost: 0),  // one 8 read as B8
        CodeCase(printed: "X4WAT31", confidence: 0.99, mrz: "U5X4WAT31", cost: 2),
    ]

    @Test("document numbers exactly, look-alikes only where the reading is unsure", arguments: codes)
    func code(_ c: CodeCase) {
        let confidences = [Float](repeating: c.confidence, count: c.printed.count)
        #expect(VIZCrossCheck.codeDistance(Array(c.printed), confidences, Array(c.mrz)).cost == c.cost)
    }

    /// The fields of a composed TD3 MRZ for NGUYEN, VAN DUC (or `givenNames`), born 1986-04-02.
    static func fields(givenNames: String = "VAN<DUC") throws -> MRZFields {
        let content = MRZContent(format: .td3, documentCode: "P", issuingState: "VNM", surname: "NGUYEN", givenNames: givenNames,
                                 documentNumber: "C5230165", nationality: "VNM", birthDate: "860402", sex: "F", expiryDate: "310101",
                                 optionalData: "", optionalData2: "")
        let lines = try MRZComposer.lines(for: content)
        let document = MRZParser.parse(lines: lines, options: MRZParseOptions(referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!))
        return try #require(document.fields)
    }

    static func reading(_ name: VIZFieldName, _ value: String, confidence: Float, source: VIZFieldSource = .caption) -> VIZReading {
        let box = ImageQuad(corners: [ImagePoint(x: 1, y: 2), ImagePoint(x: 30, y: 2), ImagePoint(x: 30, y: 9), ImagePoint(x: 1, y: 9)])
        let field = VIZFieldReading(name: name, value: value, confidence: confidence,
                                    characterConfidences: [Float](repeating: confidence, count: value.count), box: box, source: source)
        return VIZReading(fields: [name: field], lines: [], milliseconds: 0)
    }

    @Test("a confident disagreement is an alert with both values, the confidence and the box")
    func mismatchFinding() throws {
        let comparisons = VIZCrossCheck.compare(Self.reading(.birthDate, "03 APR 1986", confidence: 0.97), with: try Self.fields())
        let birth = try #require(comparisons.first { $0.field == .birthDate })
        #expect(birth.outcome == .mismatch)
        let finding = try #require(VIZCrossCheck.findings(comparisons).first { $0.code == "viz.mismatch" })
        #expect(finding.severity == .alert)
        #expect(finding.field == "birthDate")
        #expect(finding.evidence?.measured == "03 APR 1986")
        #expect(finding.evidence?.expected == "860402")
        #expect(finding.evidence?.location == "1.0,2.0 30.0,2.0 30.0,9.0 1.0,9.0")
        #expect(finding.message.contains("97%"))
        #expect(!finding.message.contains("1986"))
    }

    @Test("an unsure, implausible or missing reading is only viz.unreadable (info)", arguments: [
        (VIZFieldName.birthDate, "03 APR 1986", Float(0.6)), (.documentNumber, "C5230166", 0.5), (.sex, "M", 0.4),
        (.surname, "ee eee", 0.99), (.documentNumber, "£3230165.", 0.99),
    ] as [(VIZFieldName, String, Float)])
    func unsure(_ name: VIZFieldName, _ value: String, _ confidence: Float) throws {
        let comparisons = VIZCrossCheck.compare(Self.reading(name, value, confidence: confidence), with: try Self.fields())
        let findings = VIZCrossCheck.findings(comparisons)
        #expect(!findings.contains { $0.code == "viz.mismatch" })
        #expect(findings.allSatisfy { $0.severity == .info })
        #expect(comparisons.first { $0.field == name }?.outcome == .unreadable)
    }

    @Test("fields other than dates found by place alone never raise an alert", arguments: [
        (VIZFieldName.surname, "TRẦN"), (.documentNumber, "C5230166"), (.sex, "M"), (.nationality, "FRA"),
    ] as [(VIZFieldName, String)])
    func placed(_ name: VIZFieldName, _ value: String) throws {
        let comparisons = VIZCrossCheck.compare(Self.reading(name, value, confidence: 0.99, source: .layout), with: try Self.fields())
        #expect(comparisons.first { $0.field == name }?.outcome == .unreadable)
    }

    @Test("a confident value that is another field's MRZ value is misplaced, not altered", arguments: [
        // The nationality's line taken for the surname under a caption read as `Họ`.
        (VIZFieldName.surname, "VNM"),
        // The surname under the given names' caption.
        (.givenNames, "NGUYỄN"),
        // The expiry taken for the birth date.
        (.birthDate, "01 JAN 2031"),
    ] as [(VIZFieldName, String)])
    func misplaced(_ name: VIZFieldName, _ value: String) throws {
        let comparisons = VIZCrossCheck.compare(Self.reading(name, value, confidence: 0.99), with: try Self.fields())
        let comparison = try #require(comparisons.first { $0.field == name })
        #expect(comparison.outcome == .unreadable)
        #expect(comparison.detail.contains("misplaced"))
    }

    @Test("a confident value unlike every MRZ field is still a mismatch", arguments: [
        (VIZFieldName.surname, "TRẦN"), (.birthDate, "02 APR 1987"), (.documentNumber, "C5230166"), (.nationality, "FRA"),
    ] as [(VIZFieldName, String)])
    func notMisplaced(_ name: VIZFieldName, _ value: String) throws {
        let comparisons = VIZCrossCheck.compare(Self.reading(name, value, confidence: 0.99), with: try Self.fields())
        #expect(comparisons.first { $0.field == name }?.outcome == .mismatch)
    }

    @Test("surname and given names each printed as the other's MRZ value were swapped in the MRZ: both mismatches")
    func swappedNames() throws {
        let surname = Self.reading(.surname, "VĂN ĐỨC", confidence: 0.99).fields[.surname]!
        let given = Self.reading(.givenNames, "NGUYỄN", confidence: 0.99).fields[.givenNames]!
        let reading = VIZReading(fields: [.surname: surname, .givenNames: given], lines: [], milliseconds: 0)
        let comparisons = VIZCrossCheck.compare(reading, with: try Self.fields())
        #expect(comparisons.first { $0.field == .surname }?.outcome == .mismatch)
        #expect(comparisons.first { $0.field == .givenNames }?.outcome == .mismatch)
    }

    @Test("the sex takes no part: a printed `Nam` (Vietnamese for male) is judged as a sex, whatever the names")
    func sexIsNotMisplaced() throws {
        // The MRZ says F; the holder's given name is NAM.
        let comparisons = VIZCrossCheck.compare(Self.reading(.sex, "Nam", confidence: 0.99), with: try Self.fields(givenNames: "NAM"))
        #expect(comparisons.first { $0.field == .sex }?.outcome == .mismatch)
    }
}

import Testing
@testable import MRZText

@Suite struct CorrectionTests {
    static let td3 = ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                      "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]

    @Test func correctionIsOffByDefault() {
        let d = parse(ValidationTests.replacing(Self.td3, at: 44 + 13, with: "O"))
        #expect(!d.valid)
        #expect(d.corrections.isEmpty)
    }

    @Test(arguments: [
        // (offset, misread, repaired): letters in date and check-digit positions of the specimen.
        (44 + 15, Character("O"), true),   // birth date 740812: '0' read as 'O'
        (44 + 15, "D", true),              // ... or as 'D'
        (44 + 17, "I", true),              // '1' read as 'I'
        (44 + 19, "Z", true),              // birth check digit '2' read as 'Z'
        (44 + 22, "Z", true),              // expiry 120415: '2' read as 'Z'
        (44 + 43, "D", true),              // composite '0' read as 'D'
        (44 + 13, "O", false),             // '7' read as 'O': O is no look-alike of 7
        (44 + 14, "A", false),             // '4' read as 'A': no look-alike at all
        (44 + 27, "G", false),             // expiry check '9' read as 'G': G stands for 6, which fails
    ])
    func lettersInDigitPositionsBecomeDigits(offset: Int, misread: Character, repaired: Bool) {
        let lines = ValidationTests.replacing(Self.td3, at: offset, with: misread)
        let d = parse(lines, correction: .lookAlikes)
        if repaired {
            #expect(d.lines == Self.td3)
            #expect(d.valid)
            #expect(d.corrections.count == 1)
            #expect(d.corrections.first?.from == misread)
            #expect(codes(d).contains("mrz.corrected"))
        } else {
            #expect(!d.valid, "'\(misread)' must not be repaired into a passing document")
            #expect(d.lines != Self.td3)
        }
    }

    @Test func digitsInNamesAndCodesBecomeLetters() {
        var lines = ValidationTests.replacing(Self.td3, at: 5, with: "3")  // E → 3 has no look-alike: stays
        lines = ValidationTests.replacing(lines, at: 9, with: "5")         // S → 5
        lines = ValidationTests.replacing(lines, at: 3, with: "1")         // T read as 1: a digit in a code becomes I
        lines = ValidationTests.replacing(lines, at: 4, with: "0")         // O → 0
        let d = parse(lines, correction: .lookAlikes)
        #expect(d.lines[0].hasPrefix("P<UIO3RIKSSON"))
        #expect(d.corrections.map(\.field).sorted() == ["issuingState", "issuingState", "name"])
        #expect(d.corrections.allSatisfy { $0.reason == .characterClass })
    }

    @Test func checkDigitChoosesBetweenReadingsOfTheDocumentNumber() {
        // The printed number is L898902C3; read with 0 → O the check fails; the check digit picks O → 0.
        let lines = ValidationTests.replacing(Self.td3, at: 44 + 5, with: "O")
        let d = parse(lines, correction: .lookAlikes)
        #expect(d.fields?.documentNumber == "L898902C3")
        #expect(d.valid)
        #expect(d.corrections.first?.reason == .checkDigit)
    }

    @Test func confidentGlyphsAreNeverRepairedToFitACheckDigit() {
        // A forged check digit: the reader is sure of every glyph, so nothing may change.
        let forged = ValidationTests.replacing(Self.td3, at: 44 + 9, with: "5")
        let sure = Array(repeating: MRZGlyphAlternatives(alternatives: ["8"], isAmbiguous: false), count: 88)
        let d = parse(forged, correction: .glyphs(sure))
        #expect(d.corrections.isEmpty)
        #expect(failedChecks(d).contains(.documentNumber))
    }

    @Test func ambiguousGlyphTakesTheAlternativeTheCheckDigitAccepts() {
        // The reader saw '3' at the end of the birth date but was unsure between 3 and 2.
        let misread = ValidationTests.replacing(Self.td3, at: 44 + 18, with: "3")
        var glyphs = Array(repeating: MRZGlyphAlternatives(alternatives: [], isAmbiguous: false), count: 88)
        glyphs[44 + 18] = MRZGlyphAlternatives(alternatives: ["8", "2"], isAmbiguous: true)
        let d = parse(misread, correction: .glyphs(glyphs))
        #expect(d.lines == Self.td3)
        #expect(d.valid)
        #expect(d.corrections.count == 1)
        #expect(d.corrections.first?.field == "birthDate")
    }

    @Test func severalReadingsThatAllPassAreLeftAlone() {
        // Two ambiguous glyphs with alternatives that both satisfy the check: no unique answer, no change.
        let misread = ValidationTests.replacing(Self.td3, at: 44 + 18, with: "3")
        var glyphs = Array(repeating: MRZGlyphAlternatives(alternatives: [], isAmbiguous: false), count: 88)
        glyphs[44 + 18] = MRZGlyphAlternatives(alternatives: ["2"], isAmbiguous: true)
        glyphs[44 + 17] = MRZGlyphAlternatives(alternatives: ["1"], isAmbiguous: true)  // 1 → 1 - 1 weight 3 ... also fits?
        let d = parse(misread, correction: .glyphs(glyphs))
        // 12 → 13 needs -1 at weight 1 (pos 18); pos 17 has weight 3: 2 → 1 changes the sum by -3, not -1.
        #expect(d.lines == Self.td3)
        #expect(d.corrections.count == 1)
    }

    @Test func theReadersRunnerUpOutvotesALookAlikeThatFitsByChance() {
        // '8' of L898902C3 read as 'B' (runner-up '8'). Two other unsure glyphs have look-alikes the reader did
        // not propose that also satisfy the check alone (the second '8' as 'B', '2' as 'Z'): a check digit is
        // met by chance one time in ten, so the reader's own runner-up is tried first and decides.
        let misread = ValidationTests.replacing(Self.td3, at: 44 + 1, with: "B")
        var glyphs = Array(repeating: MRZGlyphAlternatives(alternatives: [], isAmbiguous: false), count: 88)
        glyphs[44 + 1] = MRZGlyphAlternatives(alternatives: ["8"], isAmbiguous: true)
        glyphs[44 + 3] = MRZGlyphAlternatives(alternatives: ["3"], isAmbiguous: true)
        glyphs[44 + 6] = MRZGlyphAlternatives(alternatives: ["7"], isAmbiguous: true)
        let d = parse(misread, correction: .glyphs(glyphs))
        #expect(d.lines == Self.td3)
        #expect(d.valid)
        #expect(d.corrections.map(\.column) == [1])
        // With look-alikes alone (no reader alternatives) the same misreading has three answers: none is taken.
        let ambiguous = parse(misread, correction: .lookAlikes)
        #expect(ambiguous.fields?.documentNumber != "L898902C3")
    }

    /// The specimen with its nationality (line 2, columns 11-13) read as `code`, and glyphs that mark `ambiguous`
    /// offsets of it unsure with the given runner-ups.
    static func nationality(_ code: String, _ ambiguous: [Int: [Character]], sure: Bool = false) -> (lines: [String], glyphs: [MRZGlyphAlternatives]) {
        var lines = Self.td3
        for (i, c) in code.enumerated() { lines = ValidationTests.replacing(lines, at: 44 + 10 + i, with: c) }
        var glyphs = Array(repeating: MRZGlyphAlternatives(alternatives: [], isAmbiguous: false), count: 88)
        for (i, alternatives) in ambiguous { glyphs[44 + 10 + i] = MRZGlyphAlternatives(alternatives: alternatives, isAmbiguous: !sure) }
        return (lines, glyphs)
    }

    @Test("an unlisted state code takes the reader's runner-up for an unsure glyph when exactly one makes it listed",
          arguments: [
            ("UTQ", [2: ["O"]], false, "UTO"),          // `O` read as `Q`, runner-up `O`: corrected
            ("UTQ", [2: ["O"]], true, "UTQ"),           // the same glyph read confidently: left as printed
            ("CHX", [2: ["E", "N"]], false, "CHX"),     // `CHE` and `CHN` both listed: no unique answer
            ("UTQ", [1: ["A"], 2: ["O"]], false, "UTO"), // `UAQ` is not listed: one answer
            ("XXQ", [2: ["O"]], false, "XXQ"),          // `XXO` is not listed either: nothing fits
          ] as [(String, [Int: [Character]], Bool, String)])
    func stateCodeFromRunnerUp(_ read: String, _ ambiguous: [Int: [Character]], _ sure: Bool, _ expected: String) {
        let (lines, glyphs) = Self.nationality(read, ambiguous, sure: sure)
        let d = parse(lines, correction: .glyphs(glyphs))
        #expect(d.fields?.nationality == expected)
        let corrected = d.corrections.filter { $0.reason == .stateCode }
        #expect(corrected.count == (expected == read ? 0 : 1))
        #expect(corrected.allSatisfy { $0.field == "nationality" && $0.line == 1 })
        #expect(d.findings.contains { $0.code == "mrz.unknown_state" } == !StateCodes.isValid(expected))
        #expect(d.findings.contains { $0.code == "mrz.corrected" && $0.message.contains("only one listed state code fits") } == (expected != read))
    }

    @Test func stateCodesAreNotCorrectedFromLookAlikesAlone() {
        // Text without a reader's confidences: `Q` is a look-alike of `O`, but no glyph is known to be unsure.
        let (lines, _) = Self.nationality("UTQ", [:])
        let d = parse(lines, correction: .lookAlikes)
        #expect(d.fields?.nationality == "UTQ")
        #expect(d.findings.contains { $0.code == "mrz.unknown_state" && $0.field == "nationality" })
    }
}

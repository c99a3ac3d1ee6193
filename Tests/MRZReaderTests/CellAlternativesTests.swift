import MRZText
import Testing
@testable import MRZReader

/// What the reader offers the corrector for a cell: the runner-up, for a letter its likeliest digit, for a digit its
/// likeliest letter.
@Suite struct CellAlternativesTests {
    static let options = MRZReaderOptions(referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)

    static func index(_ c: Character) -> Int { OCRBModel.classes.firstIndex(of: c.asciiValue!)! }

    /// A cell read as `best` (`confidence`), runner-up `second` (`runnerUp`); `digit` and `letter` the likeliest of
    /// each class (the reader sets each to `best` where `best` is of that class), each as likely as the runner-up
    /// where it is the runner-up and `otherClass` otherwise.
    static func cell(_ best: Character, _ second: Character, digit: Character? = nil, letter: Character? = nil,
                     confidence: Float = 0.6, runnerUp: Float = 0.2, otherClass: Float = 0.05) -> MRZReader.Cell {
        func probability(_ c: Character?) -> Float { c == nil ? confidence : c == second ? runnerUp : otherClass }
        return MRZReader.Cell(center: .zero, best: index(best), confidence: confidence, second: index(second), secondConfidence: runnerUp,
                              distance: 0, bestDigit: index(digit ?? best), bestLetter: index(letter ?? best),
                              bestDigitConfidence: probability(digit), bestLetterConfidence: probability(letter))
    }

    @Test("a letter offers its likeliest digit after its runner-up, an unsure digit its likeliest letter; a filler its runner-up only", arguments: [
        (cell("Z", "<", digit: "7"), ["<", "7"]),
        (cell("Q", "O", digit: "9"), ["O", "9"]),
        (cell("Z", "2", digit: "2"), ["2"]),
        (cell("7", "Z", letter: "Z"), ["Z"]),
        (cell("3", "1", letter: "I"), ["1", "I"]),
        (cell("0", "8", letter: "O"), ["8", "O"]),
        (cell("3", "8", letter: "Z", confidence: 0.99, runnerUp: 0.005), ["8"]),
        (cell("<", "K", digit: "1", letter: "K"), ["K"]),
    ] as [(MRZReader.Cell, [Character])])
    func offered(_ cell: MRZReader.Cell, _ expected: [Character]) {
        let offered = MRZReader.alternatives(cell, options: Self.options)
        #expect(offered.alternatives == expected)
        #expect(offered.likelihoods.count == offered.alternatives.count)
    }

    @Test("each alternative's likelihood is its probability over the reading's")
    func likelihoodsAreRelative() {
        let offered = MRZReader.alternatives(Self.cell("1", "T", letter: "T", confidence: 0.5, runnerUp: 0.25), options: Self.options)
        #expect(offered.alternatives == ["T"])
        #expect(offered.likelihoods == [0.5])
        let letter = MRZReader.alternatives(Self.cell("Z", "<", digit: "7", confidence: 0.5, runnerUp: 0.25, otherClass: 0.125),
                                            options: Self.options)
        #expect(letter.alternatives == ["<", "7"])
        #expect(letter.likelihoods == [0.5, 0.25])
    }

    /// A TD1 whose birth date's check digit is `7` (a look-alike `2` would not hold), all check digits computed.
    static func td1() -> [String] {
        let line1Head = "IDUTOL898902C<3"
        var birth = 900_101
        while CheckDigit.compute("\(birth)") != 7 { birth += 1 }
        let expiry = "310429"
        let expiryCheck = CheckDigit.compute(expiry)!
        let optional2 = "<<<<<<<<<<<"
        let line1 = line1Head + String(repeating: "<", count: 15)
        let birthField = "\(birth)7"
        let expiryField = expiry + "\(expiryCheck)"
        let composite = CheckDigit.compute(String(line1.dropFirst(5)) + birthField + expiryField + optional2)!
        let line2 = birthField + "F" + expiryField + "UTO" + optional2 + "\(composite)"
        return [line1, line2, "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"]
    }

    @Test("a check digit read as a letter takes the letter's likeliest digit, which the check digit confirms")
    func classFixTakesTheLikeliestDigit() throws {
        let lines = Self.td1()
        #expect(MRZParser.parse(lines: lines, options: MRZParseOptions(referenceDate: Self.options.referenceDate)).valid)
        // The birth date's check digit (line 2, column 7) read as `Z`, runner-up `<`, likeliest digit `7`.
        var bytes = Array(lines.joined().utf8)
        let offset = 30 + 6
        #expect(bytes[offset] == UInt8(ascii: "7"))
        bytes[offset] = UInt8(ascii: "Z")
        var glyphs = bytes.map { byte in
            MRZGlyphAlternatives(alternatives: [Character(Unicode.Scalar(byte))], isAmbiguous: false)
        }
        glyphs[offset] = MRZReader.alternatives(Self.cell("Z", "<", digit: "7"), options: Self.options)
        let document = MRZParser.parse(bytes: bytes, lineCount: 3,
                                       options: MRZParseOptions(referenceDate: Self.options.referenceDate, correction: .glyphs(glyphs)))
        #expect(document.lines == lines)
        #expect(document.valid)
        // With the runner-up alone, the look-alike `2` is taken and the check fails.
        glyphs[offset] = MRZGlyphAlternatives(alternatives: ["<"], isAmbiguous: true)
        let before = MRZParser.parse(bytes: bytes, lineCount: 3,
                                     options: MRZParseOptions(referenceDate: Self.options.referenceDate, correction: .glyphs(glyphs)))
        #expect(!before.valid)
    }

    @Test("a document code's letter read as a digit (runner-up a digit too) takes the digit's likeliest letter")
    func classFixTakesTheLikeliestLetter() throws {
        let lines = Self.td1()
        var bytes = Array(lines.joined().utf8)
        #expect(bytes[0] == UInt8(ascii: "I"))
        // A blurred `I` read as `3`, runner-up `1`: neither is a letter, and `3` has no look-alike letter.
        bytes[0] = UInt8(ascii: "3")
        var glyphs = bytes.map { byte in
            MRZGlyphAlternatives(alternatives: [Character(Unicode.Scalar(byte))], isAmbiguous: false)
        }
        glyphs[0] = MRZReader.alternatives(Self.cell("3", "1", letter: "I", confidence: 0.4), options: Self.options)
        let options = { MRZParseOptions(referenceDate: Self.options.referenceDate, correction: .glyphs(glyphs)) }
        let document = MRZParser.parse(bytes: bytes, lineCount: 3, options: options())
        #expect(document.lines == lines)
        #expect(!document.findings.contains { $0.code == "mrz.syntax" })
        #expect(document.corrections.map(\.reason) == [.characterClass])
        // Without the letter offered, the document code stays a digit, which is invalid.
        glyphs[0] = MRZGlyphAlternatives(alternatives: ["1"], isAmbiguous: true)
        let before = MRZParser.parse(bytes: bytes, lineCount: 3, options: options())
        #expect(before.lines[0].hasPrefix("3"))
        #expect(before.findings.contains { $0.code == "mrz.syntax" && $0.field == "documentCode" })
    }

    @Test("a digit in a name becomes the reader's letter where it is nearly as likely, else its look-alike letter", arguments: [
        // `1` read (0.73), runner-up `T` (0.14): a blurred `I` (the look-alike), not the runner-up.
        (cell("1", "T", letter: "T", confidence: 0.73, runnerUp: 0.14), Character("I")),
        // `1` read (0.56), runner-up `T` (0.42): the reader finds `T` nearly as likely.
        (cell("1", "T", letter: "T", confidence: 0.56, runnerUp: 0.42), Character("T")),
        // `0` read, runner-up `D`: the reader's choice within the look-alike group `0OQD`.
        (cell("0", "D", letter: "D"), Character("D")),
        // `0` read, runner-up `8`, likeliest letter `C`: outside the group, so the group's first.
        (cell("0", "8", letter: "C"), Character("O")),
        // `4` has no look-alike: the reader's likeliest letter.
        (cell("4", "9", letter: "A"), Character("A")),
    ] as [(MRZReader.Cell, Character)])
    func digitInNameTakesItsLookAlike(_ cell: MRZReader.Cell, _ expected: Character) throws {
        let lines = Self.td1()
        // Line 3, column 3: the `I` of ERIKSSON.
        let offset = 60 + 2
        var bytes = Array(lines.joined().utf8)
        bytes[offset] = OCRBModel.classes[cell.best]
        var glyphs = bytes.map { byte in
            MRZGlyphAlternatives(alternatives: [Character(Unicode.Scalar(byte))], isAmbiguous: false)
        }
        glyphs[offset] = MRZReader.alternatives(cell, options: Self.options)
        let document = MRZParser.parse(bytes: bytes, lineCount: 3,
                                       options: MRZParseOptions(referenceDate: Self.options.referenceDate, correction: .glyphs(glyphs)))
        #expect(Array(document.lines[2])[2] == expected)
        #expect(document.corrections.map(\.reason) == [.characterClass])
    }
}

import MRZText
import Testing
@testable import MRZReader

/// What the reader offers the corrector for a cell: the runner-up, and for a letter its likeliest digit.
@Suite struct CellAlternativesTests {
    static let options = MRZReaderOptions(referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)

    static func index(_ c: Character) -> Int { OCRBModel.classes.firstIndex(of: c.asciiValue!)! }

    static func cell(_ best: Character, _ second: Character, digit: Character, confidence: Float = 0.6) -> MRZReader.Cell {
        MRZReader.Cell(center: .zero, best: index(best), confidence: confidence, second: index(second), secondConfidence: 0.3,
                       distance: 0, bestDigit: index(digit))
    }

    @Test("a letter offers its likeliest digit after its runner-up; a digit or a filler offers its runner-up only", arguments: [
        (cell("Z", "<", digit: "7"), ["<", "7"]),
        (cell("Q", "O", digit: "9"), ["O", "9"]),
        (cell("Z", "2", digit: "2"), ["2"]),
        (cell("7", "Z", digit: "7"), ["Z"]),
        (cell("<", "K", digit: "1"), ["K"]),
    ] as [(MRZReader.Cell, [Character])])
    func offered(_ cell: MRZReader.Cell, _ expected: [Character]) {
        #expect(MRZReader.alternatives(cell, options: Self.options).alternatives == expected)
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
        // With the runner-up alone (as before), the look-alike `2` is taken and the check fails.
        glyphs[offset] = MRZGlyphAlternatives(alternatives: ["<"], isAmbiguous: true)
        let before = MRZParser.parse(bytes: bytes, lineCount: 3,
                                     options: MRZParseOptions(referenceDate: Self.options.referenceDate, correction: .glyphs(glyphs)))
        #expect(!before.valid)
    }
}

import Findings
import Testing
@testable import MRZText

/// Everything a document exposes, in one comparable value.
struct DocumentSnapshot: Equatable, CustomStringConvertible {
    var format: MRZFormat?
    var valid: Bool
    var lines: [String]
    var storage: [UInt8]
    var checks: [MRZCheck]
    var findings: [Finding]
    var corrections: [MRZCorrection]
    var birthDate: CalendarDate?
    var expiryDate: CalendarDate?
    var fields: MRZFields?
    var numberFirst: Range<Int>
    var numberContinuation: Range<Int>?
    var checkTable: MRZCheckTable
    var holds: [Bool]

    init(_ d: MRZDocument) {
        format = d.format
        valid = d.valid
        lines = d.lines
        storage = d.storage
        checks = d.checks
        findings = d.findings
        corrections = d.corrections
        birthDate = d.birthDate
        expiryDate = d.expiryDate
        fields = d.fields
        numberFirst = d.documentNumberRange.first
        numberContinuation = d.documentNumberRange.continuation
        checkTable = d.checkTable
        holds = MRZCheckName.allCases.map { d.checkHolds($0) }
    }

    var description: String { "\(lines) findings \(findings.map(\.code)) checks \(checks.map { "\($0.name):\($0.valid)" })" }
}

/// The fused single-pass parser gives the same documents as the parser it replaced (``ReferenceParser``),
/// on random valid documents of every format and on randomly damaged ones, under every correction mode.
@Suite struct FastPathEquivalenceTests {
    /// Bytes a damaged MRZ may hold: the MRZ set, look-alikes' neighbours, lowercase, space, control and non-ASCII bytes.
    static let damageBytes: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<0123456789abcz :/|".utf8) + [0, 9, 0x7F, 0x80, 0xC3, 0xFF]

    /// A reference date from 1990 to 2060 (leap days included), so that every century rule is exercised.
    static func randomReference(_ rng: inout SplitMix64) -> CalendarDate {
        let year = Int.random(in: 1990...2060, using: &rng)
        let month = Int.random(in: 1...12, using: &rng)
        let day = Int.random(in: 1...CalendarDate.daysIn(month: month, year: year), using: &rng)
        return CalendarDate(year: year, month: month, day: day)!
    }

    /// One random damage: a byte anywhere, a check digit or a date digit, a state, the sex, a date made unreal.
    static func damage(_ bytes: inout [UInt8], _ format: MRZFormat, _ rng: inout SplitMix64) {
        let l = format.layout
        switch Int.random(in: 0..<8, using: &rng) {
        case 0, 1:
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = damageBytes.randomElement(using: &rng)!
        case 2:
            let checks = [l.documentNumberCheck, l.birthDateCheck, l.expiryDateCheck, l.optionalDataCheck, l.compositeCheck].compactMap { $0 }
            bytes[checks.randomElement(using: &rng)!] = Array("0123456789<A".utf8).randomElement(using: &rng)!
        case 3:
            let date = Bool.random(using: &rng) ? l.birthDate : l.expiryDate
            bytes[Int.random(in: date, using: &rng)] = Array("0123456789O<".utf8).randomElement(using: &rng)!
        case 4:
            // A day that does not exist, or one on the edge: 29 February, 31 April, month 00 or 13.
            let date = Bool.random(using: &rng) ? l.birthDate : l.expiryDate
            let mmdd = ["0229", "0230", "0431", "1301", "0001", "0100", "1231", "0228"].randomElement(using: &rng)!
            for (k, b) in mmdd.utf8.enumerated() { bytes[date.lowerBound + 2 + k] = b }
            if Bool.random(using: &rng) {
                let yy = twoDigits(Int.random(in: 0...99, using: &rng))
                for (k, b) in yy.utf8.enumerated() { bytes[date.lowerBound + k] = b }
            }
        case 5:
            let state = Bool.random(using: &rng) ? l.issuingState : l.nationality
            let code = ["UTO", "XYZ", "D<<", "<<<", "GB<", "ZZZ", "U1O", "utO"].randomElement(using: &rng)!
            for (k, b) in code.utf8.enumerated() { bytes[state.lowerBound + k] = b }
        case 6:
            bytes[l.sex] = Array("MFX<A1m ".utf8).randomElement(using: &rng)!
        default:
            // Specimen numbers, document codes.
            if Bool.random(using: &rng) {
                let number = ["L898902C3", "D23145890", "L8988901C", "L898902C<"].randomElement(using: &rng)!
                for (k, b) in number.utf8.enumerated() { bytes[l.documentNumber.lowerBound + k] = b }
            } else {
                let code = ["P<", "PX", "V<", "I<", "AC", "C1", "X<", "p<"].randomElement(using: &rng)!
                for (k, b) in code.utf8.enumerated() { bytes[k] = b }
            }
        }
    }

    /// Compares the two parsers on `bytes`; returns the finding codes, so that a test can see what it covered.
    @discardableResult
    static func compare(_ bytes: [UInt8], _ format: MRZFormat, _ options: MRZParseOptions) -> Set<String> {
        let fast = DocumentSnapshot(MRZParser.parse(bytes: bytes, lineCount: format.lineCount, options: options))
        let reference = DocumentSnapshot(ReferenceParser.parse(bytes: bytes, lineCount: format.lineCount, options: options))
        #expect(fast == reference)
        let n = format.lineLength
        let lines = (0..<format.lineCount).map { String(decoding: bytes[($0 * n)..<(($0 + 1) * n)], as: UTF8.self) }
        if lines.allSatisfy({ $0.utf8.count == n }) {
            #expect(DocumentSnapshot(MRZParser.parse(lines: lines, options: options)) == reference)
        }
        return Set(reference.findings.map(\.code))
    }

    @Test(arguments: MRZFormat.allCases)
    func validDocumentsMatchTheReference(format: MRZFormat) throws {
        var rng = SplitMix64(seed: 0xFA57 &+ UInt64(format.lineLength * format.lineCount))
        for i in 0..<1500 {
            let bytes = Array(try MRZComposer.lines(for: randomContent(format, &rng)).joined().utf8)
            let today = i % 3 == 0 ? reference : Self.randomReference(&rng)
            Self.compare(bytes, format, MRZParseOptions(referenceDate: today))
        }
    }

    @Test(arguments: MRZFormat.allCases)
    func damagedDocumentsMatchTheReference(format: MRZFormat) throws {
        var rng = SplitMix64(seed: 0xDA3A6E &+ UInt64(format.lineLength * format.lineCount))
        var seen: Set<String> = []
        for i in 0..<4000 {
            var bytes = Array(try MRZComposer.lines(for: randomContent(format, &rng)).joined().utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) { Self.damage(&bytes, format, &rng) }
            let today = i % 3 == 0 ? reference : Self.randomReference(&rng)
            seen.formUnion(Self.compare(bytes, format, MRZParseOptions(referenceDate: today)))
        }
        // The damage reaches every finding the validation step can give.
        var every: Set<String> = ["mrz.syntax", "mrz.check_digit", "mrz.invalid_date", "mrz.expired", "mrz.birth_after_expiry",
                                  "mrz.invalid_sex", "mrz.unknown_state", "mrz.specimen"]
        if format.layout.compositeCheck != nil { every.insert("mrz.composite_check_digit") }
        #expect(every.subtracting(seen).isEmpty, "not reached: \(every.subtracting(seen).sorted())")
    }

    @Test(arguments: MRZFormat.allCases)
    func correctedDocumentsMatchTheReference(format: MRZFormat) throws {
        var rng = SplitMix64(seed: 0xC0DE &+ UInt64(format.lineLength * format.lineCount))
        for i in 0..<300 {
            var bytes = Array(try MRZComposer.lines(for: randomContent(format, &rng)).joined().utf8)
            for _ in 0..<Int.random(in: 0...3, using: &rng) { Self.damage(&bytes, format, &rng) }
            let correction: MRZCorrectionMode
            if i % 2 == 0 {
                correction = .lookAlikes
            } else {
                var glyphs: [MRZGlyphAlternatives] = []
                for b in bytes {
                    let others: [Character] = Array("0O1I8B5S").filter { $0.asciiValue != b }
                    let alternatives = Array(others.shuffled(using: &rng).prefix(2))
                    glyphs.append(MRZGlyphAlternatives(alternatives: alternatives, isAmbiguous: Int.random(in: 0..<4, using: &rng) == 0))
                }
                correction = .glyphs(glyphs)
            }
            Self.compare(bytes, format, MRZParseOptions(referenceDate: Self.randomReference(&rng), correction: correction))
        }
    }

    /// Wrong shapes and empty input take the syntax path in both.
    @Test func wrongShapesMatchTheReference() {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<300 {
            let lineCount = Int.random(in: 0...4, using: &rng)
            let count = Int.random(in: 0...140, using: &rng)
            let bytes = (0..<count).map { _ in Self.damageBytes.randomElement(using: &rng)! }
            let fast = DocumentSnapshot(MRZParser.parse(bytes: bytes, lineCount: lineCount, options: options))
            let reference = DocumentSnapshot(ReferenceParser.parse(bytes: bytes, lineCount: lineCount, options: options))
            #expect(fast == reference)
        }
    }
}

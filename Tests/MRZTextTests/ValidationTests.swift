import Testing
@testable import MRZText

@Suite struct ValidationTests {
    /// A valid document per format (composed, then checked against its own expectations).
    static func base(_ format: MRZFormat, number: String = "AB1234567", state: String = "NLD",
                     birth: String = "850315", sex: String = "M", expiry: String = "300101",
                     optional: String = "") throws -> [String] {
        try MRZComposer.lines(for: MRZContent(
            format: format, documentCode: format == .td3 ? "P" : (format == .mrvA || format == .mrvB ? "V" : "ID"),
            issuingState: state, surname: "DE JONG", givenNames: "PIETER JAN", documentNumber: number,
            nationality: state, birthDate: birth, sex: sex, expiryDate: expiry,
            optionalData: optional.isEmpty && format == .td3 ? "123456789" : optional))
    }

    /// Replaces the character at `offset` of the lines laid end to end.
    static func replacing(_ lines: [String], at offset: Int, with c: Character) -> [String] {
        var all = Array(lines.joined())
        all[offset] = c
        let n = lines[0].count
        return (0..<lines.count).map { String(all[($0 * n)..<(($0 + 1) * n)]) }
    }

    /// Recomputes the composite check digit so that a single field check can fail alone.
    static func fixingComposite(_ lines: [String], _ format: MRZFormat) -> [String] {
        guard let c = format.layout.compositeCheck else { return lines }
        let bytes = Array(lines.joined().utf8)
        var covered: [UInt8] = []
        for r in format.layout.compositeRanges { covered.append(contentsOf: bytes[r]) }
        return replacing(lines, at: c, with: Character(String(CheckDigit.compute(covered)!)))
    }

    static let singleChecks: [(MRZFormat, MRZCheckName)] = MRZFormat.allCases.flatMap { f in
        var names: [MRZCheckName] = [.documentNumber, .birthDate, .expiryDate]
        if f == .td3 { names.append(.optionalData) }
        if f.layout.compositeCheck != nil { names.append(.composite) }
        return names.map { (f, $0) }
    }

    @Test(arguments: singleChecks)
    func eachCheckFailsAlone(format: MRZFormat, name: MRZCheckName) throws {
        let good = try Self.base(format)
        #expect(parse(good).valid)
        let layout = format.layout
        let offset: Int
        switch name {
        case .documentNumber: offset = layout.documentNumberCheck
        case .birthDate: offset = layout.birthDateCheck
        case .expiryDate: offset = layout.expiryDateCheck
        case .optionalData: offset = layout.optionalDataCheck!
        case .composite: offset = layout.compositeCheck!
        }
        let original = Array(good.joined())[offset]
        let wrong: Character = original == "1" ? "2" : "1"
        var bad = Self.replacing(good, at: offset, with: wrong)
        if name != .composite { bad = Self.fixingComposite(bad, format) }
        let d = parse(bad)
        #expect(failedChecks(d) == [name])
        #expect(!d.valid)
        let code = name == .composite ? "mrz.composite_check_digit" : "mrz.check_digit"
        let finding = try #require(d.findings.first { $0.code == code })
        #expect(finding.severity == .alert)
        #expect(finding.field == name.rawValue)
        #expect(finding.evidence?.measured == String(wrong))
        #expect(finding.evidence?.expected == String(original))
    }

    @Test(arguments: [MRZFormat.td1, .td2])
    func longDocumentNumbersValidate(format: MRZFormat) throws {
        let lines = try Self.base(format, number: "D23145890734")
        let d = parse(lines)
        #expect(Array(lines.joined())[format.layout.documentNumberCheck] == "<")
        #expect(d.valid)
        #expect(d.fields?.documentNumber == "D23145890734")
        #expect(d.fields?.optionalData == "")
        // A wrong digit in the continuation fails the document-number check.
        let start = format.layout.optionalData.lowerBound
        let broken = Self.fixingComposite(Self.replacing(lines, at: start, with: "8"), format)
        #expect(failedChecks(parse(broken)) == [.documentNumber])
    }

    @Test func td1LongNumberOfDoc9303Part5() {
        // Part 5 example of a number longer than nine characters.
        let d = parse(["I<UTOD23145890<7349<<<<<<<<<<<",
                       "3407127M9507122UTO<<<<<<<<<<<2",
                       "STEVENSON<<PETER<JOHN<<<<<<<<<"])
        #expect(d.fields?.documentNumber == "D23145890734")
        #expect(failedChecks(d).isEmpty)
    }

    @Test(arguments: ["D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE",
                      "XCO", "XDC", "XEC", "XES", "XMP", "XOM", "XPO", "XXA", "XXB", "XXC", "XXX", "EUE", "RKS", "UTO",
                      "DEU", "VNM", "FRA", "USA"])
    func specialAndISOStatesAreKnown(state: String) throws {
        let d = parse(try Self.base(.td3, state: state))
        #expect(!codes(d).contains("mrz.unknown_state"))
        #expect(d.fields?.issuingState == state)
    }

    @Test(arguments: ["ZZZ", "XYZ", "DE", "QQQ", "EUR"])
    func unknownStatesAreFindings(state: String) throws {
        let d = parse(try Self.base(.td2, state: state))
        #expect(d.valid, "an unknown state is a finding, not a check failure")
        let fields = Set(d.findings.filter { $0.code == "mrz.unknown_state" }.compactMap(\.field))
        #expect(fields == ["issuingState", "nationality"])
    }

    @Test(arguments: [("M", true), ("F", true), ("X", true), ("<", true), ("Q", false), ("0", false)])
    func sex(value: String, ok: Bool) throws {
        let d = parse(try Self.base(.td3, sex: value))
        #expect(codes(d).contains("mrz.invalid_sex") == !ok)
        #expect(d.valid)
    }

    @Test(arguments: [
        ("851315", false), ("850230", false), ("010229", false), ("000229", true), ("960229", true),
        ("850431", false), ("850001", false), ("850100", false), ("8503A5", false), ("851231", true),
    ])
    func birthDateExists(birth: String, exists: Bool) throws {
        let d = parse(try Self.base(.td3, birth: birth))
        #expect(codes(d).contains("mrz.invalid_date") == !exists)
        #expect((d.birthDate != nil) == exists)
    }

    @Test(arguments: [
        ("740812", "1974-08-12"), ("000101", "2000-01-01"), ("261122", "2026-11-22"),
        ("261123", "1926-11-23"), ("991231", "1999-12-31"), ("150615", "2015-06-15"),
    ])
    func birthCenturyIsNeverInTheFuture(birth: String, iso: String) throws {
        #expect(parse(try Self.base(.td1, birth: birth)).birthDate?.description == iso)
    }

    @Test(arguments: [("300101", "2030-01-01"), ("761231", "1976-12-31"), ("750101", "2075-01-01"), ("120415", "2012-04-15")])
    func expiryCenturyWindow(expiry: String, iso: String) throws {
        #expect(parse(try Self.base(.td1, expiry: expiry)).expiryDate?.description == iso)
    }

    @Test func expiredIsAFindingNotAFailure() throws {
        let d = parse(try Self.base(.td3, expiry: "261121"))
        #expect(d.valid)
        #expect(codes(d).contains("mrz.expired"))
        #expect(!codes(parse(try Self.base(.td3, expiry: "261122"))).contains("mrz.expired"))
    }

    @Test(arguments: [("280502", "270501", true), ("120101", "051231", true), ("440210", "310917", false),
                      ("400101", "360110", false), ("850315", "300101", false)])
    func birthAfterExpiry(birth: String, expiry: String, flagged: Bool) throws {
        let d = parse(try Self.base(.td2, birth: birth, expiry: expiry))
        #expect(codes(d).contains("mrz.birth_after_expiry") == flagged)
        #expect(d.valid)
    }

    @Test func specimenNumberWithoutUtopiaIsStillASpecimen() throws {
        let d = parse(try Self.base(.td3, number: "L898902C3", state: "NLD"))
        #expect(codes(d).contains("mrz.specimen"))
        #expect(!codes(parse(try Self.base(.td3))).contains("mrz.specimen"))
    }

    @Test func namesSplitIntoPrimaryAndSecondary() {
        let d = parse(["I<GBRVAN<DER<BERG<<INGRID<JOSE<<<<<<",
                       "P8181768<2GBR0707125M2908177<<<<<<<2"])
        #expect(d.fields?.surname == "VAN DER BERG")
        #expect(d.fields?.givenNames == "INGRID JOSE")
        #expect(d.fields?.nameTruncated == false)
    }

    @Test func truncatedNameIsNoticed() throws {
        let lines = try MRZComposer.lines(for: MRZContent(
            format: .td1, documentCode: "ID", issuingState: "VNM", surname: "NGUYEN THI",
            givenNames: "THANH HUONG MINH KHAI", documentNumber: "123456789", nationality: "VNM",
            birthDate: "900101", sex: "F", expiryDate: "300101"))
        let f = try #require(parse(lines).fields)
        #expect(f.nameTruncated)
        #expect(f.surname == "NGUYEN THI")
        #expect(f.givenNames.hasPrefix("THANH HUONG"))
    }

    @Test func documentCodeMustFitTheFormat() throws {
        var lines = try Self.base(.td3)
        lines[0] = "I" + lines[0].dropFirst()
        let d = parse(lines)
        #expect(d.findings.contains { $0.code == "mrz.syntax" && $0.field == "documentCode" })
    }
}

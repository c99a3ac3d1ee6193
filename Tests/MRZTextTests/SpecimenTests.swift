import Testing
@testable import MRZText

/// The specimen documents printed in ICAO Doc 9303 parts 4 (TD3), 5 (TD1), 6 (TD2) and 7 (MRV-A, MRV-B).
@Suite struct SpecimenTests {
    struct Case: Sendable, CustomStringConvertible {
        var format: MRZFormat
        var lines: [String]
        var number: String
        var birth: String
        var expiry: String
        var optional: String
        var description: String { format.rawValue }
    }

    static let cases: [Case] = [
        Case(format: .td3, lines: ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                   "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
             number: "L898902C3", birth: "1974-08-12", expiry: "2012-04-15", optional: "ZE184226B"),
        Case(format: .td1, lines: ["I<UTOD231458907<<<<<<<<<<<<<<<",
                                   "7408122F1204159UTO<<<<<<<<<<<6",
                                   "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
             number: "D23145890", birth: "1974-08-12", expiry: "2012-04-15", optional: ""),
        Case(format: .td2, lines: ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                   "D231458907UTO7408122F1204159<<<<<<<6"],
             number: "D23145890", birth: "1974-08-12", expiry: "2012-04-15", optional: ""),
        Case(format: .mrvA, lines: ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"],
             number: "L8988901C", birth: "1940-09-07", expiry: "1996-12-10", optional: "6ZE184226B"),
        Case(format: .mrvB, lines: ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                    "L8988901C4XXX4009078F9612109<<<<<<<<"],
             number: "L8988901C", birth: "1940-09-07", expiry: "1996-12-10", optional: ""),
    ]

    @Test(arguments: cases)
    func specimenParses(c: Case) throws {
        let d = parse(c.lines)
        #expect(d.format == c.format)
        #expect(d.valid)
        #expect(failedChecks(d).isEmpty)
        let f = try #require(d.fields)
        #expect(f.issuingState == "UTO")
        #expect(f.surname == "ERIKSSON")
        #expect(f.givenNames == "ANNA MARIA")
        #expect(f.documentNumber == c.number)
        #expect(f.birthDate?.description == c.birth)
        #expect(f.expiryDate?.description == c.expiry)
        #expect(f.sex == "F")
        #expect(f.optionalData == c.optional)
        #expect(codes(d).contains("mrz.specimen"))
        #expect(codes(d).contains("mrz.expired"))
        #expect(!codes(d).contains("mrz.unknown_state"))
        #expect(d.lines == c.lines)
    }

    @Test(arguments: cases)
    func composerWritesTheSpecimenAgain(c: Case) throws {
        let f = try #require(parse(c.lines).fields)
        let content = MRZContent(
            format: c.format, documentCode: f.documentCode, issuingState: f.issuingState, surname: f.surname,
            givenNames: f.givenNames, documentNumber: f.documentNumber, nationality: f.nationality,
            birthDate: f.birthDateText, sex: f.sex, expiryDate: f.expiryDateText, optionalData: f.optionalData,
            optionalData2: f.optionalData2 ?? "")
        #expect(try MRZComposer.lines(for: content) == c.lines)
    }
}

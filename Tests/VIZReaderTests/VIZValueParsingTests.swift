import Testing
@testable import VIZReader

@Suite("Printed values")
struct VIZValueParsingTests {
    struct DateCase: Sendable, CustomStringConvertible {
        var text: String
        var expected: String?
        var description: String { text }
    }

    static let dates: [DateCase] = [
        DateCase(text: "02 APR 1986", expected: "1986-04-02"),
        DateCase(text: "02/04/1986", expected: "1986-04-02"),
        DateCase(text: "02 04 1986", expected: "1986-04-02"),
        DateCase(text: "02.04.1986", expected: "1986-04-02"),
        DateCase(text: "02 THG 04 / APR 1986", expected: "1986-04-02"),
        DateCase(text: "02 Thg 04 / APR 1986", expected: "1986-04-02"),
        DateCase(text: "02 AVR/APR 1986", expected: "1986-04-02"),
        DateCase(text: "17 DÉC 2029", expected: "2029-12-17"),
        DateCase(text: "01 AOÛT 1970", expected: "1970-08-01"),
        DateCase(text: "12 ENE 1999", expected: "1999-01-12"),
        DateCase(text: "1986-04-02", expected: "1986-04-02"),
        DateCase(text: "O2 APR 1986", expected: "1986-04-02"),       // look-alike O read for 0
        DateCase(text: "02 AP8 1986", expected: nil),                // not a month
        DateCase(text: "02 THG 05 / APR 1986", expected: nil),       // the two months disagree
        DateCase(text: "31 13 1986", expected: nil),                 // no thirteenth month
        DateCase(text: "02 APR 86", expected: nil),                  // two-digit year: century unknown
        DateCase(text: "NGUYỄN", expected: nil),
        DateCase(text: "", expected: nil),
    ]

    @Test("dates in the forms documents print", arguments: dates)
    func date(_ c: DateCase) {
        #expect(VIZValueParser.date(c.text)?.description == c.expected)
    }

    @Test("sex as printed", arguments: [("M", "M"), ("F", "F"), ("X", "X"), ("Nam / M", "M"), ("Nữ / F", "F"), ("Masculin", "M"),
                                        ("Nam / F", nil), ("Q", nil), ("", nil)] as [(String, String?)])
    func sex(_ text: String, _ expected: String?) {
        #expect(VIZValueParser.sex(text) == expected)
    }

    @Test("a value must look like its field", arguments: [
        (VIZFieldName.surname, "NGUYỄN", true), (.surname, "ee eee", false), (.givenNames, "JI-WOO", true),
        (.documentNumber, "C5230165", true), (.documentNumber, "£3230165.", false), (.nationality, "VNM", true),
        (.nationality, "CÁ,", false), (.birthDate, "05 DEC 1941", true), (.sex, "\"——- -_>x", false),
    ] as [(VIZFieldName, String, Bool)])
    func plausible(_ field: VIZFieldName, _ text: String, _ expected: Bool) {
        #expect(VIZValueParser.plausible(field, text) == expected)
    }

    @Test("captions in several languages, fuzzy", arguments: [
        ("Surname / Họ", VIZFieldName.surname), ("Sumame / Ho", .surname), ("Given names / Tên", .givenNames),
        ("Prénoms", .givenNames), ("Nationality / Quốc tịch", .nationality), ("Date of birth / Ngày sinh", .birthDate),
        ("Date de naissance", .birthDate), ("Sex / Giới tính", .sex), ("Passport No. / Số", .documentNumber),
        ("N° du document", .documentNumber), ("Date of expiry / Có giá trị đến", .expiryDate), ("Valid until", .expiryDate),
        ("Fecha de caducidad", .expiryDate), ("Nome", .givenNames), ("Sexo", .sex),
    ] as [(String, VIZFieldName)])
    func caption(_ text: String, _ field: VIZFieldName) {
        #expect(VIZLabelTable.match(text)?.meaning == .field(field))
    }

    @Test("captions of fields not compared, and text that is no caption",
          arguments: ["Date of issue / Ngày cấp", "Valid from", "Type / Loại", "PASSPORT / HỘ CHIẾU", "NGUYỄN VĂN", "22 NOV 1978",
                      // A word of four letters or fewer is a caption only as printed: `name` (a piece of `Surname`) is
                      // one letter from `Nome` and `Sexa` from `Sexo`, not those captions.
                      "name", "Sexa"])
    func notACompared(_ text: String) {
        if case .field? = VIZLabelTable.match(text)?.meaning { Issue.record("\(text) taken for a compared field's caption") }
    }
}

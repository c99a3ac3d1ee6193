import MRZText

/// A day as a document prints it: year, month and day, possibly impossible (30 February) when a sample
/// is tampered that way, which is why it is not a `CalendarDate`.
public struct PrintedDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Four-digit year.
    public var year: Int
    /// Month, 1...12.
    public var month: Int
    /// Day of the month, 1...31 (possibly beyond the month's length).
    public var day: Int

    /// A date from its parts (not checked).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(_ date: CalendarDate) {
        self.init(year: date.year, month: date.month, day: date.day)
    }

    /// The date if it exists in the calendar.
    public var calendarDate: CalendarDate? { CalendarDate(year: year, month: month, day: day) }

    /// `YYMMDD`, as the MRZ writes it.
    public var mrz: String { two(year % 100) + two(month) + two(day) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(month) + "-" + two(day)
    }

    /// Chronological order.
    public static func < (a: PrintedDate, b: PrintedDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Encoded as `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// Decoded from `YYYY-MM-DD` (the day may be impossible).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The date `days` later (negative: earlier), for real dates.
    func adding(days: Int) -> PrintedDate {
        var (y, m, d) = (year, month, min(day, CalendarDate.daysIn(month: month, year: year)))
        var left = days
        while left > 0 {
            let dim = CalendarDate.daysIn(month: m, year: y)
            if d + left <= dim { d += left; left = 0 } else {
                left -= dim - d + 1
                d = 1
                m += 1
                if m > 12 { m = 1; y += 1 }
            }
        }
        while left < 0 {
            if d + left >= 1 { d += left; left = 0 } else {
                left += d
                m -= 1
                if m < 1 { m = 12; y -= 1 }
                d = CalendarDate.daysIn(month: m, year: y)
            }
        }
        return PrintedDate(year: y, month: m, day: d)
    }

    /// The same day `years` later (29 February becomes 28 February where needed).
    func adding(years: Int) -> PrintedDate {
        let y = year + years
        return PrintedDate(year: y, month: month, day: min(day, CalendarDate.daysIn(month: month, year: y)))
    }

    private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
}

/// How the printed page writes a date.
public enum VIZDateForm: String, Sendable, Hashable, Codable, CaseIterable {
    /// `02 APR 1986`
    case dayMonthNameYear = "dd_mon_yyyy"
    /// `02/04/1986`
    case slashed = "dd/mm/yyyy"
    /// `02 04 1986`
    case spaced = "dd_mm_yyyy"
    /// `02 THG 04 / APR 1986` (Vietnamese month, then English)
    case vietnameseBilingual = "dd_thg_mm/mon_yyyy"

    static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    /// `date` written in this form.
    public func format(_ date: PrintedDate) -> String {
        let dd = date.day < 10 ? "0\(date.day)" : String(date.day)
        let mm = date.month < 10 ? "0\(date.month)" : String(date.month)
        let mon = (1...12).contains(date.month) ? Self.monthNames[date.month - 1] : mm
        let yyyy = String(date.year)
        switch self {
        case .dayMonthNameYear: return "\(dd) \(mon) \(yyyy)"
        case .slashed: return "\(dd)/\(mm)/\(yyyy)"
        case .spaced: return "\(dd) \(mm) \(yyyy)"
        case .vietnameseBilingual: return "\(dd) THG \(mm) / \(mon) \(yyyy)"
        }
    }
}

/// What a document says about its holder and itself: the data both zones are printed from.
///
/// Names keep their national spelling (`Nguyễn`, `Müller`); the MRZ carries their ICAO transliteration
/// (``ICAOTransliteration``, Doc 9303 Part 3 §6).
public struct DocumentFields: Sendable, Hashable, Codable {
    /// `P<`, `ID`, `I<`, `V<` …
    public var documentCode: String
    /// Issuing state or organisation, as the MRZ codes it (`VNM`, `D`).
    public var issuingState: String
    /// Nationality code.
    public var nationality: String
    /// Document number (TD1 numbers may run past 9 characters).
    public var documentNumber: String
    /// Surname as printed on the page (national characters).
    public var surname: String
    /// Given names as printed on the page, space-separated.
    public var givenNames: String
    /// Date of birth.
    public var birthDate: PrintedDate
    /// `M`, `F` or `X`.
    public var sex: String
    /// Date of expiry.
    public var expiryDate: PrintedDate
    /// Date of issue (printed only; not in the MRZ).
    public var issueDate: PrintedDate
    /// Optional data (TD3 personal number, TD1 line 1 optional data …), MRZ characters only.
    public var optionalData: String
    /// TD1 line 2 optional data.
    public var optionalData2: String

    enum CodingKeys: String, CodingKey {
        case documentCode = "document_code", issuingState = "issuing_state", nationality
        case documentNumber = "document_number", surname, givenNames = "given_names", birthDate = "birth_date"
        case sex, expiryDate = "expiry_date", issueDate = "issue_date", optionalData = "optional_data"
        case optionalData2 = "optional_data_2"
    }

    /// The MRZ lines these fields give on a page of `format` (every check digit computed).
    public func mrzLines(format: SampleFormat) throws(SampleError) -> [String] {
        let content = MRZContent(
            format: format.mrzFormat, documentCode: documentCode, issuingState: issuingState,
            surname: ICAOTransliteration.mrzForm(of: surname), givenNames: ICAOTransliteration.mrzForm(of: givenNames),
            documentNumber: documentNumber, nationality: nationality, birthDate: birthDate.mrz, sex: sex,
            expiryDate: expiryDate.mrz, optionalData: optionalData, optionalData2: optionalData2)
        do {
            return try MRZComposer.lines(for: content)
        } catch {
            throw .composition(error)
        }
    }
}

/// The visual inspection zone as printed: each value exactly as it appears on the page.
public struct PrintedFields: Sendable, Hashable, Codable {
    /// Surname, upper case with national characters.
    public var surname: String
    /// Given names, upper case with national characters.
    public var givenNames: String
    /// Nationality code.
    public var nationality: String
    /// Date of birth in the page's date form.
    public var birthDate: String
    /// Sex as printed (`F`, `M`, `X`, or bilingual such as `Nữ / F`).
    public var sex: String
    /// Document number.
    public var documentNumber: String
    /// Date of expiry in the page's date form.
    public var expiryDate: String
    /// Date of issue in the page's date form.
    public var issueDate: String
    /// Issuing state code.
    public var issuingState: String
    /// The date form every date on the page uses.
    public var dateForm: VIZDateForm
    /// The label language after the English (`vi`, `fr`, `es`) or `en` alone.
    public var labelLanguage: String

    enum CodingKeys: String, CodingKey {
        case surname, givenNames = "given_names", nationality, birthDate = "birth_date", sex
        case documentNumber = "document_number", expiryDate = "expiry_date", issueDate = "issue_date"
        case issuingState = "issuing_state", dateForm = "date_form", labelLanguage = "label_language"
    }

    /// The fields a VIZ reader is expected to read, by their truth key.
    public var readable: [String: String] {
        ["surname": surname, "given_names": givenNames, "nationality": nationality, "birth_date": birthDate,
         "sex": sex, "document_number": documentNumber, "expiry_date": expiryDate]
    }
}

/// A birth date as watchlists give it: the full date, the year and month, or the year only.
///
/// Lists often know only the year of birth ("1970"); MRZs may carry unknown parts as fillers. Comparing two
/// partial dates (``MatchScorer``) uses only the parts both sides know.
public struct PartialDate: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The year, 1-9999.
    public let year: Int
    /// The month, 1-12, when known.
    public let month: Int?
    /// The day of the month, when known (only with a month).
    public let day: Int?

    /// A date, or `nil` when the parts do not form a real (possibly partial) date: month 13, 30 February,
    /// 29 February of a common year, a day without a month, a year outside 1-9999.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard (1...9999).contains(year) else { return nil }
        if let month {
            guard (1...12).contains(month) else { return nil }
            if let day {
                guard day >= 1, day <= PartialDate.daysIn(month: month, year: year) else { return nil }
            }
        } else if day != nil {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (ASCII digits only); `nil` for anything else or an impossible date.
    public init?(text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
            }
            return value
        }
        switch bytes.count {
        case 4:
            guard let y = number(0..<4) else { return nil }
            self.init(year: y)
        case 7:
            guard bytes[4] == UInt8(ascii: "-"), let y = number(0..<4), let m = number(5..<7) else { return nil }
            self.init(year: y, month: m)
        case 10:
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            self.init(year: y, month: m, day: d)
        default:
            return nil
        }
    }

    /// Whether day and month are both known.
    public var isComplete: Bool { day != nil }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = pad(year, 4)
        if let month { text += "-" + pad(month, 2) }
        if let day { text += "-" + pad(day, 2) }
        return text
    }

    /// Packed as `year × 512 + month × 32 + day` with unknown parts 0: ordering by the packed value orders by
    /// date, partial dates first within their year or month. 0 stands for "no date".
    var packed: UInt32 { UInt32(year << 9 | (month ?? 0) << 5 | (day ?? 0)) }

    /// The date a packed value holds, `nil` for 0 or an invalid value.
    init?(packed: UInt32) {
        guard packed != 0 else { return nil }
        let m = Int((packed >> 5) & 15), d = Int(packed & 31)
        self.init(year: Int(packed >> 9), month: m == 0 ? nil : m, day: d == 0 ? nil : d)
    }

    /// Days in `month` of `year` (Gregorian).
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Decodes `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; any other string is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = PartialDate(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
        }
        self = date
    }

    /// Encodes as ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Sex as the MRZ writes it.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    /// `M`.
    case male = "M"
    /// `F`.
    case female = "F"
    /// `X` (unspecified).
    case unspecified = "X"

    /// Parses `M`, `F`, `X` (also `<`, as the MRZ writes unspecified), case-insensitive; `male`/`female` as FtM
    /// writes them. `nil` for anything else.
    public init?(text: some StringProtocol) {
        switch text.uppercased() {
        case "M", "MALE": self = .male
        case "F", "FEMALE": self = .female
        case "X", "<", "OTHER", "UNSPECIFIED": self = .unspecified
        default: return nil
        }
    }
}

/// One name a listed person is known by, as the list writes it (any script, diacritics kept).
public struct PersonName: Sendable, Hashable, Codable {
    /// Primary identifier (family name); empty when the list gives the name unsplit.
    public var surname: String
    /// Secondary identifiers (given names); the whole name when the list gives it unsplit.
    public var givenNames: String
    /// Whether surname and given names are known apart. FtM `name` values are whole names ("Ivan Petrov").
    public var isSplit: Bool

    /// A name split into surname and given names.
    public init(surname: String, givenNames: String) {
        self.surname = surname
        self.givenNames = givenNames
        isSplit = true
    }

    /// A whole name whose parts' roles are unknown.
    public init(unsplit fullName: String) {
        surname = ""
        givenNames = fullName
        isSplit = false
    }
}

/// A person on a watchlist: a wanted person, a sanctioned person, a person of interest.
public struct WatchlistPerson: Sendable, Hashable {
    /// The list's identifier for the entry (`W0000001`, an FtM entity id).
    public var id: String
    /// The primary name first, then aliases. Never empty.
    public var names: [PersonName]
    /// Date of birth, possibly partial.
    public var birthDate: PartialDate?
    /// Nationalities as MRZ codes (`NLD`, `D`, `VNM`); may be empty.
    public var nationalities: [String]
    /// Sex when the list gives it.
    public var sex: Sex?
    /// Which list the entry comes from (`wanted`, `sanctions`, a dataset name).
    public var list: String

    /// An entry; `names` must hold at least the primary name.
    public init(id: String, names: [PersonName], birthDate: PartialDate?, nationalities: [String], sex: Sex?, list: String) {
        self.id = id
        self.names = names
        self.birthDate = birthDate
        self.nationalities = nationalities
        self.sex = sex
        self.list = list
    }
}

/// A travel document reported lost or stolen.
public struct LostDocument: Sendable, Hashable {
    /// Issuing State or organisation, an MRZ code (`NLD`, `D`, `UNO`).
    public var issuingState: String
    /// Document number as listed, upper-case, fillers and spaces removed.
    public var documentNumber: String
    /// Document type as listed (`P`, `ID`, `PASSPORT`, ...).
    public var documentType: String
    /// When it was reported, when known.
    public var reported: PartialDate?

    /// A reported document.
    public init(issuingState: String, documentNumber: String, documentType: String, reported: PartialDate?) {
        self.issuingState = issuingState
        self.documentNumber = documentNumber
        self.documentType = documentType
        self.reported = reported
    }
}

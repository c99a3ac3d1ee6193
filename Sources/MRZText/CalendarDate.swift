/// A calendar day (proleptic Gregorian), independent of time zones and clocks.
///
/// The reference date ("today") is always passed in by the caller; nothing in this module reads the clock.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Packed as `year × 512 + month × 32 + day`: comparison is one integer compare, the value 4 bytes.
    @usableFromInline let packed: Int32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int((packed >> 5) & 15) }
    public var day: Int { Int(packed & 31) }

    /// A date, or `nil` when the day does not exist (month 13, 30 February, 29 February of a common year)
    /// or the year lies outside 1-9999.
    @inlinable @inline(__always)
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        packed = Int32(year << 9 | month << 5 | day)
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    @inlinable
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days in `month` (1-12) of `year`.
    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The same day `years` later (29 February falls back to 28 February in a common year).
    public func adding(years: Int) -> CalendarDate {
        let y = min(max(year + years, 1), 9999)
        if let same = CalendarDate(year: y, month: month, day: day) { return same }
        return CalendarDate(year: y, month: month, day: CalendarDate.daysIn(month: month, year: y)) ?? self
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.packed < b.packed }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected YYYY-MM-DD, found \(text)")
        }
        self = date
    }
}

/// Proleptic Gregorian dates as day numbers (days since 1970-01-01), for the periods of the charts over time.
///
/// Pure arithmetic (H. Hinnant's `days_from_civil`), no calendar or clock: the same on every machine.
enum CivilDay {
    /// The day number of `YYYY-MM-DD`, or `nil` when the text is not a real day.
    static func number(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysIn(year: y, month: m) else { return nil }
        return number(year: y, month: m, day: d)
    }

    /// The day number of a valid date.
    static func number(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number.
    static func date(_ n: Int) -> (year: Int, month: Int, day: Int) {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD` of a day number.
    static func text(_ n: Int) -> String {
        let d = date(n)
        return pad(d.year, 4) + "-" + pad(d.month, 2) + "-" + pad(d.day, 2)
    }

    /// `YYYY-MM` of a month.
    static func monthText(year: Int, month: Int) -> String { pad(year, 4) + "-" + pad(month, 2) }

    /// The year and month of `YYYY-MM`, or `nil`.
    static func month(_ text: String) -> (year: Int, month: Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
              (1...12).contains(m) else { return nil }
        return (y, m)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Every period key from `first` to `last` (both keys of `period`), in order; `nil` when a key is not of the
    /// period's form or there would be more than `limit` keys.
    static func keys(from first: String, to last: String, period: ReportPeriod, limit: Int = 2000) -> [String]? {
        switch period {
        case .day, .week:
            guard let a = number(first), let b = number(last), a <= b else { return nil }
            let step = period == .day ? 1 : 7
            guard (b - a) / step < limit else { return nil }
            return stride(from: a, through: b, by: step).map(text)
        case .month:
            guard let a = month(first), let b = month(last) else { return nil }
            let (ia, ib) = (a.year * 12 + a.month - 1, b.year * 12 + b.month - 1)
            guard ia <= ib, ib - ia < limit else { return nil }
            return (ia...ib).map { monthText(year: $0 / 12, month: $0 % 12 + 1) }
        }
    }
}

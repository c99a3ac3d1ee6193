import Foundation

/// A date as the printed page writes it: day, month and four-digit year.
public struct VIZDate: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYMMDD`, as the MRZ writes it.
    public var mrz: String { two(year % 100) + two(month) + two(day) }

    /// `YYYY-MM-DD`.
    public var description: String { String(year) + "-" + two(month) + "-" + two(day) }

    private func two(_ v: Int) -> String { v < 10 ? "0\(v)" : String(v) }
}

/// Parsing of the printed page's values: dates in the forms documents use, sex, codes and numbers.
public enum VIZValueParser {
    /// Month names and abbreviations (folded) in English, French, Spanish, German, Italian, Portuguese and
    /// Dutch, to their month number.
    static let months: [String: Int] = {
        let table: [[String]] = [
            ["JAN", "JANUARY", "JANV", "JANVIER", "ENE", "ENERO", "JANUAR", "GEN", "GENNAIO", "JANEIRO", "JANUARI"],
            ["FEB", "FEBRUARY", "FEV", "FEVR", "FEVRIER", "FEBRERO", "FEBRUAR", "FEBBRAIO", "FEVEREIRO", "FEBRUARI"],
            ["MAR", "MARCH", "MARS", "MARZO", "MARZ", "MAERZ", "MARCO", "MAART", "MRT"],
            ["APR", "APRIL", "AVR", "AVRIL", "ABR", "ABRIL", "APRILE"],
            ["MAY", "MAI", "MAYO", "MAG", "MAGGIO", "MAIO", "MEI"],
            ["JUN", "JUNE", "JUIN", "JUNIO", "JUNI", "GIU", "GIUGNO", "JUNHO"],
            ["JUL", "JULY", "JUIL", "JUILLET", "JULIO", "JULI", "LUG", "LUGLIO", "JULHO"],
            ["AUG", "AUGUST", "AOUT", "AGO", "AGOSTO", "AUGUSTUS"],
            ["SEP", "SEPT", "SEPTEMBER", "SEPTEMBRE", "SEPTIEMBRE", "SET", "SETTEMBRE", "SETEMBRO"],
            ["OCT", "OCTOBER", "OCTOBRE", "OCTUBRE", "OKT", "OKTOBER", "OTT", "OTTOBRE", "OUT", "OUTUBRO"],
            ["NOV", "NOVEMBER", "NOVEMBRE", "NOVIEMBRE", "NOVEMBRO"],
            ["DEC", "DECEMBER", "DECEMBRE", "DICIEMBRE", "DIC", "DEZ", "DEZEMBER", "DICEMBRE", "DEZEMBRO"],
        ]
        var out: [String: Int] = [:]
        for (i, names) in table.enumerated() { for n in names { out[n] = i + 1 } }
        return out
    }()

    /// Words that only announce the month (Vietnamese `tháng`, `thg`) and are skipped.
    static let monthMarkers: Set<String> = ["THG", "THANG", "TH"]

    /// The date written in `text`, or `nil` when it holds no unambiguous date.
    ///
    /// Day, month and four-digit year in the orders documents use: `02 APR 1986`, `02/04/1986`,
    /// `02 04 1986`, `02.04.1986`, `02 THG 04 / APR 1986` (every month given must agree),
    /// `02 AVR/APR 1986`, `1986-04-02`. OCR look-alikes in digit groups (`O`→0, `I`/`L`→1, `S`→5, `B`→8,
    /// `Z`→2) and in month names (`0`→O, `1`→I, `5`→S, `8`→B) are read as what they resemble. O(n).
    public static func date(_ text: String) -> VIZDate? {
        var words = VIZText.words(text).filter { !monthMarkers.contains($0) }
        guard !words.isEmpty, words.count <= 7 else { return nil }
        words = words.map(normalise)
        var numbers: [(value: Int, digits: Int)] = []
        var named: Set<Int> = []
        for w in words {
            if w.allSatisfy(\.isNumber) {
                guard let v = Int(w), w.count <= 4 else { return nil }
                numbers.append((v, w.count))
            } else if let m = months[w] {
                named.insert(m)
            } else if w.count >= 3, let m = monthByDistance(w) {
                named.insert(m)
            } else {
                return nil
            }
        }
        guard named.count <= 1 else { return nil }
        var year: Int?, month: Int?, day: Int?
        if let y = numbers.firstIndex(where: { $0.digits == 4 }) {
            year = numbers[y].value
            let rest = numbers.enumerated().filter { $0.offset != y }.map(\.element)
            guard rest.allSatisfy({ $0.digits <= 2 }) else { return nil }
            if y == 0 {
                // Year first: YYYY MM DD.
                guard rest.count == 2 || (rest.count == 1 && !named.isEmpty) else { return nil }
                if rest.count == 2 { month = rest[0].value; day = rest[1].value } else { day = rest[0].value }
            } else {
                // DD MM YYYY, DD MON YYYY, DD THG MM / MON YYYY.
                guard let first = rest.first else { return nil }
                day = first.value
                if rest.count >= 2 { month = rest[1].value }
                guard rest.count <= 2 else { return nil }
            }
        } else {
            return nil
        }
        if let m = named.first {
            if let numeric = month, numeric != m { return nil }
            month = m
        }
        guard let year, let month, let day, (1...12).contains(month), (1...31).contains(day), (1850...2199).contains(year)
        else { return nil }
        return VIZDate(year: year, month: month, day: day)
    }

    /// A word read where digits or a month name stand: digit look-alikes fixed one way or the other,
    /// depending on which the word mostly is.
    static func normalise(_ word: String) -> String {
        let digits = word.filter(\.isNumber).count
        if digits * 2 >= word.count {
            return String(word.map { c -> Character in
                switch c {
                case "O", "D", "Q": "0"
                case "I", "L", "T": "1"
                case "S": "5"
                case "B": "8"
                case "Z": "2"
                case "G": "6"
                default: c
                }
            })
        }
        return String(word.map { c -> Character in
            switch c {
            case "0": "O"
            case "1": "I"
            case "5": "S"
            case "8": "B"
            default: c
            }
        })
    }

    /// A month name within one edit of a known one of at least five letters, when only one month fits
    /// (three-letter abbreviations must be exact: `MAR`, `MAY` and `MAI` are one letter apart).
    static func monthByDistance(_ word: String) -> Int? {
        guard word.count >= 5 else { return nil }
        var found: Set<Int> = []
        for (name, m) in months where abs(name.count - word.count) <= 1 && name.count >= 5 {
            if VIZText.editDistance(name, word) <= 1 { found.insert(m) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// Sex as printed (`M`, `F`, `X`, `<`, or in words: `Nam / M`, `Nữ / F`, `Masculin`, `Female` …),
    /// as the MRZ codes it (`M`, `F`, `X`), or `nil` when the text does not say or says two things.
    public static func sex(_ text: String) -> String? {
        let male: Set<String> = ["M", "NAM", "MALE", "MASCULIN", "MASCULINO", "MANNLICH", "MASCHILE", "HOMBRE"]
        let female: Set<String> = ["F", "NU", "FEMALE", "FEMININ", "FEMENINO", "WEIBLICH", "FEMMINILE", "MUJER"]
        let unspecified: Set<String> = ["X", "UNSPECIFIED"]
        var said: Set<String> = []
        let words = VIZText.words(text)
        guard !words.isEmpty, words.count <= 4 else { return nil }
        for w in words {
            if male.contains(w) { said.insert("M") } else if female.contains(w) { said.insert("F") } else if unspecified.contains(w) {
                said.insert("X")
            } else {
                return nil
            }
        }
        return said.count == 1 ? said.first : nil
    }

    /// Whether `text` looks like a value of `field` as documents print it: names in capitals (letters, spaces,
    /// hyphens, apostrophes), a document number of capitals and digits, a nationality of one to three
    /// capitals, a date, a sex. OCR of background or of a blurred line rarely passes. O(n).
    public static func plausible(_ field: VIZFieldName, _ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return false }
        switch field {
        case .surname, .givenNames:
            let letters = t.filter(\.isLetter)
            guard letters.count >= 2, t.allSatisfy({ $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" }) else { return false }
            return Double(letters.filter(\.isUppercase).count) >= 0.85 * Double(letters.count)
        case .documentNumber:
            let c = t.filter { $0 != " " }
            return c.count >= 5 && c.count <= 15 && c.allSatisfy { ($0.isASCII && $0.isUppercase) || ($0.isASCII && $0.isNumber) }
        case .nationality:
            return t.count <= 3 && t.allSatisfy { $0.isASCII && $0.isUppercase }
        case .birthDate, .expiryDate:
            return date(t) != nil && t.allSatisfy { $0.isLetter || $0.isNumber || " /.,-".contains($0) }
        case .sex:
            return sex(t) != nil && t.allSatisfy { $0.isLetter || $0 == " " || $0 == "/" }
        }
    }

    /// Letters and digits of `text` without spaces, folded (a document number or a code as printed).
    public static func compact(_ text: String) -> String {
        VIZText.words(text).joined()
    }
}

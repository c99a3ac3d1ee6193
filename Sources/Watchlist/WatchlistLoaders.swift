import Foundation

/// The plain person list: a CSV with header `id,surname,given_names,birth_date,nationality,sex,list`.
///
/// `birth_date` is `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or empty; `nationality` an MRZ code or empty; `sex` `M`, `F`,
/// `X` or empty. A row repeating an earlier `id` adds an alias to that person (its other fields must be empty or
/// agree). Rows that break these rules are left out and reported by line; the rest loads.
public enum PersonListCSV {
    /// The required header.
    public static let header = ["id", "surname", "given_names", "birth_date", "nationality", "sex", "list"]

    /// Reads the list from UTF-8 bytes. Throws only when the header is wrong; bad rows are in the result's
    /// `problems`. O(n) in the size of the file.
    public static func load(_ bytes: some ContiguousBytes) throws(WatchlistLoadError) -> WatchlistLoadResult<WatchlistPerson> {
        var persons: [WatchlistPerson] = []
        var problems: [WatchlistLoadError] = []
        var rowOfID: [String: Int] = [:]
        try CSVScanner.forEachDataRecord(in: bytes, header: header) { line, result in
            switch parseRow(result) {
            case .failure(let problem):
                problems.append(.badRow(line: line, problem: problem))
            case .success(let person):
                if let existing = rowOfID[person.id] {
                    if let conflict = conflictingField(persons[existing], person) {
                        problems.append(.badRow(line: line, problem: .conflictingDuplicate(id: person.id, field: conflict)))
                    } else {
                        persons[existing].names += person.names
                        if persons[existing].birthDate == nil { persons[existing].birthDate = person.birthDate }
                        if persons[existing].sex == nil { persons[existing].sex = person.sex }
                        if persons[existing].nationalities.isEmpty { persons[existing].nationalities = person.nationalities }
                    }
                } else {
                    rowOfID[person.id] = persons.count
                    persons.append(person)
                }
            }
        }
        return WatchlistLoadResult(records: persons, problems: problems)
    }

    private static func parseRow(_ result: Result<[String], RowProblem>) -> Result<WatchlistPerson, RowProblem> {
        let fields: [String]
        switch result {
        case .failure(let problem): return .failure(problem)
        case .success(let f): fields = f.map(trimmed)
        }
        guard fields.count == header.count else { return .failure(.wrongColumnCount(expected: header.count, found: fields.count)) }
        let id = fields[0], surname = fields[1], given = fields[2]
        guard !id.isEmpty else { return .failure(.missingValue(field: "id")) }
        guard !surname.isEmpty || !given.isEmpty else { return .failure(.missingValue(field: "surname")) }
        let name = PersonName(surname: surname, givenNames: given)
        guard NameNormalizer.hasTokens(name) else {
            return .failure(.invalidValue(field: surname.isEmpty ? "given_names" : "surname", text: surname + " " + given))
        }
        var birthDate: PartialDate?
        if !fields[3].isEmpty {
            guard let date = PartialDate(text: fields[3]) else { return .failure(.impossibleDate(field: "birth_date", text: fields[3])) }
            birthDate = date
        }
        var nationalities: [String] = []
        if !fields[4].isEmpty {
            guard let code = StateCode.normalized(fields[4]) else { return .failure(.invalidValue(field: "nationality", text: fields[4])) }
            nationalities = [code]
        }
        var sex: Sex?
        if !fields[5].isEmpty {
            guard let s = Sex(text: fields[5]) else { return .failure(.invalidValue(field: "sex", text: fields[5])) }
            sex = s
        }
        let list = fields[6].isEmpty ? "watchlist" : fields[6]
        return .success(WatchlistPerson(id: id, names: [name], birthDate: birthDate, nationalities: nationalities, sex: sex, list: list))
    }

    /// The field an alias row contradicts, or `nil` when it only adds a name.
    private static func conflictingField(_ first: WatchlistPerson, _ alias: WatchlistPerson) -> String? {
        if let a = first.birthDate, let b = alias.birthDate, a != b { return "birth_date" }
        if !first.nationalities.isEmpty, !alias.nationalities.isEmpty, first.nationalities != alias.nationalities { return "nationality" }
        if let a = first.sex, let b = alias.sex, a != b { return "sex" }
        if first.list != alias.list { return "list" }
        return nil
    }
}

/// The lost and stolen document list: a CSV with header `issuing_state,document_number,document_type,reported`.
///
/// Document numbers are kept upper-case with spaces, hyphens and fillers removed, 1-24 characters `A`-`Z`,
/// `0`-`9`; `reported` is a date or empty.
public enum DocumentListCSV {
    /// The required header.
    public static let header = ["issuing_state", "document_number", "document_type", "reported"]

    /// Reads the list from UTF-8 bytes. Throws only when the header is wrong; bad rows are in `problems`. O(n).
    public static func load(_ bytes: some ContiguousBytes) throws(WatchlistLoadError) -> WatchlistLoadResult<LostDocument> {
        var documents: [LostDocument] = []
        var problems: [WatchlistLoadError] = []
        try CSVScanner.forEachDataRecord(in: bytes, header: header) { line, result in
            switch parseRow(result) {
            case .failure(let problem): problems.append(.badRow(line: line, problem: problem))
            case .success(let document): documents.append(document)
            }
        }
        return WatchlistLoadResult(records: documents, problems: problems)
    }

    private static func parseRow(_ result: Result<[String], RowProblem>) -> Result<LostDocument, RowProblem> {
        let fields: [String]
        switch result {
        case .failure(let problem): return .failure(problem)
        case .success(let f): fields = f.map(trimmed)
        }
        guard fields.count == header.count else { return .failure(.wrongColumnCount(expected: header.count, found: fields.count)) }
        guard !fields[0].isEmpty else { return .failure(.missingValue(field: "issuing_state")) }
        guard let state = StateCode.normalized(fields[0]) else { return .failure(.invalidValue(field: "issuing_state", text: fields[0])) }
        guard !fields[1].isEmpty else { return .failure(.missingValue(field: "document_number")) }
        guard let number = DocumentNumber.normalized(fields[1]) else {
            return .failure(.invalidValue(field: "document_number", text: fields[1]))
        }
        var reported: PartialDate?
        if !fields[3].isEmpty {
            guard let date = PartialDate(text: fields[3]) else { return .failure(.impossibleDate(field: "reported", text: fields[3])) }
            reported = date
        }
        return .success(LostDocument(issuingState: state, documentNumber: number, documentType: fields[2], reported: reported))
    }
}

/// The OpenSanctions "FollowTheMoney" JSON Lines export: one entity per line,
/// `{"id", "schema", "properties": {...}, "datasets": [...]}`.
///
/// `Person` entities load (other schemas are counted in `ignored`): `firstName`, `middleName`, `fatherName`,
/// `secondName` and `lastName` make the split primary name; `name`, `alias` and `previousName` add whole-name
/// aliases (`weakAlias` is left out); `birthDate` (first real date), `nationality` and `citizenship` (ISO
/// alpha-2, mapped to MRZ codes), `gender`. The list is the entity's first dataset.
public enum FollowTheMoneyJSON {
    /// What a file yielded: persons, bad lines, and how many entities were not persons.
    public struct Loaded: Sendable {
        /// Persons and bad lines.
        public var result: WatchlistLoadResult<WatchlistPerson>
        /// Entities of other schemas (companies, vessels, ...), skipped.
        public var ignored: Int
    }

    /// Reads JSON Lines from UTF-8 bytes. Never throws for a bad line; each is reported with its line. O(n).
    public static func load(_ bytes: some ContiguousBytes) -> Loaded {
        var persons: [WatchlistPerson] = []
        var problems: [WatchlistLoadError] = []
        var ignored = 0
        bytes.withUnsafeBytes { raw in
            let all = raw.bindMemory(to: UInt8.self)
            var start = 0
            var line = 0
            while start < all.count {
                line += 1
                var end = start
                while end < all.count, all[end] != UInt8(ascii: "\n") { end += 1 }
                let row = Array(all[start..<end])
                start = end + 1
                if row.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
                if let bad = UTF8Check.firstInvalidOffset(in: row) {
                    problems.append(.badRow(line: line, problem: .invalidUTF8(byteOffset: bad)))
                    continue
                }
                switch parseEntity(row) {
                case .failure(let problem): problems.append(.badRow(line: line, problem: problem))
                case .success(nil): ignored += 1
                case .success(let person?): persons.append(person)
                }
            }
        }
        return Loaded(result: WatchlistLoadResult(records: persons, problems: problems), ignored: ignored)
    }

    private static func parseEntity(_ row: [UInt8]) -> Result<WatchlistPerson?, RowProblem> {
        guard let object = try? JSONSerialization.jsonObject(with: Data(row)) as? [String: Any] else {
            return .failure(.invalidJSON(detail: "not a JSON object"))
        }
        guard let schema = object["schema"] as? String else { return .failure(.invalidJSON(detail: "no schema")) }
        guard schema == "Person" else { return .success(nil) }
        guard let id = object["id"] as? String, !id.isEmpty else { return .failure(.missingValue(field: "id")) }
        let properties = object["properties"] as? [String: Any] ?? [:]
        func strings(_ key: String) -> [String] {
            (properties[key] as? [Any] ?? []).compactMap { ($0 as? String)?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var names: [PersonName] = []
        func add(_ name: PersonName) {
            if NameNormalizer.hasTokens(name), !names.contains(name) { names.append(name) }
        }
        let given = (strings("firstName").prefix(1) + strings("secondName").prefix(1) + strings("middleName").prefix(1)
            + strings("fatherName").prefix(1)).joined(separator: " ")
        for last in strings("lastName") { add(PersonName(surname: last, givenNames: given)) }
        if names.isEmpty, !given.isEmpty { add(PersonName(surname: "", givenNames: given)) }
        for key in ["name", "alias", "previousName"] {
            for whole in strings(key) { add(PersonName(unsplit: whole)) }
        }
        guard !names.isEmpty else { return .failure(.missingValue(field: "name")) }
        var birthDate: PartialDate?
        let dates = strings("birthDate")
        if !dates.isEmpty {
            birthDate = dates.lazy.compactMap { PartialDate(text: $0) }.first
            if birthDate == nil { return .failure(.impossibleDate(field: "birthDate", text: dates[0])) }
        }
        var nationalities: [String] = []
        for code in strings("nationality") + strings("citizenship") {
            if let mrz = CountryCodes.mrzCode[code.lowercased()], !nationalities.contains(mrz) { nationalities.append(mrz) }
        }
        let sex = strings("gender").lazy.compactMap { Sex(text: $0) }.first
        let list = (object["datasets"] as? [Any])?.first as? String ?? "opensanctions"
        return .success(WatchlistPerson(id: id, names: names, birthDate: birthDate, nationalities: nationalities, sex: sex, list: list))
    }
}

/// Which list format a file holds, told from its content.
public enum WatchlistSourceFormat: String, Sendable, Hashable, CaseIterable {
    /// ``PersonListCSV``.
    case personCSV
    /// ``DocumentListCSV``.
    case documentCSV
    /// ``FollowTheMoneyJSON``.
    case followTheMoney

    /// The format of `bytes`: JSON Lines when the first non-blank character is `{`, otherwise the CSV whose header
    /// the first line is; `nil` when neither. `pathExtension` breaks no ties: content decides. O(first line).
    public static func detect(_ bytes: some ContiguousBytes) -> WatchlistSourceFormat? {
        bytes.withUnsafeBytes { raw -> WatchlistSourceFormat? in
            var i = 0
            if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { i = 3 }
            while i < raw.count, [0x20, 0x09, 0x0A, 0x0D].contains(raw[i]) { i += 1 }
            guard i < raw.count else { return nil }
            if raw[i] == UInt8(ascii: "{") { return .followTheMoney }
            var end = i
            while end < raw.count, raw[end] != 0x0A { end += 1 }
            let header = String(decoding: raw[i..<end], as: UTF8.self)
                .split(separator: ",", omittingEmptySubsequences: false).map { trimmed(String($0)) }
            if header == PersonListCSV.header { return .personCSV }
            if header == DocumentListCSV.header { return .documentCSV }
            return nil
        }
    }
}

/// Three-letter MRZ codes as lists write them.
enum StateCode {
    /// Upper-case, fillers removed; `nil` unless 1-3 letters `A`-`Z` remain. `DEU` becomes `D`, the code Doc 9303
    /// gives Germany, so that lists using the ISO code meet German documents.
    static func normalized(_ text: String) -> String? {
        let letters = text.uppercased().filter { $0 != "<" && $0 != " " }
        guard (1...3).contains(letters.count), letters.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return letters == "DEU" ? "D" : letters
    }

    /// Three letters packed in 15 bits (`A` = 1 ... `Z` = 26, absent 0); 0 for none.
    static func packed(_ code: String) -> UInt32 {
        var value: UInt32 = 0
        for b in code.utf8.prefix(3) { value = value << 5 | UInt32(b &- 64) & 31 }
        return value << (5 * UInt32(3 - min(3, code.utf8.count)))
    }

    /// The code a packed value holds.
    static func unpacked(_ value: UInt32) -> String {
        var out: [UInt8] = []
        for shift in [10, 5, 0] {
            let v = (value >> UInt32(shift)) & 31
            if v != 0 { out.append(UInt8(v) + 64) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Document numbers as the MRZ and the lists write them.
enum DocumentNumber {
    /// The longest number kept (TD1 numbers run into the optional data up to 22 characters).
    static let maximumLength = 24

    /// Upper-case, spaces, hyphens and fillers removed; `nil` unless 1-24 characters `A`-`Z`, `0`-`9` remain.
    static func normalized(_ text: String) -> String? {
        let kept = text.uppercased().filter { $0 != "<" && $0 != " " && $0 != "-" }
        guard (1...maximumLength).contains(kept.utf8.count),
              kept.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) }) else { return nil }
        return kept
    }

    /// Each character replaced by the representative of its OCR look-alike class (`O`, `Q`, `D` → `0`; `I`, `L`
    /// → `1`; `Z` → `2`; `S` → `5`; `G` → `6`; `B` → `8`), so that numbers an OCR-B reader confuses compare equal.
    static func folded(_ number: [UInt8]) -> [UInt8] {
        number.map { b in
            switch b {
            case UInt8(ascii: "O"), UInt8(ascii: "Q"), UInt8(ascii: "D"): UInt8(ascii: "0")
            case UInt8(ascii: "I"), UInt8(ascii: "L"): UInt8(ascii: "1")
            case UInt8(ascii: "Z"): UInt8(ascii: "2")
            case UInt8(ascii: "S"): UInt8(ascii: "5")
            case UInt8(ascii: "G"): UInt8(ascii: "6")
            case UInt8(ascii: "B"): UInt8(ascii: "8")
            default: b
            }
        }
    }
}

/// Surrounding spaces and tabs removed.
func trimmed(_ s: String) -> String {
    let utf8 = s.utf8
    guard let first = utf8.first, let last = utf8.last else { return s }
    if first != 0x20, first != 0x09, last != 0x20, last != 0x09, last != 0x0D { return s }
    var sub = Substring(s)
    while let f = sub.first, f == " " || f == "\t" { sub.removeFirst() }
    while let l = sub.last, l == " " || l == "\t" || l == "\r" { sub.removeLast() }
    return sub.count == s.count ? s : String(sub)
}
